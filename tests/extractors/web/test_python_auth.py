"""Authentication, permission and rate-limit controls on routes, routers and apps."""

from __future__ import annotations

from python_web_helpers import endpoint, extract

from threatdelta.model import RouterRef, Tri


def test_flask_login_and_jwt_extended_decorators_authenticate() -> None:
    frag = extract(
        """
        from flask import Flask
        from flask_login import login_required
        from flask_jwt_extended import jwt_required
        app = Flask(__name__)

        @app.post("/a")
        @login_required
        def a():
            return ""

        @app.post("/b")
        @jwt_required()
        def b():
            return ""

        @app.post("/c")
        @jwt_required(optional=True)
        def c():
            return ""
        """
    )
    assert endpoint(frag, "POST", "/a").auth_schemes == ("flask-login",)
    assert endpoint(frag, "POST", "/a").authentication is Tri.YES
    assert endpoint(frag, "POST", "/b").auth_schemes == ("jwt",)
    assert endpoint(frag, "POST", "/c").authentication is Tri.NO


def test_custom_auth_decorators_authenticate_and_role_decorators_authorise() -> None:
    frag = extract(
        """
        from flask import Blueprint
        from .security import token_required, admin_required
        bp = Blueprint("x", __name__)

        @bp.delete("/docs/<int:doc_id>")
        @token_required
        def remove(doc_id):
            return "", 204

        @bp.post("/users")
        @admin_required
        def add_user():
            return "", 201
        """
    )
    remove = endpoint(frag, "DELETE", "/docs/{doc_id}")
    assert remove.authentication is Tri.YES and remove.auth_schemes == ("token_required",)
    assert remove.object_authorization is Tri.UNKNOWN
    add = endpoint(frag, "POST", "/users")
    assert add.authentication is Tri.YES and add.object_authorization is Tri.YES


def test_unrecognised_decorator_makes_controls_unknown_and_known_neutral_ones_do_not() -> None:
    frag = extract(
        """
        from flask import Flask
        from .ext import cache, sign_check
        app = Flask(__name__)

        @app.post("/x")
        @sign_check
        def x():
            return ""

        @app.post("/y")
        @cache.cached(timeout=50)
        def y():
            return ""
        """
    )
    x = endpoint(frag, "POST", "/x")
    assert x.authentication is Tri.UNKNOWN and x.rate_limited is Tri.UNKNOWN
    y = endpoint(frag, "POST", "/y")
    assert y.authentication is Tri.NO and y.rate_limited is Tri.NO


def test_local_decorator_is_judged_by_its_body() -> None:
    frag = extract(
        """
        from functools import wraps
        from flask import Flask, abort, request
        app = Flask(__name__)

        def guarded(view):
            @wraps(view)
            def wrapper(*args, **kwargs):
                if request.headers.get("X-API-Key") != KEY:
                    abort(401)
                return view(*args, **kwargs)
            return wrapper

        def timed(view):
            return view

        @app.post("/g")
        @guarded
        def g():
            return ""

        @app.post("/t")
        @timed
        def t():
            return ""
        """
    )
    assert endpoint(frag, "POST", "/g").authentication is Tri.YES
    assert endpoint(frag, "POST", "/g").auth_schemes == ("apiKey",)
    assert endpoint(frag, "POST", "/t").authentication is Tri.NO


def test_before_request_hook_that_rejects_authenticates_the_blueprint() -> None:
    frag = extract(
        """
        from flask import Blueprint, abort, session
        admin = Blueprint("admin", __name__)
        public = Blueprint("public", __name__)

        @admin.before_request
        def require_login():
            if "user_id" not in session:
                abort(401)

        @public.before_request
        def open_db():
            connect()
        """
    )
    decls = {d.ref.name: d for d in frag.routers}
    assert decls["admin"].authentication is Tri.YES
    assert decls["admin"].auth_schemes == ("session",)
    assert decls["public"].authentication is Tri.NO


def test_flask_limiter_decorators_and_app_wide_default_limits() -> None:
    frag = extract(
        """
        from flask import Flask
        from flask_limiter import Limiter
        from flask_limiter.util import get_remote_address
        app = Flask(__name__)
        limiter = Limiter(get_remote_address, app=app, default_limits=["200 per day"])

        @app.post("/login")
        @limiter.limit("5 per minute")
        def login():
            return ""

        @app.get("/feed")
        @limiter.exempt
        def feed():
            return ""
        """
    )
    assert endpoint(frag, "POST", "/login").rate_limited is Tri.YES
    assert endpoint(frag, "GET", "/feed").rate_limited is Tri.NO
    (app,) = [d for d in frag.routers if d.is_app]
    assert app.rate_limited is Tri.YES
    assert app.authentication is Tri.NO


