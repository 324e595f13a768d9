import { Controller, Delete, Param, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from './jwt-auth.guard';
import { Public } from './public.decorator';

@UseGuards(JwtAuthGuard)
@Controller('tags')
export class TagsController {
  @Post()
  create() {
    return { ok: true };
  }

  // ruleid: TD-S001
  @Public()
  @Delete(':name')
  remove(@Param('name') name: string) {
    return { removed: name };
  }
}
