"""Flask and FastAPI guards by name (`guards`): decorators, dependencies, hooks and
middleware on routes, routers and mounts, whatever they do; and a pull request that edits
a dependency listing every route behind it as a dependent."""

from __future__ import annotations

from pathlib import Path

import pytest
from git_pull_request import changes, dependents, diff_pull_request, isolate_git
from python_web_helpers import endpoint, extract

from threatdelta.diff.delta import ChangeKind
from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.python import PythonWebExtractor
from threatdelta.model.link import link


def test_flask_decorators_other_than_the_route_decorator_are_named_by_last_identifier() -> None:
    frag = extract(
        """
        from flask import Flask
        from flask_jwt_extended import jwt_required
        from flask_limiter import Limiter
        from flask_login import login_required
        from .auth import roles_required

        app = Flask(__name__)
        limiter = Limiter(app=app)

        @app.route("/a", methods=["POST"])
        @login_required
        @limiter.limit("5/minute")
        def a():
            return ""

        @app.get("/b")
        @jwt_required()
        @roles_required("admin")
        def b():
            return ""

        @app.get("/c")
        def c():
            return ""
        """
    )
    assert endpoint(frag, "POST", "/a").guards == ("login_required", "limit")
    assert endpoint(frag, "GET", "/b").guards == ("jwt_required", "roles_required")
    assert endpoint(frag, "GET", "/c").guards == ()


def test_decorators_over_the_route_decorator_and_a_second_route_are_handled() -> None:
    frag = extract(
        """
        from flask import Flask
        from .cache import cache
        from .audit import audited

        app = Flask(__name__)

        @cache.cached(timeout=60)
        @app.get("/x")
        @app.get("/y")
        @audited
        def view():
            return ""
        """
    )
    assert endpoint(frag, "GET", "/x").guards == ("cached", "audited")
    assert endpoint(frag, "GET", "/y").guards == ("cached", "audited")


def test_flask_hooks_and_wsgi_middleware_go_on_their_blueprint_or_app() -> None:
    frag = extract(
        """
        from flask import Blueprint, Flask
        from flask_limiter import Limiter
        from .auth import check_token
        from .middleware import TenantMiddleware

        app = Flask(__name__)
        limiter = Limiter(app=app)
        bp = Blueprint("admin", __name__, url_prefix="/admin")
        bp.before_request(check_token)
        limiter.limit("10/minute")(bp)
        app.wsgi_app = TenantMiddleware(app.wsgi_app)

        @bp.before_app_request
        def load_user():
            pass

        @bp.get("/stats")
        def stats():
            return ""
        """
    )
    guards = {r.ref.name: r.guards for r in frag.routers}
    assert guards == {"app": ("TenantMiddleware",), "bp": ("load_user", "check_token", "limit")}
    assert endpoint(frag, "GET", "/stats").guards == ()  # router-wide guards stay on the router


def test_fastapi_dependency_parameters_name_the_dependency_function() -> None:
    frag = extract(
        """
        from typing import Annotated
        from fastapi import APIRouter, Depends, Security
        from app.deps import CurrentUser, get_db
        from app.tenancy import load_tenant as tenant

        router = APIRouter()

        @router.get("/a")
        def a(db=Depends(get_db), t: Annotated[str, Depends(tenant)] = ""):
            return {}

        @router.post("/b")
        def b(me: CurrentUser, user=Security(get_current_user, scopes=["items:write"])):
            return {}

        @router.get("/c")
        def c(q: str = ""):
            return {}
        """,
        path="app/routers/items.py",
    )
    assert endpoint(frag, "GET", "/a").guards == ("get_db", "tenant", "load_tenant")
    assert endpoint(frag, "POST", "/b").guards == ("CurrentUser", "get_current_user")
    assert endpoint(frag, "GET", "/c").guards == ()


def test_annotated_aliases_and_dependency_chains_of_the_module_resolve_to_functions() -> None:
    frag = extract(
        """
        from typing import Annotated
        from fastapi import Depends, FastAPI
        from fastapi.security import OAuth2PasswordBearer

        app = FastAPI()
        oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

        def get_current_user(token: str = Depends(oauth2_scheme)):
            return token

        def get_active_user(user=Depends(get_current_user)):
            return user

        ActiveUser = Annotated[dict, Depends(get_active_user)]

        class RoleChecker:
            def __init__(self, roles):
                self.roles = roles

            def __call__(self, user: ActiveUser):
                return user

        class Pager:
            page: int = 1

        @app.get("/me")
        def me(user: ActiveUser):
            return user

        @app.delete("/users/{user_id}")
        def delete(
            user_id: int,
            ok=Depends(RoleChecker(["admin"])),
            p: Annotated[Pager, Depends()] = None,
        ):
            return {}
        """
    )
    chain = ("get_active_user", "get_current_user", "oauth2_scheme")
    assert endpoint(frag, "GET", "/me").guards == chain
    assert endpoint(frag, "DELETE", "/users/{user_id}").guards == ("RoleChecker", *chain, "Pager")


