"""Golden tests: what NestJS route parameters hold and the handler facts they reach."""

from __future__ import annotations

from nest_helpers import endpoint, extract, fact_lines

from threatdelta.model import FactKind, ParamLocation, Tri


def test_body_dto_of_the_same_file_gives_request_fields_and_a_schema() -> None:
    fragment = extract(
        """
        import { Body, Controller, Post } from '@nestjs/common';

        export class CreateUserDto {
          email: string;
          password: string;
        }

        @Controller('users')
        export class UsersController {
          @Post()
          create(@Body() dto: CreateUserDto) {}
        }
        """
    )
    ep = endpoint(fragment, "POST", "")
    assert ep.request_fields == ("email", "password")
    assert ep.request_schema is Tri.YES
    assert set(ep.request_data) >= {"credentials", "pii"}


def test_untyped_body_has_no_schema() -> None:
    fragment = extract(
        """
        import { Body, Controller, Post } from '@nestjs/common';

        @Controller('notes')
        export class NotesController {
          @Post()
          create(@Body() body: any) {}
        }
        """
    )
    assert endpoint(fragment, "POST", "").request_schema is Tri.NO


def test_param_reaches_a_template_sql_query() -> None:
    fragment = extract(
        """
        import { Controller, Get, Param } from '@nestjs/common';

        @Controller('reports')
        export class ReportsController {
          constructor(private readonly db: DataSource) {}

          @Get(':id')
          find(@Param('id') id: string) {
            return this.db.query(`SELECT * FROM reports WHERE id = ${id}`);
          }
        }
        """
    )
    ep = endpoint(fragment, "GET", "{id}")
    assert fact_lines(ep, FactKind.SQL_RAW) == [("this.db.query", 9, "yes")]
    assert [(p.name, p.location) for p in ep.parameters] == [("id", ParamLocation.PATH)]


def test_body_field_and_query_reach_a_shell_command() -> None:
    fragment = extract(
        """
        import { Body, Controller, Post, Query } from '@nestjs/common';
        import { exec } from 'child_process';

        @Controller('tools')
        export class ToolsController {
          @Post('ping')
          ping(@Body('host') host: string, @Query('count') count: string) {
            exec(`ping -c ${count} ${host}`);
          }
        }
        """
    )
    ep = endpoint(fragment, "POST", "ping")
    assert fact_lines(ep, FactKind.COMMAND_EXEC) == [("child_process.exec", 8, "yes")]
    assert ep.request_fields == ("host",)
    assert [(p.name, p.location) for p in ep.parameters] == [("count", ParamLocation.QUERY)]


def test_validation_pipe_on_the_body_is_an_input_validation_fact() -> None:
    fragment = extract(
        """
        import { Body, Controller, Post, ValidationPipe } from '@nestjs/common';

        @Controller('items')
        export class ItemsController {
          @Post()
          create(@Body(new ValidationPipe({ whitelist: true })) dto: CreateItemDto) {}
        }
        """
    )
    ep = endpoint(fragment, "POST", "")
    assert fact_lines(ep, FactKind.INPUT_VALIDATION) == [("ValidationPipe:whitelist", 6, "no")]
