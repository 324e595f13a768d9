"""FastAPI: app and routers, parameters, pydantic request/response fields, include_router."""

from __future__ import annotations

from python_web_helpers import endpoint, extract, routed

from threatdelta.model import DataClass, Location, Parameter, ParamLocation, RouterRef, Tri


def test_router_with_prefix_and_typed_handler_parameters() -> None:
    frag = extract(
        """
        from fastapi import APIRouter, Header, Query
        router = APIRouter(prefix="/items")

        @router.get("/{item_id}")
        async def read_item(item_id: int, q: str | None = None,
                            x_token: str = Header(...), limit: int = Query(10)):
            return {"id": item_id}
        """,
        path="app/routers/items.py",
    )
    (decl,) = frag.routers
    assert decl.ref == RouterRef(module="app/routers/items", name="router")
    assert decl.prefix == "/items" and not decl.is_app
    item = routed(frag, "GET", "/{item_id}")
    assert item.router == decl.ref
    assert item.endpoint.sources == ("fastapi",)
    assert item.endpoint.handler == Location(path="app/routers/items.py", start_line=5, end_line=8)
    assert item.endpoint.parameters == (
        Parameter(name="item_id", location=ParamLocation.PATH, required=True),
        Parameter(name="q", location=ParamLocation.QUERY, required=False),
        Parameter(
            name="x_token",
            location=ParamLocation.HEADER,
            required=True,
            data_classes=(DataClass.TOKENS,),
        ),
        Parameter(name="limit", location=ParamLocation.QUERY, required=False),
    )
    assert item.endpoint.paginated is Tri.YES
    assert item.endpoint.authentication is Tri.NO


def test_pydantic_body_and_response_model_fields_in_the_same_module() -> None:
    frag = extract(
        """
        from fastapi import FastAPI
        from pydantic import BaseModel
        app = FastAPI()

        class UserIn(BaseModel):
            email: str
            password: str

        class UserOut(BaseModel):
            id: int
            email: str

        @app.post("/users", response_model=UserOut, status_code=201)
        def create_user(user: UserIn):
            return save(user)
        """
    )
    ep = endpoint(frag, "POST", "/users")
    assert ep.request_fields == ("email", "password")
    assert ep.response_fields == ("id", "email")
    assert ep.request_schema is Tri.YES
    assert ep.request_data == (DataClass.CREDENTIALS, DataClass.PII)
    assert ep.response_data == (DataClass.PII,)
    assert frag.services[0].framework == "fastapi"


def test_list_response_model_without_page_parameters_is_an_unpaginated_collection() -> None:
    frag = extract(
        """
        from fastapi import FastAPI
        from pydantic import BaseModel
        app = FastAPI()

        class Event(BaseModel):
            id: int

        @app.get("/events", response_model=list[Event])
        def list_events():
            return []
        """
    )
    ep = endpoint(frag, "GET", "/events")
    assert ep.returns_collection is Tri.YES
    assert ep.paginated is Tri.NO
    assert ep.response_fields == ("id",)


def test_dict_body_has_no_schema() -> None:
    frag = extract(
        """
        from fastapi import FastAPI, Body
        app = FastAPI()

        @app.put("/settings")
        def put_settings(payload: dict = Body(...)):
            return payload
        """
    )
    assert endpoint(frag, "PUT", "/settings").request_schema is Tri.NO


def test_include_router_mounts_with_prefix_and_auth_dependencies() -> None:
    frag = extract(
        """
        from fastapi import Depends, FastAPI
        from app.routers import items
        from app.security import get_current_user
        app = FastAPI()
        app.include_router(items.router, prefix="/api", dependencies=[Depends(get_current_user)])
        app.include_router(items.public, prefix="/public")
        """,
        path="app/main.py",
    )
    guarded, public = frag.mounts
    assert guarded.parent == RouterRef(module="app/main", name="app")
    assert guarded.child == RouterRef(module="app/routers/items", name="router")
    assert guarded.prefix == "/api" and not guarded.replaces_prefix
    assert guarded.authentication is Tri.YES
    assert guarded.auth_schemes == ("get_current_user",)
    assert public.authentication is Tri.NO


def test_api_route_and_add_api_route_register_routes() -> None:
    frag = extract(
        """
        from fastapi import FastAPI
        app = FastAPI()

        @app.api_route("/echo", methods=["GET", "POST"])
        def echo():
            return {}

        def health():
            return {"ok": True}

        app.add_api_route("/health", health, methods=["GET"])
        """
    )
    assert {(r.endpoint.method, r.endpoint.path) for r in frag.endpoints} == {
        ("GET", "/echo"),
        ("POST", "/echo"),
        ("GET", "/health"),
    }
    assert endpoint(frag, "GET", "/health").handler == Location(
        path="app.py", start_line=9, end_line=10
    )


def test_prefixes_given_as_module_constants_are_resolved() -> None:
    frag = extract(
        """
        from fastapi import APIRouter, FastAPI
        from app.routers import users
        API_V1 = "/api/v1"
        ITEMS = "/items"
        app = FastAPI()
        router = APIRouter(prefix=ITEMS)
        app.include_router(users.router, prefix=API_V1)
        app.include_router(router, prefix=settings.API_PREFIX)
        """
    )
    (decl,) = [d for d in frag.routers if not d.is_app]
    assert decl.prefix == "/items"
    assert [m.prefix for m in frag.mounts] == ["/api/v1", ""]
