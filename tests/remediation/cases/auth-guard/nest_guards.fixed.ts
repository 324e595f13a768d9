import { Controller, Delete, Param, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from './jwt-auth.guard';

@Controller('tags')
export class TagsController {
  // ruleid: TD-S001
  @UseGuards(JwtAuthGuard)
  @Delete(':name')
  remove(@Param('name') name: string) {
    return { removed: name };
  }
}
