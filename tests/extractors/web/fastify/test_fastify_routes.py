"""Golden tests: Fastify apps, plugins and routes, one idiom each."""

from __future__ import annotations

import textwrap
from pathlib import Path

from fastify_helpers import endpoint, extract

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.express import ExpressExtractor
from threatdelta.extractors.web.fastify import FastifyExtractor
from threatdelta.model import FactKind, RouterRef, Tri
from threatdelta.pipeline import scan


def test_shorthand_routes_on_an_app_with_a_body_schema() -> None:
    fragment = extract(
        """
        const fastify = require('fastify')({ logger: true });

        fastify.get('/items/:id', async (request, reply) => ({}));
        fastify.post('/items', { schema: { body: { type: 'object' } } }, async (request) => ({}));
        fastify.put('/items/:id', async (request) => ({}));
        """
    )
    assert endpoint(fragment, "GET", "/items/{id}").request_schema is Tri.UNKNOWN
    assert endpoint(fragment, "POST", "/items").request_schema is Tri.YES
    assert endpoint(fragment, "PUT", "/items/{id}").request_schema is Tri.NO
    app = fragment.routers[0]
    assert (app.is_app, app.service, app.authentication) == (True, "src", Tri.NO)
    assert fragment.services[0].framework == "fastify"


def test_route_method_with_hooks_and_rate_limit_config() -> None:
    fragment = extract(
        """
        import Fastify from 'fastify';
        const app = Fastify();

        app.route({
          method: ['PUT', 'PATCH'],
          url: '/profile',
          onRequest: [app.authenticate],
          config: { rateLimit: { max: 5 } },
          handler: async (request) => ({}),
        });
        """
    )
    for method in ("PUT", "PATCH"):
        ep = endpoint(fragment, method, "/profile")
        assert (ep.authentication, ep.rate_limited) == (Tri.YES, Tri.YES)
        assert ep.guards == ("authenticate", "rateLimit")


def test_plugin_module_registers_routes_on_its_parameter() -> None:
    fragment = extract(
        """
        module.exports = async function (fastify, opts) {
          fastify.addHook('preHandler', fastify.authenticate);
          fastify.get('/:id', async (request) => {
            return fastify.pg.query(`SELECT * FROM users WHERE id = ${request.params.id}`);
          });
        };
        """,
        path="src/routes/users.js",
    )
    (decl,) = fragment.routers
    assert decl.ref == RouterRef(module="src/routes/users", name="default")
    assert (decl.is_app, decl.authentication, decl.guards) == (False, Tri.YES, ("authenticate",))
    ep = endpoint(fragment, "GET", "/{id}")
    sql = [
        (f.name, f.location.start_line, f.from_input)
        for f in ep.facts
        if f.kind is FactKind.SQL_RAW
    ]
    assert sql == [("fastify.pg.query", 4, Tri.YES)]


def test_register_with_prefix_mounts_the_plugin_and_rate_limit_plugin_limits_the_app() -> None:
    fragment = extract(
        """
        const fastify = require('fastify')();
        fastify.register(require('@fastify/rate-limit'), { max: 100 });
        fastify.register(require('@fastify/helmet'));
        fastify.register(require('./routes/users'), { prefix: '/api/users' });
        """
    )
    (mount,) = fragment.mounts
    assert (mount.child, mount.prefix) == (
        RouterRef(module="src/routes/users", name="default"),
        "/api/users",
    )
    assert fragment.routers[0].rate_limited is Tri.YES
    assert fragment.services[0].security_headers is Tri.YES


def test_inline_plugin_with_a_jwt_verify_hook() -> None:
    fragment = extract(
        """
        const app = require('fastify')();
        app.register(async (admin) => {
          admin.addHook('onRequest', async (request) => { await request.jwtVerify(); });
          admin.delete('/purge', async () => ({}));
        }, { prefix: '/admin' });
        """
    )
    plugin = next(d for d in fragment.routers if not d.is_app)
    assert plugin.ref.name == "plugin@2"
    assert (plugin.authentication, plugin.auth_schemes) == (Tri.YES, ("jwt",))
    assert [(m.child.name, m.prefix) for m in fragment.mounts] == [("plugin@2", "/admin")]


def test_raised_body_limit_is_a_service_fact() -> None:
    fragment = extract(
        """
        const app = require('fastify')({ bodyLimit: 1024 * 1024 * 1024 });
        app.post('/upload', { bodyLimit: 1048576 }, async () => ({}));
        """
    )
    facts = [(f.kind, f.name, f.location.start_line) for f in fragment.services[0].facts]
    assert facts == [(FactKind.BODY_LIMIT_RAISED, "bodyLimit", 1)]


def test_express_leaves_fastify_plugins_to_the_fastify_extractor(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """
        const secret = process.env.TOKEN_SECRET;
        module.exports = async function (fastify, opts) {
          fastify.post('/login', async (request) => ({ password: request.body.password }));
        };
        """
    )
    source = SourceFile(path="src/routes/auth.js", text=text)
    assert ExpressExtractor().claims(source)
    assert ExpressExtractor().extract(source).endpoints == ()
    (tmp_path / "src" / "routes").mkdir(parents=True)
    (tmp_path / "src" / "routes" / "auth.js").write_text(text, encoding="utf-8")
    keys = [(e.method, e.path, e.sources) for e in scan(tmp_path).model.endpoints]
    assert keys == [("POST", "/login", ("fastify",))]


def test_syntax_error_is_a_notification_and_unreadable_paths_are_noted() -> None:
    fragment = extract(
        """
        const app = require('fastify')();
        app.get(routePath, async () => ({}));
        app.post('/x', async () => { return [1, 2; });
        """
    )
    assert [n.code for n in fragment.notifications] == ["parse-error", "unreadable-route-path"]


def test_claims_files_mentioning_fastify_outside_tests() -> None:
    extractor = FastifyExtractor()
    text = "import Fastify from 'fastify';"
    assert extractor.claims(SourceFile(path="src/app.ts", text=text))
    assert not extractor.claims(SourceFile(path="test/app.test.ts", text=text))
    assert not extractor.claims(
        SourceFile(path="src/app.ts", text="import express from 'express';")
    )


def test_deeply_nested_limit_expression_is_not_read_and_the_route_is_kept() -> None:
    limit = "1 * " * 3000 + "1"
    fragment = extract(
        f"""
        const app = require('fastify')();
        app.post('/x', {{ bodyLimit: {limit} }}, async () => ({{}}));
        """
    )
    assert [(r.endpoint.method, r.endpoint.path) for r in fragment.endpoints] == [("POST", "/x")]
    assert fragment.services[0].facts == ()
