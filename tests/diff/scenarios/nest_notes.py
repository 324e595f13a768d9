"""A NestJS notes service guarded by a global JWT guard (`APP_GUARD`); the pull requests
open a write route with `@Public()` or add a guard to a controller that had none."""

from __future__ import annotations

MAIN = """\
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api');
  app.use(helmet());
  await app.listen(3000);
}
bootstrap();
"""

MODULE = """\
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { NotesController } from './notes/notes.controller';
import { ExportsController } from './exports/exports.controller';

@Module({
  controllers: [NotesController, ExportsController],
  providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
})
export class AppModule {}
"""

# The base of the second pull request: no global guard, so each controller's own
# `@UseGuards` decides.
MODULE_WITHOUT_GLOBAL_GUARD = """\
import { Module } from '@nestjs/common';
import { NotesController } from './notes/notes.controller';
import { ExportsController } from './exports/exports.controller';

@Module({ controllers: [NotesController, ExportsController] })
export class AppModule {}
"""

NOTES = """\
import { Body, Controller, Get, Post } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { NotesService } from './notes.service';

export class CreateNoteDto {
  title: string;
  body: string;
}

@Controller('notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Public()
  @Get()
  list() {
    return this.notes.list();
  }

  @Post()
  create(@Body() dto: CreateNoteDto) {
    return this.notes.create(dto);
  }
}
"""

# The PR copies `@Public()` from the read onto the write.
NOTES_PUBLIC_WRITE = NOTES.replace("  @Post()\n  create(", "  @Public()\n  @Post()\n  create(")

EXPORTS = """\
import { Controller, Delete, Param, Post } from '@nestjs/common';
import { ExportsService } from './exports.service';

@Controller('exports')
export class ExportsController {
  constructor(private readonly exportsService: ExportsService) {}

  @Post()
  start() {
    return this.exportsService.start();
  }

  @Delete(':id')
  cancel(@Param('id') id: string) {
    return this.exportsService.cancel(id);
  }
}
"""

# The PR puts the exports controller behind the JWT guard.
EXPORTS_GUARDED = EXPORTS.replace(
    "import { Controller, Delete, Param, Post } from '@nestjs/common';",
    "import { Controller, Delete, Param, Post, UseGuards } from '@nestjs/common';\n"
    "import { JwtAuthGuard } from '../auth/jwt-auth.guard';",
).replace("@Controller('exports')", "@UseGuards(JwtAuthGuard)\n@Controller('exports')")

PUBLIC = """\
import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'isPublic';
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
"""

FILES = {
    "src/main.ts": MAIN,
    "src/app.module.ts": MODULE,
    "src/auth/public.decorator.ts": PUBLIC,
    "src/notes/notes.controller.ts": NOTES,
    "src/exports/exports.controller.ts": EXPORTS,
    "README.md": "# notes\n\nA NestJS notes service.\n",
}
