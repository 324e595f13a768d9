import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from './jwt-auth.guard';

@Controller('notes')
export class NotesController {
  @UseGuards(JwtAuthGuard)
  @Post()
  create(@Body() body: { text: string }) {
    return body;
  }

  @UseGuards(JwtAuthGuard)
  @Post('archive')
  archive(@Body() body: { id: string }) {
    return body;
  }
}