def test_limiter_initialised_from_another_module_leaves_app_limits_unknown() -> None:
    frag = extract(
        """
        from flask import Flask
        from .extensions import limiter

        def create_app():
            app = Flask(__name__)
            limiter.init_app(app)
            return app
        """
    )
    (app,) = frag.routers
    assert app.rate_limited is Tri.UNKNOWN
    assert app.authentication is Tri.NO


def test_fastapi_dependencies_on_route_parameters_and_security_schemes() -> None:
    frag = extract(
        """
        from fastapi import Depends, FastAPI, Security
        from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
        app = FastAPI()
        oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
        api_key = APIKeyHeader(name="X-API-Key")

        def get_db():
            yield None

        async def get_current_user(token: str = Depends(oauth2_scheme)):
            return decode(token)

        @app.post("/orders")
        def create_order(user = Depends(get_current_user), db = Depends(get_db)):
            return {}

        @app.post("/keys", dependencies=[Depends(api_key)])
        def rotate():
            return {}

        @app.get("/reports")
        def reports(user = Security(get_current_user, scopes=["reports:read"])):
            return []

        @app.post("/open")
        def open_(db = Depends(get_db)):
            return {}
        """
    )
    orders = endpoint(frag, "POST", "/orders")
    assert orders.authentication is Tri.YES and orders.auth_schemes == ("oauth2",)
    assert endpoint(frag, "POST", "/keys").auth_schemes == ("apiKey",)
    reports = endpoint(frag, "GET", "/reports")
    assert reports.authentication is Tri.YES and reports.object_authorization is Tri.YES
    assert endpoint(frag, "POST", "/open").authentication is Tri.NO


def test_annotated_dependency_alias_and_router_dependencies() -> None:
    frag = extract(
        """
        from typing import Annotated
        from fastapi import APIRouter, Depends
        from app.deps import get_current_user, verify_token

        CurrentUser = Annotated[dict, Depends(get_current_user)]
        router = APIRouter(prefix="/me", dependencies=[Depends(verify_token)])

        @router.patch("")
        def update_me(user: CurrentUser):
            return user
        """
    )
    ep = endpoint(frag, "PATCH", "")
    assert ep.authentication is Tri.YES and ep.auth_schemes == ("get_current_user",)
    (decl,) = frag.routers
    assert decl.ref == RouterRef(module="app", name="router")
    assert decl.authentication is Tri.YES and decl.auth_schemes == ("verify_token",)


def test_fastapi_http_middleware_that_rejects_authenticates_the_app() -> None:
    frag = extract(
        """
        from fastapi import FastAPI, Request
        from fastapi.responses import JSONResponse
        app = FastAPI()

        @app.middleware("http")
        async def check_token(request: Request, call_next):
            if request.headers.get("Authorization") != "Bearer " + TOKEN:
                return JSONResponse({"detail": "unauthorised"}, status_code=401)
            return await call_next(request)
        """
    )
    (app,) = frag.routers
    assert app.authentication is Tri.YES


def test_slowapi_limit_decorator_rate_limits_a_fastapi_route() -> None:
    frag = extract(
        """
        from fastapi import FastAPI, Request
        from slowapi import Limiter
        from slowapi.util import get_remote_address
        limiter = Limiter(key_func=get_remote_address)
        app = FastAPI()

        @app.post("/token")
        @limiter.limit("5/minute")
        async def token(request: Request):
            return {}
        """
    )
    assert endpoint(frag, "POST", "/token").rate_limited is Tri.YES
    (app,) = frag.routers
    assert app.rate_limited is Tri.NO


def test_hook_that_only_loads_the_user_is_not_authentication_but_a_verifier_call_is() -> None:
    frag = extract(
        """
        from flask import Blueprint, g, request, session
        from .tokens import verify_token
        loader = Blueprint("loader", __name__)
        api = Blueprint("api", __name__)

        @loader.before_app_request
        def load_logged_in_user():
            user_id = session.get("user_id")
            g.user = None if user_id is None else find_user(user_id)

        @api.before_request
        def authenticate():
            g.claims = verify_token(request.headers.get("Authorization", ""))
        """
    )
    decls = {d.ref.name: d for d in frag.routers}
    assert decls["loader"].authentication is Tri.NO
    assert decls["api"].authentication is Tri.YES


