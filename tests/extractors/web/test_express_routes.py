"""Express routes: app/router methods, path syntax, route chains, handlers and their spans."""

from __future__ import annotations

from express_helpers import endpoint, extract, routed

from threatdelta.model import (
    Evidence,
    Level,
    Location,
    ParamLocation,
    RouterDecl,
    RouterRef,
    Tri,
)


def test_app_routes_give_endpoints_with_braced_params_and_registration_spans() -> None:
    frag = extract(
        """
        const express = require('express');
        const app = express();

        app.get('/users/:userId/files/:name(\\\\w+)?', (req, res) => {
          res.send('ok');
        });
        app.delete('/users/:userId', (req, res) => res.sendStatus(204));
        """
    )
    get = routed(frag, "GET", "/users/{userId}/files/{name}")
    handler = Location(path="src/app.js", start_line=4, end_line=6)
    assert get.router == RouterRef(module="src/app", name="app")
    assert get.endpoint.handler == handler
    assert get.endpoint.evidence == (Evidence(location=handler),)
    assert get.endpoint.service == "src"
    assert get.endpoint.sources == ("express",)
    assert get.endpoint.handler_name == ""
    assert [(p.name, p.location, p.required) for p in get.endpoint.parameters] == [
        ("userId", ParamLocation.PATH, True),
        ("name", ParamLocation.PATH, True),
    ]
    delete = endpoint(frag, "DELETE", "/users/{userId}")
    assert delete.handler == Location(path="src/app.js", start_line=7, end_line=7)
    assert len(frag.endpoints) == 2


def test_app_is_a_root_router_of_the_service_of_its_folder() -> None:
    frag = extract(
        """
        import express from 'express';
        export const app = express();
        app.get('/ping', (req, res) => res.json({ ok: true }));
        """,
        path="api/src/server.ts",
    )
    [decl] = frag.routers
    assert decl == RouterDecl(
        ref=RouterRef(module="api/src/server", name="app"),
        is_app=True,
        service="api/src",
        location=Location(path="api/src/server.ts", start_line=2, end_line=2),
        authentication=Tri.NO,
        rate_limited=Tri.NO,
    )
    assert [s.name for s in frag.services] == ["api/src"]
    assert frag.services[0].framework == "express"


def test_router_route_chain_gives_one_endpoint_per_method_on_its_own_line() -> None:
    frag = extract(
        """
        const { Router } = require('express');
        const router = Router();

        router.route('/items/:id')
          .get((req, res) => res.json({}))
          .put((req, res) => res.json({}));
        module.exports = router;
        """
    )
    get = routed(frag, "GET", "/items/{id}")
    put = endpoint(frag, "PUT", "/items/{id}")
    assert get.router == RouterRef(module="src/app", name="default")
    assert get.endpoint.handler is not None and get.endpoint.handler.start_line == 5
    assert put.handler is not None and put.handler.start_line == 6
    assert get.endpoint.service == ""  # the linker gives it the service it is mounted in


def test_path_arrays_constants_and_templates_are_resolved_and_computed_paths_are_noted() -> None:
    frag = extract(
        """
        const express = require('express');
        const app = express();
        const BASE = '/api/v1';

        app.get(['/a', '/b'], (req, res) => res.end());
        app.get(`${BASE}/c`, (req, res) => res.end());
        app.get(BASE + '/d', (req, res) => res.end());
        app.get(routeFor('e'), (req, res) => res.end());
        app.del('/old', (req, res) => res.end());
        """
    )
    keys = sorted((r.endpoint.method, r.endpoint.path) for r in frag.endpoints)
    assert keys == [
        ("DELETE", "/old"),
        ("GET", "/a"),
        ("GET", "/api/v1/c"),
        ("GET", "/api/v1/d"),
        ("GET", "/b"),
    ]
    [note] = frag.notifications
    assert (note.level, note.code, note.path) == (Level.NOTE, "unreadable-route-path", "src/app.js")
    assert "line 8" in note.message


def test_app_get_with_one_argument_is_a_setting_read_not_a_route() -> None:
    frag = extract(
        """
        const express = require('express');
        const app = express();
        const env = app.get('env');
        """
    )
    assert frag.endpoints == ()


def test_named_handler_in_the_same_file_is_analysed_and_its_body_is_evidence() -> None:
    frag = extract(
        """
        const express = require('express');
        const app = express();

        async function removeUser(req, res) {
          await db.query('DELETE FROM users WHERE id = ' + req.params.id);
          res.sendStatus(204);
        }

        app.delete('/users/:id', removeUser);
        """
    )
    ep = endpoint(frag, "DELETE", "/users/{id}")
    registration = Location(path="src/app.js", start_line=9, end_line=9)
    body = Location(path="src/app.js", start_line=4, end_line=7)
    assert ep.handler == registration
    assert ep.evidence == (Evidence(location=registration), Evidence(location=body))
    assert ep.handler_name == "removeUser"
    assert [f.kind.value for f in ep.facts] == ["sql-raw"]
    assert ep.audit_logged is Tri.NO


def test_wrapped_and_object_literal_handlers_are_resolved() -> None:
    frag = extract(
        """
        const express = require('express');
        const asyncHandler = require('express-async-handler');
        const app = express();
        const controller = {
          async show(req, res) { res.redirect(req.query.next); },
        };

        app.get('/wrapped', asyncHandler(async (req, res) => {
          res.redirect(req.query.next);
        }));
        app.get('/object', controller.show);
        """
    )
    for path in ("/wrapped", "/object"):
        ep = endpoint(frag, "GET", path)
        assert [(f.kind.value, f.from_input) for f in ep.facts] == [("redirect", Tri.YES)]
    assert endpoint(frag, "GET", "/object").handler_name == "controller.show"


def test_imported_controller_is_named_at_the_registration_line_with_unknown_facts() -> None:
    frag = extract(
        """
        import { Router } from 'express';
        import * as users from '../controllers/users';

        const router = Router();
        router.post('/users', users.create);
        export default router;
        """,
        path="src/routes/users.ts",
    )
    ep = endpoint(frag, "POST", "/users")
    registration = Location(path="src/routes/users.ts", start_line=5, end_line=5)
    assert ep.handler == registration
    assert ep.evidence == (Evidence(location=registration),)
    assert ep.handler_name == "users.create"
    assert ep.facts == ()
    assert ep.audit_logged is Tri.UNKNOWN
    assert ep.object_authorization is Tri.UNKNOWN
    assert ep.authentication is Tri.NO


def test_router_created_inside_a_class_is_found_by_its_member_name() -> None:
    frag = extract(
        """
        import express, { Application } from 'express';

        class Server {
          public app: Application;
          constructor() {
            this.app = express();
            this.app.post('/jobs', (req, res) => res.status(202).end());
          }
        }
        """,
        path="src/server.ts",
    )
    routed_ep = routed(frag, "POST", "/jobs")
    assert routed_ep.router == RouterRef(module="src/server", name="this.app")
    assert frag.routers[0].is_app


def test_all_on_a_concrete_path_is_one_endpoint_for_every_method() -> None:
    frag = extract(
        """
        import express from 'express';
        const app = express();
        app.all('/proxy', (req: express.Request, res: express.Response) => res.end());
        """,
        path="src/app.mts",
    )
    assert frag.notifications == ()
    assert [(e.endpoint.method, e.endpoint.path) for e in frag.endpoints] == [("ALL", "/proxy")]
