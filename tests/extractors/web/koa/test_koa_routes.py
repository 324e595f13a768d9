"""Golden tests: Koa apps and `@koa/router` / `koa-router` routers, one idiom each."""

from __future__ import annotations

import textwrap
from pathlib import Path

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.koa import KoaExtractor
from threatdelta.model import FactKind, ModelFragment, RouterRef, Tri
from threatdelta.pipeline import scan


def extract(text: str, path: str = "src/routes/users.js") -> ModelFragment:
    source = textwrap.dedent(text).lstrip("\n")
    return KoaExtractor().extract(SourceFile(path=path, text=source))


def test_router_prefix_option_and_prefix_call() -> None:
    fragment = extract(
        """
        const Router = require('@koa/router');
        const users = new Router({ prefix: '/users' });
        const legacy = require('koa-router')();
        legacy.prefix('/v0');

        users.get('/:id', async (ctx) => { ctx.body = {}; });
        users.del('/:id', async (ctx) => { ctx.status = 204; });
        legacy.get('user', '/users/:id', async (ctx) => { ctx.body = {}; });
        """
    )
    prefixes = {d.ref.name: d.prefix for d in fragment.routers}
    assert prefixes == {"users": "/users", "legacy": "/v0"}
    keys = [
        (r.router.name, r.endpoint.method, r.endpoint.path) for r in fragment.endpoints if r.router
    ]
    assert keys == [
        ("users", "GET", "/{id}"),
        ("users", "DELETE", "/{id}"),
        ("legacy", "GET", "/users/{id}"),
    ]


def test_context_input_reaches_sql_and_mass_assignment() -> None:
    fragment = extract(
        """
        const Router = require('@koa/router');
        const router = new Router();

        router.get('/search', async (ctx) => {
          ctx.body = await db.query(`SELECT * FROM users WHERE name = '${ctx.query.name}'`);
        });
        router.post('/', async (ctx) => {
          ctx.body = await User.create(ctx.request.body);
        });
        """
    )
    search, create = (r.endpoint for r in fragment.endpoints)
    sql = [
        (f.name, f.location.start_line, f.from_input)
        for f in search.facts
        if f.kind is FactKind.SQL_RAW
    ]
    assert sql == [("db.query", 5, Tri.YES)]
    assert [p.name for p in search.parameters] == ["name"]
    assert any(f.kind is FactKind.MASS_ASSIGNMENT for f in create.facts)


def test_response_body_is_not_request_input() -> None:
    fragment = extract(
        """
        const Router = require('@koa/router');
        const router = new Router();
        router.get('/echo', async (ctx) => {
          ctx.body = 'SELECT 1';
          await db.query(`SELECT * FROM t WHERE x = '${ctx.body}'`);
        });
        """
    )
    (routed,) = fragment.endpoints
    sql = [f.from_input for f in routed.endpoint.facts if f.kind is FactKind.SQL_RAW]
    assert sql != [Tri.YES]


def test_app_middleware_before_a_mount_guards_it_and_after_does_not() -> None:
    fragment = extract(
        """
        const Koa = require('koa');
        const jwt = require('koa-jwt');
        const publicRouter = require('./routes/public');
        const usersRouter = require('./routes/users');

        const app = new Koa();
        app.use(publicRouter.routes());
        app.use(jwt({ secret: process.env.JWT_SECRET }));
        app.use(usersRouter.routes());
        """,
        path="src/app.js",
    )
    mounts = {m.child: (m.authentication, m.auth_schemes) for m in fragment.mounts}
    assert mounts == {
        RouterRef(module="src/routes/public", name="default"): (Tri.NO, ()),
        RouterRef(module="src/routes/users", name="default"): (Tri.YES, ("jwt",)),
    }
    assert fragment.services[0].framework == "koa"


def test_scan_links_router_module_to_the_app(tmp_path: Path) -> None:
    (tmp_path / "src" / "routes").mkdir(parents=True)
    (tmp_path / "src" / "app.js").write_text(
        "const Koa = require('koa');\nconst api = require('./routes/api');\n"
        "const app = new Koa();\napp.use(api.routes());\n",
        encoding="utf-8",
    )
    (tmp_path / "src" / "routes" / "api.js").write_text(
        "const Router = require('@koa/router');\nconst router = new Router({ prefix: '/api' });\n"
        "router.post('/orders', async (ctx) => { ctx.status = 201; });\nmodule.exports = router;\n",
        encoding="utf-8",
    )
    model = scan(tmp_path).model
    assert [(e.method, e.path, e.service) for e in model.endpoints] == [
        ("POST", "/api/orders", "src")
    ]


def test_syntax_error_and_unreadable_path_are_notifications() -> None:
    fragment = extract(
        """
        const Router = require('@koa/router');
        const router = new Router();
        router.get(somePath, async (ctx) => {});
        router.post('/x', async (ctx) => { return [1, 2; });
        """
    )
    assert [n.code for n in fragment.notifications] == ["parse-error", "unreadable-route-path"]


def test_claims_only_koa_files_outside_tests() -> None:
    extractor = KoaExtractor()
    text = "const Router = require('@koa/router');"
    assert extractor.claims(SourceFile(path="src/r.js", text=text))
    assert not extractor.claims(SourceFile(path="src/r.test.js", text=text))
    assert not extractor.claims(SourceFile(path="src/r.js", text="const koala = 1;"))