def test_imported_dependency_aliases_are_read_by_their_names() -> None:
    frag = extract(
        """
        from typing import Annotated
        from fastapi import APIRouter, Depends
        from fastapi.security import OAuth2PasswordRequestForm
        from app.api.deps import CurrentUser, SessionDep
        from app.schemas import ItemCreate

        router = APIRouter()

        @router.post("/items")
        def create_item(session: SessionDep, user: CurrentUser, item_in: ItemCreate):
            return item_in

        @router.post("/login")
        def login(session: SessionDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]):
            return {}
        """
    )
    items = endpoint(frag, "POST", "/items")
    assert items.authentication is Tri.YES and items.auth_schemes == ("CurrentUser",)
    assert [(p.name, p.location.value) for p in items.parameters] == [("item_in", "body")]
    login = endpoint(frag, "POST", "/login")
    assert login.authentication is Tri.NO
    assert login.request_fields == ("username", "password")


def test_blueprint_wide_limit_and_wsgi_middleware() -> None:
    frag = extract(
        """
        from flask import Blueprint, Flask
        from werkzeug.middleware.proxy_fix import ProxyFix
        from .ext import limiter, SignatureMiddleware
        app = Flask(__name__)
        api = Blueprint("api", __name__)
        limiter.limit("100/hour")(api)
        app.wsgi_app = ProxyFix(app.wsgi_app)
        other = Flask("other")
        other.wsgi_app = SignatureMiddleware(other.wsgi_app)
        """
    )
    decls = {d.ref.name: d for d in frag.routers}
    assert decls["api"].rate_limited is Tri.YES
    assert decls["app"].authentication is Tri.NO
    assert decls["other"].authentication is Tri.UNKNOWN


def test_starlette_authentication_middleware_alone_does_not_enforce_but_requires_does() -> None:
    frag = extract(
        """
        from fastapi import FastAPI, Request
        from starlette.authentication import requires
        from starlette.middleware.authentication import AuthenticationMiddleware
        app = FastAPI()
        app.add_middleware(AuthenticationMiddleware, backend=TokenBackend())

        @app.post("/notes")
        @requires("authenticated")
        async def create(request: Request):
            return {}
        """
    )
    (app,) = frag.routers
    assert app.authentication is Tri.UNKNOWN
    assert endpoint(frag, "POST", "/notes").authentication is Tri.YES


def test_fastapi_limiter_dependency_rate_limits_the_route() -> None:
    frag = extract(
        """
        from fastapi import Depends, FastAPI
        from fastapi_limiter.depends import RateLimiter
        app = FastAPI()

        @app.post("/login", dependencies=[Depends(RateLimiter(times=5, seconds=60))])
        def login():
            return {}
        """
    )
    ep = endpoint(frag, "POST", "/login")
    assert ep.rate_limited is Tri.YES and ep.authentication is Tri.NO


def test_http_bearer_instances_and_subclasses_are_bearer_schemes() -> None:
    frag = extract(
        """
        from fastapi import Depends, FastAPI
        from fastapi.security import HTTPBearer

        class JWTBearer(HTTPBearer):
            async def __call__(self, request):
                return await super().__call__(request)

        app = FastAPI()
        bearer = HTTPBearer()
        jwt_bearer = JWTBearer()

        @app.put("/a", dependencies=[Depends(bearer)])
        def a():
            return {}

        @app.put("/b", dependencies=[Depends(jwt_bearer)])
        def b():
            return {}
        """
    )
    assert endpoint(frag, "PUT", "/a").auth_schemes == ("bearer",)
    assert endpoint(frag, "PUT", "/b").auth_schemes == ("bearer",)


def test_limiter_of_this_module_bound_by_init_app_limits_the_app() -> None:
    frag = extract(
        """
        from flask import Flask
        from flask_limiter import Limiter
        from flask_limiter.util import get_remote_address
        limiter = Limiter(key_func=get_remote_address, default_limits=["100 per hour"])

        def create_app():
            app = Flask(__name__)
            limiter.init_app(app)
            return app
        """
    )
    (app,) = frag.routers
    assert app.rate_limited is Tri.YES
