"""Flask routes: decorators, methods, converters, add_url_rule, MethodView, blueprints."""

from __future__ import annotations

from python_web_helpers import endpoint, extract, routed

from threatdelta.model import Evidence, EvidenceRole, Location, RouterRef, Tri


def test_app_route_with_methods_gives_one_endpoint_per_method_with_converted_path() -> None:
    frag = extract(
        """
        from flask import Flask
        app = Flask(__name__)

        @app.route("/users/<int:user_id>/files/<path:name>", methods=["GET", "delete"])
        def user_file(user_id, name):
            return "ok"
        """
    )
    get = routed(frag, "GET", "/users/{user_id}/files/{name}")
    delete = endpoint(frag, "DELETE", "/users/{user_id}/files/{name}")
    handler = Location(path="app.py", start_line=5, end_line=7)
    assert get.router == RouterRef(module="app", name="app")
    assert get.endpoint.handler == handler
    assert get.endpoint.evidence == (Evidence(location=handler, role=EvidenceRole.PRIMARY),)
    assert get.endpoint.handler_name == "user_file"
    assert get.endpoint.sources == ("flask",)
    assert get.endpoint.authentication is Tri.NO
    assert [p.name for p in delete.parameters] == ["user_id", "name"]
    assert len(frag.endpoints) == 2


def test_route_without_methods_is_get_and_shortcut_decorators_name_their_method() -> None:
    frag = extract(
        """
        from flask import Flask
        app = Flask(__name__)

        @app.route("/")
        def index():
            return "hi"

        @app.post("/items")
        def create():
            return "", 201
        """
    )
    assert endpoint(frag, "GET", "/").handler_name == "index"
    assert endpoint(frag, "POST", "/items").handler_name == "create"
    assert len(frag.endpoints) == 2


def test_app_is_a_service_and_an_app_router() -> None:
    frag = extract(
        """
        from flask import Flask
        app = Flask(__name__)
        """,
        path="shop/app.py",
    )
    (service,) = frag.services
    assert service.name == "shop"
    assert service.framework == "flask"
    (decl,) = frag.routers
    assert decl.ref == RouterRef(module="shop/app", name="app")
    assert decl.is_app and decl.service == "shop"
    assert decl.authentication is Tri.NO and decl.rate_limited is Tri.NO


def test_blueprint_declares_a_router_with_its_url_prefix() -> None:
    frag = extract(
        """
        from flask import Blueprint
        bp = Blueprint("users", __name__, url_prefix="/users")

        @bp.get("/<id>")
        def show(id):
            return {}
        """,
        path="app/api/users.py",
    )
    (decl,) = frag.routers
    assert decl.ref == RouterRef(module="app/api/users", name="bp")
    assert decl.prefix == "/users" and not decl.is_app
    assert routed(frag, "GET", "/{id}").router == decl.ref
    assert frag.services == ()


def test_add_url_rule_registers_a_function_view() -> None:
    frag = extract(
        """
        from flask import Flask
        app = Flask(__name__)

        def ping():
            return "pong"

        app.add_url_rule("/ping", "ping", ping, methods=["GET", "HEAD"])
        """
    )
    ping = endpoint(frag, "GET", "/ping")
    assert ping.handler == Location(path="app.py", start_line=5, end_line=6)
    assert ping.handler_name == "ping"
    assert {r.endpoint.method for r in frag.endpoints} == {"GET", "HEAD"}


def test_method_view_gives_an_endpoint_per_method_with_class_decorators() -> None:
    frag = extract(
        """
        from flask import Flask
        from flask.views import MethodView
        from flask_login import login_required
        app = Flask(__name__)

        class UserAPI(MethodView):
            decorators = [login_required]

            def get(self, user_id):
                return {}

            def delete(self, user_id):
                return "", 204

        app.add_url_rule("/users/<int:user_id>", view_func=UserAPI.as_view("user"))
        """
    )
    get = endpoint(frag, "GET", "/users/{user_id}")
    delete = endpoint(frag, "DELETE", "/users/{user_id}")
    assert get.handler_name == "UserAPI.get"
    assert get.handler == Location(path="app.py", start_line=10, end_line=11)
    assert delete.handler == Location(path="app.py", start_line=13, end_line=14)
    assert get.authentication is Tri.YES and delete.auth_schemes == ("flask-login",)
    assert len(frag.endpoints) == 2


def test_view_function_from_another_module_is_placed_at_its_registration() -> None:
    frag = extract(
        """
        from flask import Flask
        from .views import export
        app = Flask(__name__)
        app.add_url_rule("/export", view_func=export, methods=["POST"])
        """
    )
    ep = endpoint(frag, "POST", "/export")
    assert ep.handler == Location(path="app.py", start_line=5, end_line=5)
    assert ep.authentication is Tri.UNKNOWN
    assert ep.audit_logged is Tri.UNKNOWN


def test_register_blueprint_mounts_an_imported_blueprint_and_overrides_its_prefix() -> None:
    frag = extract(
        """
        from flask import Flask
        from app.api.users import bp as users_bp
        from . import admin

        def create_app():
            app = Flask(__name__)
            app.register_blueprint(users_bp, url_prefix="/api/users")
            app.register_blueprint(admin.bp)
            return app
        """,
        path="app/__init__.py",
    )
    first, second = frag.mounts
    assert first.parent == RouterRef(module="app", name="app")
    assert first.child == RouterRef(module="app/api/users", name="bp")
    assert first.prefix == "/api/users" and first.replaces_prefix
    assert first.location == Location(path="app/__init__.py", start_line=8, end_line=8)
    assert second.child == RouterRef(module="app/admin", name="bp")
    assert second.prefix == "" and not second.replaces_prefix
    assert frag.routers[0].is_app and frag.routers[0].service == "app"


def test_decorator_above_the_route_decorator_does_not_protect_the_route() -> None:
    frag = extract(
        """
        from flask import Flask
        from flask_login import login_required
        app = Flask(__name__)

        @login_required
        @app.post("/notes")
        def create_note():
            return "", 201
        """
    )
    assert endpoint(frag, "POST", "/notes").authentication is Tri.NO


def test_routes_on_an_imported_app_use_the_imported_router() -> None:
    frag = extract(
        """
        from flask import jsonify
        from myapp import app

        @app.get("/status")
        def status():
            return {"ok": True}
        """,
        path="myapp/views.py",
    )
    assert routed(frag, "GET", "/status").router == RouterRef(module="myapp", name="app")
    assert frag.routers == ()


def test_path_decorators_in_a_module_without_a_web_framework_are_not_routes() -> None:
    frag = extract(
        """
        from myapp import cache

        @cache.get("/status")
        def status():
            return {"ok": True}
        """
    )
    assert frag.endpoints == ()
