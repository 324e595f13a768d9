"""Express mounts: `app.use(prefix, [guards,] router)` with routers from this file or
imported ones, and how the defining file names its exported router."""

from __future__ import annotations

from express_helpers import extract, routed

from threatdelta.model import Location, Mount, RouterRef, Tri
from threatdelta.model.link import link

APP = RouterRef(module="src/app", name="app")


def test_required_imported_and_local_routers_are_mounted_with_resolved_modules() -> None:
    frag = extract(
        """
        const express = require('express');
        const users = require('./routes/users');
        const { adminRouter } = require('./routes/admin.js');
        const app = express();
        const local = express.Router();

        app.use('/api/users/:orgId', users);
        app.use('/admin', adminRouter);
        app.use('/v1', require('../shared/routes'));
        app.use('/local', local);
        app.use('/docs', require('@/docs/index'));
        """
    )
    assert [(m.prefix, m.child) for m in frag.mounts] == [
        ("/api/users/{orgId}", RouterRef(module="src/routes/users", name="default")),
        ("/admin", RouterRef(module="src/routes/admin", name="adminRouter")),
        ("/v1", RouterRef(module="shared/routes", name="default")),
        ("/local", RouterRef(module="src/app", name="local")),
        ("/docs", RouterRef(module="docs", name="default")),
    ]
    assert all(m.parent == APP for m in frag.mounts)
    assert frag.mounts[0].location == Location(path="src/app.js", start_line=7, end_line=7)


def test_es_imports_name_the_default_or_the_named_export() -> None:
    frag = extract(
        """
        import express from 'express';
        import products from './routes/products';
        import { ordersRouter as orders } from './routes/orders';
        import * as routes from './routes';

        const app = express();
        app.use('/products', products);
        app.use('/orders', orders);
        app.use('/reviews', routes.reviews);
        """,
        path="src/app.ts",
    )
    assert [m.child for m in frag.mounts] == [
        RouterRef(module="src/routes/products", name="default"),
        RouterRef(module="src/routes/orders", name="ordersRouter"),
        RouterRef(module="src/routes", name="reviews"),
    ]


def test_exported_router_is_declared_under_its_export_name() -> None:
    default = extract(
        """
        const router = require('express').Router();
        router.get('/', (req, res) => res.end());
        module.exports = router;
        """,
        path="src/routes/index.js",
    )
    named = extract(
        """
        import { Router } from 'express';
        export const ordersRouter = Router();
        ordersRouter.get('/', (req, res) => res.end());
        """,
        path="src/routes/orders.ts",
    )
    assert [d.ref for d in default.routers] == [RouterRef(module="src/routes", name="default")]
    assert routed(default, "GET", "/").router == RouterRef(module="src/routes", name="default")
    assert [d.ref for d in named.routers] == [
        RouterRef(module="src/routes/orders", name="ordersRouter")
    ]


def test_app_assigned_to_module_exports_in_one_statement_is_the_default_export() -> None:
    frag = extract(
        """
        var express = require('express');
        var app = module.exports = express();
        app.get('/', function (req, res) { res.send('hi'); });
        """,
        path="index.js",
    )
    [decl] = frag.routers
    assert (decl.ref, decl.is_app, decl.service) == (
        RouterRef(module="index", name="default"),
        True,
        "root",
    )
    assert routed(frag, "GET", "/").router == decl.ref


def test_guards_in_the_use_call_go_on_the_mount() -> None:
    frag = extract(
        """
        const express = require('express');
        const passport = require('passport');
        const rateLimit = require('express-rate-limit');
        const api = require('./api');
        const app = express();

        app.use('/api', passport.authenticate('jwt'), rateLimit({ max: 5 }), api);
        app.use('/public', express.json(), require('./public'));
        """
    )
    guarded, public = frag.mounts
    assert guarded == Mount(
        parent=APP,
        child=RouterRef(module="src/api", name="default"),
        prefix="/api",
        location=Location(path="src/app.js", start_line=7, end_line=7),
        authentication=Tri.YES,
        auth_schemes=("passport", "jwt"),
        rate_limited=Tri.YES,
        guards=("authenticate", "rateLimit"),
    )
    assert (public.authentication, public.rate_limited) == (Tri.NO, Tri.NO)


def test_imported_middleware_is_not_mistaken_for_a_router() -> None:
    frag = extract(
        """
        const express = require('express');
        const requireAuth = require('./middleware/requireAuth');
        const audit = require('./middleware/audit');
        const app = express();

        app.use(requireAuth);
        app.use(audit);
        app.use('/x', audit);
        app.get('/x/y', (req, res) => res.end());
        """
    )
    assert frag.mounts == ()
    [decl] = frag.routers
    assert decl.authentication is Tri.YES
    assert decl.auth_schemes == ("requireAuth",)


def test_middleware_used_before_a_mount_without_prefix_protects_it() -> None:
    frag = extract(
        """
        const express = require('express');
        const app = express();
        app.use('/health', require('./health'));
        app.use(checkJwt);
        app.use('/api', require('./api'));
        """
    )
    health, api = frag.mounts
    assert health.authentication is Tri.NO
    assert (api.authentication, api.auth_schemes) == (Tri.YES, ("checkJwt",))
    assert frag.routers[0].authentication is Tri.NO


def test_exported_function_registering_on_its_parameter_is_a_router_its_caller_mounts() -> None:
    routes = extract(
        """
        module.exports = function (app) {
          app.post('/signup', (req, res) => res.end());
        };
        """,
        path="src/routes/index.js",
    )
    server = extract(
        """
        const express = require('express');
        const app = express();
        app.use(requireAuth);
        require('./routes')(app);
        require('./config/passport')(app);
        """,
        path="src/server.js",
    )
    [decl] = routes.routers
    assert (decl.ref, decl.is_app) == (RouterRef(module="src/routes", name="default"), False)
    assert routed(routes, "POST", "/signup").router == decl.ref
    [mount] = server.mounts
    assert (mount.parent, mount.child, mount.prefix) == (
        RouterRef(module="src/server", name="app"),
        RouterRef(module="src/routes", name="default"),
        "",
    )
    assert (mount.authentication, server.routers[0].authentication) == (Tri.NO, Tri.YES)
    model, notes = link([routes, server])
    assert notes == ()
    [ep] = model.endpoints
    assert (ep.key, ep.service, ep.authentication) == ("endpoint:POST /signup", "src", Tri.YES)


def test_router_returned_by_an_exported_factory_is_mounted_where_the_factory_is_called() -> None:
    routes = extract(
        """
        const express = require('express');
        module.exports = function (passport) {
          const router = express.Router();
          router.post('/login', passport.authenticate('local'), (req, res) => res.end());
          return router;
        };
        """,
        path="src/routes/auth.js",
    )
    server = extract(
        """
        const express = require('express');
        const passport = require('passport');
        const app = express();
        app.use('/auth', require('./routes/auth')(passport));
        app.use('/metrics', require('./lib/metrics')(registry));
        """,
        path="src/server.js",
    )
    assert [d.ref for d in routes.routers] == [RouterRef(module="src/routes/auth", name="default")]
    assert [(m.prefix, m.child) for m in server.mounts] == [
        ("/auth", RouterRef(module="src/routes/auth", name="default"))
    ]
    model, notes = link([routes, server])
    assert notes == ()
    [ep] = model.endpoints
    assert (ep.key, ep.authentication, ep.auth_schemes) == (
        "endpoint:POST /auth/login",
        Tri.YES,
        ("passport", "session"),
    )
