import { Controller, Delete, Param } from '@nestjs/common';

@Controller('tags')
export class TagsController {
  // ruleid: TD-S001
  @Delete(':name')
  remove(@Param('name') name: string) {
    return { removed: name };
  }
}
