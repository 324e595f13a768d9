"""Golden tests: the NestJS bootstrap and modules, and their linking into full routes."""

from __future__ import annotations

import textwrap
from pathlib import Path

from nest_helpers import extract, router

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.nest import NestExtractor
from threatdelta.model import FactKind, RouterRef, Tri
from threatdelta.pipeline import scan


def test_bootstrap_is_an_app_mounting_the_root_module_under_the_global_prefix() -> None:
    fragment = extract(
        """
        import { NestFactory } from '@nestjs/core';
        import { AppModule } from './app.module';

        async function bootstrap() {
          const app = await NestFactory.create(AppModule);
          app.setGlobalPrefix('api');
          app.useGlobalGuards(new JwtAuthGuard());
          await app.listen(3000);
        }
        """,
        path="src/main.ts",
    )
    app = router(fragment, "app")
    assert (app.is_app, app.service, app.authentication) == (True, "src", Tri.YES)
    (mount,) = fragment.mounts
    assert (mount.child, mount.prefix) == (
        RouterRef(module="src/app.module", name="AppModule"),
        "api",
    )
    assert fragment.services[0].framework == "nestjs"


def test_global_pipe_and_raised_body_limit_are_service_facts() -> None:
    fragment = extract(
        """
        import { NestFactory } from '@nestjs/core';
        import { json } from 'express';

        async function bootstrap() {
          const app = await NestFactory.create(AppModule);
          app.use(json({ limit: '50mb' }));
          app.useGlobalPipes(new ValidationPipe({ transform: true }));
        }
        """,
        path="src/main.ts",
    )
    facts = {(f.kind, f.name, f.location.start_line) for f in fragment.services[0].facts}
    assert facts == {
        (FactKind.BODY_LIMIT_RAISED, "json.limit", 6),
        (FactKind.INPUT_VALIDATION, "ValidationPipe:no-whitelist", 7),
    }
    assert fragment.services[0].security_headers is Tri.NO


def test_app_guard_provider_authenticates_the_module_and_mounts_its_parts() -> None:
    fragment = extract(
        """
        import { Module } from '@nestjs/common';
        import { APP_GUARD } from '@nestjs/core';
        import { UsersModule } from './users/users.module';

        @Module({
          imports: [UsersModule],
          controllers: [HealthController],
          providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
        })
        export class AppModule {}

        export class HealthController {}
        """,
        path="src/app.module.ts",
    )
    decl = router(fragment, "AppModule")
    assert (decl.authentication, decl.guards) == (Tri.YES, ("JwtAuthGuard",))
    assert {(m.child.module, m.child.name) for m in fragment.mounts} == {
        ("src/users/users.module", "UsersModule"),
        ("src/app.module", "HealthController"),
    }


def test_router_module_paths_prefix_the_modules_they_name() -> None:
    fragment = extract(
        """
        import { Module } from '@nestjs/common';
        import { RouterModule } from '@nestjs/core';
        import { AdminModule } from './admin/admin.module';

        @Module({
          imports: [AdminModule, RouterModule.register([{ path: 'admin', module: AdminModule }])],
        })
        export class AppModule {}
        """,
        path="src/app.module.ts",
    )
    assert [(m.child.name, m.prefix) for m in fragment.mounts] == [("AdminModule", "/admin")]


def _write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def test_scan_links_prefix_global_guard_and_public_bypass(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "src/main.ts",
        """
        import { NestFactory } from '@nestjs/core';
        import { AppModule } from './app.module';
        const app = await NestFactory.create(AppModule);
        app.setGlobalPrefix('api');
        """,
    )
    _write(
        tmp_path,
        "src/app.module.ts",
        """
        import { Module } from '@nestjs/common';
        import { NotesController } from './notes.controller';
        @Module({
          controllers: [NotesController],
          providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
        })
        export class AppModule {}
        """,
    )
    _write(
        tmp_path,
        "src/notes.controller.ts",
        """
        import { Controller, Get, Post } from '@nestjs/common';
        @Controller('notes')
        export class NotesController {
          @Get()
          list() {}
          @Public()
          @Post()
          create() {}
        }
        """,
    )
    model = scan(tmp_path).model
    auth = {(e.method, e.path): e.authentication for e in model.endpoints}
    assert auth == {("GET", "/api/notes"): Tri.YES, ("POST", "/api/notes"): Tri.NO}
    assert {e.service for e in model.endpoints} == {"src"}


def test_syntax_error_is_a_notification_and_the_rest_is_read() -> None:
    fragment = extract(
        """
        import { Controller, Get } from '@nestjs/common';

        @Controller('broken')
        export class BrokenController {
          @Get()
          list() { return [1, 2; }
        }
        """
    )
    assert [n.code for n in fragment.notifications] == ["parse-error"]
    assert "line 6" in fragment.notifications[0].message


