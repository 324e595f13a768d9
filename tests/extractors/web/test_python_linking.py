"""Two-file projects through the whole pipeline: blueprints registered and routers
included in another module get their full path and combined controls from the linker."""

from __future__ import annotations

import textwrap
from pathlib import Path

from threatdelta.model import Endpoint, Tri
from threatdelta.pipeline import scan


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))


def _by_key(endpoints: tuple[Endpoint, ...]) -> dict[str, Endpoint]:
    return {ep.key: ep for ep in endpoints}


def test_flask_blueprint_registered_with_url_prefix_in_another_module(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "shop/__init__.py",
        """
        from flask import Flask
        from .orders import orders_bp

        def create_app():
            app = Flask(__name__)
            app.register_blueprint(orders_bp, url_prefix="/api/orders")
            return app
        """,
    )
    _write(
        tmp_path,
        "shop/orders.py",
        """
        from flask import Blueprint, abort, session
        orders_bp = Blueprint("orders", __name__, url_prefix="/ignored")

        @orders_bp.before_request
        def require_login():
            if "user_id" not in session:
                abort(401)

        @orders_bp.get("/<int:order_id>")
        def show(order_id):
            return {}

        @orders_bp.delete("/<int:order_id>")
        def cancel(order_id):
            return "", 204
        """,
    )
    report = scan(tmp_path)
    eps = _by_key(report.model.endpoints)
    assert set(eps) == {
        "endpoint:GET /api/orders/{order_id}",
        "endpoint:DELETE /api/orders/{order_id}",
    }
    cancel = eps["endpoint:DELETE /api/orders/{order_id}"]
    assert cancel.authentication is Tri.YES
    assert cancel.auth_schemes == ("session",)
    assert cancel.service == "shop"
    assert cancel.handler is not None and cancel.handler.path == "shop/orders.py"
    assert [s.name for s in report.model.services] == ["shop"]
    assert not [n for n in report.notifications if n.code == "unresolved-router"]


def test_fastapi_router_included_with_prefix_and_auth_dependency(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "api/main.py",
        """
        from fastapi import Depends, FastAPI
        from api.routers import users
        from api.security import get_current_user

        app = FastAPI()
        app.include_router(users.router, prefix="/v1", dependencies=[Depends(get_current_user)])
        app.include_router(users.public)
        """,
    )
    _write(
        tmp_path,
        "api/routers/users.py",
        """
        from fastapi import APIRouter
        router = APIRouter(prefix="/users")
        public = APIRouter()

        @router.delete("/{user_id}")
        def delete_user(user_id: int):
            return None

        @public.post("/signup")
        def signup(email: str):
            return None
        """,
    )
    report = scan(tmp_path)
    eps = _by_key(report.model.endpoints)
    delete = eps["endpoint:DELETE /v1/users/{user_id}"]
    assert delete.authentication is Tri.YES
    assert delete.auth_schemes == ("get_current_user",)
    assert delete.service == "api"
    signup = eps["endpoint:POST /signup"]
    assert signup.authentication is Tri.NO
    assert set(eps) == {"endpoint:DELETE /v1/users/{user_id}", "endpoint:POST /signup"}


def test_module_level_settings_fold_into_the_app_service(tmp_path: Path) -> None:
    _write(tmp_path, "svc/app.py", "from flask import Flask\napp = Flask(__name__)\n")
    _write(tmp_path, "svc/settings/prod.py", 'SECRET_KEY = "0f9e8d7c6b5a4f3e2d1c"\n')
    report = scan(tmp_path)
    (service,) = report.model.services
    assert service.name == "svc" and service.framework == "flask"
    assert [(f.kind.value, f.name) for f in service.facts] == [("hardcoded-secret", "SECRET_KEY")]