def test_fastapi_dependencies_lists_go_on_route_router_app_and_mount() -> None:
    frag = extract(
        """
        from fastapi import APIRouter, Depends, FastAPI, Security
        from .deps import audit_request, load_tenant, verify_key, require_scope
        from .middleware import TimingMiddleware

        app = FastAPI(dependencies=[Depends(verify_key)])
        router = APIRouter(prefix="/items", dependencies=[Depends(load_tenant)])
        app.add_middleware(TimingMiddleware)

        @app.middleware("http")
        async def add_request_id(request, call_next):
            return await call_next(request)

        @router.get("/", dependencies=[Security(require_scope, scopes=["read"])])
        def items():
            return []

        app.include_router(router, prefix="/v1", dependencies=[Depends(audit_request)])
        """
    )
    guards = {r.ref.name: r.guards for r in frag.routers}
    assert guards == {
        "app": ("verify_key", "add_request_id", "TimingMiddleware"),
        "router": ("load_tenant",),
    }
    (mount,) = frag.mounts
    assert mount.guards == ("audit_request",)
    assert endpoint(frag, "GET", "/").guards == ("require_scope",)


def test_class_based_views_and_add_url_rule_name_the_view_decorators() -> None:
    frag = extract(
        """
        from flask import Flask
        from flask.views import MethodView
        from flask_login import login_required
        from .auth import admin_only, track

        app = Flask(__name__)

        class Reports(MethodView):
            decorators = [login_required]

            @admin_only
            def delete(self, report_id):
                return ""

        @track
        def export():
            return ""

        app.add_url_rule("/reports/<int:report_id>", view_func=Reports.as_view("reports"))
        app.add_url_rule("/export", "export", export)
        """
    )
    assert endpoint(frag, "DELETE", "/reports/{report_id}").guards == (
        "login_required",
        "admin_only",
    )
    assert endpoint(frag, "GET", "/export").guards == ("track",)


def test_linked_endpoint_carries_the_guards_of_every_layer_it_is_mounted_through() -> None:
    extractor = PythonWebExtractor()
    main = """\
from fastapi import Depends, FastAPI
from app.deps import verify_key, audit_request
from app.routers.items import router

app = FastAPI(dependencies=[Depends(verify_key)])
app.include_router(router, prefix="/v1", dependencies=[Depends(audit_request)])
"""
    items = """\
from fastapi import APIRouter, Depends
from app.deps import load_tenant, get_db

router = APIRouter(prefix="/items", dependencies=[Depends(load_tenant)])

@router.get("/{item_id}")
def item(item_id: int, db=Depends(get_db)):
    return {}
"""
    fragments = [
        extractor.extract(SourceFile(path="app/main.py", text=main)),
        extractor.extract(SourceFile(path="app/routers/items.py", text=items)),
    ]
    model, _ = link(fragments)
    (ep,) = model.endpoints
    assert ep.key == "endpoint:GET /v1/items/{item_id}"
    assert ep.guards == ("get_db", "verify_key", "audit_request", "load_tenant")


# -- a pull request that edits a dependency -----------------------------------------------

_DEPS = """\
from fastapi import Header


def load_tenant(x_tenant: str = Header(...)):
    return {"tenant": x_tenant}
"""
_MAIN = """\
from fastapi import FastAPI

from app.routers import health, invoices, items

app = FastAPI()
app.include_router(items.router)
app.include_router(invoices.router)
app.include_router(health.router)
"""
_ITEMS = """\
from fastapi import APIRouter, Depends

from app.deps import load_tenant

router = APIRouter(prefix="/items", dependencies=[Depends(load_tenant)])


@router.get("/")
def list_items():
    return []


@router.get("/{item_id}")
def get_item(item_id: int):
    return {"id": item_id}
"""
_INVOICES = """\
from fastapi import APIRouter, Depends

from app.deps import load_tenant

router = APIRouter(prefix="/invoices", dependencies=[Depends(load_tenant)])


@router.post("/")
def create_invoice(body: dict):
    return body
"""
_HEALTH = """\
from fastapi import APIRouter

router = APIRouter(prefix="/health")


@router.get("/")
def health():
    return {"ok": True}
"""


def test_edited_router_dependency_makes_every_route_behind_it_a_dependent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch)
    base = {
        "app/__init__.py": "",
        "app/deps.py": _DEPS,
        "app/main.py": _MAIN,
        "app/routers/__init__.py": "",
        "app/routers/items.py": _ITEMS,
        "app/routers/invoices.py": _INVOICES,
        "app/routers/health.py": _HEALTH,
    }
    edited = _DEPS.replace('{"tenant": x_tenant}', '{"tenant": x_tenant.lower()}')
    report = diff_pull_request(tmp_path, base, {"app/deps.py": edited})
    assert report.complete
    expected = ("GET /items", "GET /items/{item_id}", "POST /invoices")
    assert changes(report) == {f"endpoint:{e}": ChangeKind.DEPENDENT for e in expected}
    assert set(dependents(report).values()) == {"its guard load_tenant changed"}
    head = report.head_register
    assert head is not None  # the name, not an auth reading of load_tenant, made them dependents
    assert {(ep.name, ep.guards, ep.auth_schemes) for ep in head.model.endpoints} == {
        (e, ("load_tenant",), ()) for e in expected
    }