def test_claims_only_files_importing_nestjs_outside_tests() -> None:
    extractor = NestExtractor()
    nest = "import { Controller } from '@nestjs/common';\n"
    assert extractor.claims(SourceFile(path="src/a.controller.ts", text=nest))
    assert not extractor.claims(SourceFile(path="src/a.controller.spec.ts", text=nest))
    assert not extractor.claims(
        SourceFile(path="src/app.ts", text="import express from 'express';")
    )


def test_binary_content_is_a_notification() -> None:
    fragment = extract("@nestjs/" + "\x00\x01\x02\x03" * 200)
    assert [n.code for n in fragment.notifications] == ["binary-file"]
    assert fragment.endpoints == ()


def test_controller_call_into_an_injected_provider_is_recorded() -> None:
    fragment = extract(
        """
        import { Controller, Get, Query } from '@nestjs/common';
        import { OrdersService } from './orders.service';

        @Controller('orders')
        export class OrdersController {
          constructor(private readonly orders: OrdersService) {}

          @Get()
          list(@Query('status') status: string) {
            return this.orders.findByStatus(status, 10);
          }
        }
        """,
        path="src/orders/orders.controller.ts",
    )
    (call,) = fragment.provider_calls
    assert (call.method.module, call.method.name) == (
        "src/orders/orders.service",
        "OrdersService.findByStatus",
    )
    assert (call.from_input, call.location.start_line, call.handler.start_line) == (Tri.YES, 10, 8)


def test_injectable_methods_are_read_with_their_parameters_as_input() -> None:
    fragment = extract(
        """
        import { Injectable } from '@nestjs/common';

        @Injectable()
        export class OrdersService {
          constructor(private readonly db: DataSource) {}

          findByStatus(status: string) {
            return this.db.query(`SELECT * FROM orders WHERE status = '${status}'`);
          }

          count() {
            return this.db.query('SELECT count(*) FROM orders');
          }
        }
        """,
        path="src/orders/orders.service.ts",
    )
    (method,) = fragment.provider_methods
    assert method.method.name == "OrdersService.findByStatus"
    assert [(f.kind, f.location.start_line, f.from_input) for f in method.facts] == [
        (FactKind.SQL_RAW, 8, Tri.YES)
    ]


def test_scan_carries_provider_sql_to_the_calling_endpoint(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "src/orders/orders.controller.ts",
        """
        import { Controller, Get, Query } from '@nestjs/common';
        import { OrdersService } from './orders.service';
        @Controller('orders')
        export class OrdersController {
          constructor(private readonly orders: OrdersService) {}
          @Get()
          list(@Query('status') status: string) {
            return this.orders.findByStatus(status);
          }
          @Get('open')
          open() {
            return this.orders.findByStatus('open');
          }
        }
        """,
    )
    _write(
        tmp_path,
        "src/orders/orders.service.ts",
        """
        import { Injectable } from '@nestjs/common';
        @Injectable()
        export class OrdersService {
          constructor(private readonly db: DataSource) {}
          findByStatus(status: string) {
            return this.db.query(`SELECT * FROM orders WHERE status = '${status}'`);
          }
        }
        """,
    )
    model = scan(tmp_path).model
    reach = {
        e.path: [(f.location.path, f.from_input) for f in e.facts if f.kind is FactKind.SQL_RAW]
        for e in model.endpoints
    }
    assert reach == {
        "/orders": [("src/orders/orders.service.ts", Tri.YES)],
        "/orders/open": [("src/orders/orders.service.ts", Tri.NO)],
    }


def test_deeply_nested_router_module_children_are_read_to_a_bound() -> None:
    nested = "[]"
    for level in range(200):
        nested = f"[{{ path: 'p{level}', module: AdminModule, children: {nested} }}]"
    fragment = extract(
        f"""
        import {{ Module }} from '@nestjs/common';
        import {{ AdminModule }} from './admin/admin.module';

        @Module({{ imports: [RouterModule.register({nested})] }})
        export class AppModule {{}}
        """,
        path="src/app.module.ts",
    )
    assert 0 < len(fragment.mounts) <= 20
    assert fragment.mounts[0].prefix == "/p199"


def test_fastify_adapter_body_limit_is_a_service_fact() -> None:
    fragment = extract(
        """
        import { NestFactory } from '@nestjs/core';
        import { FastifyAdapter } from '@nestjs/platform-fastify';

        async function bootstrap() {
          const app = await NestFactory.create(
            AppModule,
            new FastifyAdapter({ bodyLimit: 1024 * 1024 * 1024 }),
          );
        }
        """,
        path="src/main.ts",
    )
    facts = [(f.kind, f.name, f.location.start_line) for f in fragment.services[0].facts]
    assert facts == [(FactKind.BODY_LIMIT_RAISED, "bodyLimit", 7)]
