"""Express middleware by name (`guards`) on routes, routers and mounts, whatever it does,
and a pull request that edits a middleware listing every route behind it as a dependent."""

from __future__ import annotations

from pathlib import Path

import pytest
from express_helpers import endpoint, extract
from git_pull_request import changes, dependents, diff_pull_request, isolate_git

from threatdelta.diff.delta import ChangeKind
from threatdelta.model import Tri


def test_route_chain_names_each_middleware_by_its_last_identifier() -> None:
    frag = extract(
        """
        const express = require('express');
        const passport = require('passport');
        const auth = require('./middleware/auth');
        const { requireRole } = require('./middleware/roles');
        const app = express();

        app.get('/a', passport.authenticate('jwt', { session: false }), (req, res) => res.end());
        app.get('/b', requireRole('admin'), auth.required, (req, res) => res.end());
        app.get('/c', [auth.optional, express.json()], (req, res) => res.end());
        app.get('/d', (req, res) => res.end());
        """
    )
    assert endpoint(frag, "GET", "/a").guards == ("authenticate",)
    assert endpoint(frag, "GET", "/b").guards == ("requireRole", "required")
    assert endpoint(frag, "GET", "/c").guards == ("optional", "json")
    assert endpoint(frag, "GET", "/d").guards == ()  # the handler is not a guard


def test_unrecognised_and_plain_middleware_is_named_too() -> None:
    frag = extract(
        """
        const express = require('express');
        const { loadTenant } = require('./tenancy');
        const app = express();
        function stamp(req, res, next) { req.startedAt = Date.now(); next(); }

        app.post('/x', loadTenant, stamp, (req, res) => res.end());
        """
    )
    ep = endpoint(frag, "POST", "/x")
    assert ep.guards == ("loadTenant", "stamp")
    assert ep.authentication is Tri.UNKNOWN  # loadTenant is not recognised as a control
    assert ep.auth_schemes == ()


def test_inline_functions_are_named_only_when_they_have_a_name() -> None:
    frag = extract(
        """
        const express = require('express');
        const app = express();

        app.put('/x', (req, res, next) => next(), function checkTenant(req, res, next) {
          next();
        }, require('./middleware/audit'), (req, res) => res.end());
        """
    )
    assert endpoint(frag, "PUT", "/x").guards == ("checkTenant",)


def test_local_aliases_and_renamed_imports_also_give_the_name_they_stand_for() -> None:
    frag = extract(
        """
        import express from 'express';
        import rateLimit from 'express-rate-limit';
        import { requireRole as role } from './middleware';

        const app = express();
        const limiter = rateLimit({ windowMs: 60000, max: 5 });
        const adminOnly = role('admin');

        app.post('/login', limiter, (req, res) => res.end());
        app.delete('/users/:id', adminOnly, (req, res) => res.end());
        """,
        path="src/app.ts",
    )
    assert endpoint(frag, "POST", "/login").guards == ("limiter", "rateLimit")
    assert endpoint(frag, "DELETE", "/users/{id}").guards == ("adminOnly", "role", "requireRole")


def test_router_use_before_every_route_goes_on_the_router_and_later_use_on_later_routes() -> None:
    frag = extract(
        """
        const express = require('express');
        const { requireAuth, audit } = require('../middleware');
        const router = express.Router();

        router.use(requireAuth);
        router.get('/early', (req, res) => res.end());
        router.use(audit);
        router.get('/late', (req, res) => res.end());

        module.exports = router;
        """,
        path="src/routes/items.js",
    )
    (decl,) = frag.routers
    assert decl.guards == ("requireAuth",)
    assert endpoint(frag, "GET", "/early").guards == ()
    assert endpoint(frag, "GET", "/late").guards == ("audit",)


def test_middleware_given_with_a_router_at_a_prefix_goes_on_the_mount() -> None:
    frag = extract(
        """
        const express = require('express');
        const passport = require('passport');
        const { loadTenant } = require('./middleware/tenant');
        const api = require('./routes/api');
        const app = express();

        app.use(express.json());
        app.use('/api', passport.authenticate('bearer'), loadTenant, api);
        """
    )
    app = next(r for r in frag.routers if r.is_app)
    (mount,) = frag.mounts
    assert app.guards == ("json",)
    assert mount.prefix == "/api"
    assert mount.guards == ("authenticate", "loadTenant")


def test_route_all_middleware_is_named_on_the_verbs_of_the_route() -> None:
    frag = extract(
        """
        const express = require('express');
        const { requireRole } = require('./roles');
        const router = express.Router();

        router.route('/orders/:id').all(requireRole('clerk')).get((req, res) => res.end());
        module.exports = router;
        """,
        path="src/routes/orders.js",
    )
    assert endpoint(frag, "GET", "/orders/{id}").guards == ("requireRole",)


# -- a pull request that edits a middleware -----------------------------------------------

_MIDDLEWARE = """\
import { Request, Response, NextFunction } from 'express';

export function requireRole(role: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.user?.role !== role) {
      return res.status(403).json({ error: 'forbidden' });
    }
    next();
  };
}

export function loadTenant(req: Request, res: Response, next: NextFunction) {
  req.tenant = req.headers['x-tenant'];
  next();
}
"""
_APP = """\
import express from 'express';
import users from './routes/users';
import orders from './routes/orders';
import health from './routes/health';
import { loadTenant } from './middleware';

const app = express();
app.use('/users', users);
app.use('/orders', loadTenant, orders);
app.use('/health', health);
export default app;
"""
_USERS = """\
import { Router } from 'express';
import { requireRole, loadTenant } from '../middleware';

const router = Router();
router.use(loadTenant);
router.get('/', requireRole('admin'), (req, res) => res.json([]));
router.delete('/:id', requireRole('admin'), (req, res) => res.status(204).end());
router.get('/me', (req, res) => res.json({}));
export default router;
"""
_ORDERS = """\
import { Router } from 'express';
import { requireRole } from '../middleware';

const router = Router();
router.post('/', requireRole('clerk'), (req, res) => res.status(201).json({}));
router.get('/', (req, res) => res.json([]));
export default router;
"""
_HEALTH = """\
import { Router } from 'express';

const router = Router();
router.get('/', (req, res) => res.json({ ok: true }));
export default router;
"""
_BASE = {
    "package.json": '{"dependencies": {"express": "^4.19.0"}}\n',
    "src/middleware.ts": _MIDDLEWARE,
    "src/app.ts": _APP,
    "src/routes/users.ts": _USERS,
    "src/routes/orders.ts": _ORDERS,
    "src/routes/health.ts": _HEALTH,
}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            ("req.user?.role !== role", "!req.user?.roles?.includes(role)"),
            {"GET /users", "DELETE /users/{id}", "POST /orders"},
            id="requireRole-in-route-chains",
        ),
        pytest.param(
            ("req.headers['x-tenant']", "req.headers['x-tenant-id']"),
            {"GET /users", "DELETE /users/{id}", "GET /users/me", "POST /orders", "GET /orders"},
            id="loadTenant-on-a-router-and-a-mount",
        ),
    ],
)
def test_edited_middleware_makes_every_route_using_it_a_dependent(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: tuple[str, str],
    expected: set[str],
) -> None:
    isolate_git(monkeypatch)
    name = "requireRole" if "role" in edit[0] else "loadTenant"
    report = diff_pull_request(tmp_path, _BASE, {"src/middleware.ts": _MIDDLEWARE.replace(*edit)})
    assert report.complete
    assert changes(report) == {f"endpoint:{e}": ChangeKind.DEPENDENT for e in expected}
    assert set(dependents(report).values()) == {f"its guard {name} changed"}
