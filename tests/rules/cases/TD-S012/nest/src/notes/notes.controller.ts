import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { NotesService } from './notes.service';

@Controller('notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  // ok: TD-S012 (a public read)
  @Public()
  @Get()
  list() {
    return this.notes.list();
  }

  // ruleid: TD-S012
  @Public()
  @Post()
  create(@Body() body: CreateNoteDto) {
    return this.notes.create(body);
  }

  // ok: TD-S012 (guarded like every other route)
  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.notes.remove(id);
  }

  // ok: TD-S012 (the route names its own authentication guard)
  @Public()
  @UseGuards(ApiKeyGuard)
  @Post('import')
  importNotes(@Body() body: CreateNoteDto) {
    return this.notes.create(body);
  }

  // ok: TD-S012 (sign-up is public by design)
  @Public()
  @Post('signup')
  signup(@Body() body: CreateNoteDto) {
    return this.notes.create(body);
  }
}
