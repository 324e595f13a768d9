"""Find the routes of a module: Flask `@app.route`/`@bp.get`, FastAPI `@router.post`,
`add_url_rule` / `add_api_route`, and class-based `MethodView` / `View` handlers."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from threatdelta.extractors.web.python.module_index import ModuleIndex, VarKind
from threatdelta.extractors.web.python.syntax import (
    FunctionNode,
    arg,
    const_str,
    dotted,
    kwarg,
    str_items,
)
from threatdelta.model.elements import HTTP_METHODS
from threatdelta.model.fragment import RouterRef

_VERBS = frozenset(m.lower() for m in HTTP_METHODS)
_FLASK_CONVERTER = re.compile(r"<(?:[a-zA-Z_][\w]*(?:\([^)]*\))?:)?([a-zA-Z_]\w*)>")
_FASTAPI_CONVERTER = re.compile(r"\{([a-zA-Z_]\w*):[^}]+\}")
_FLASK_KINDS = (VarKind.FLASK_APP, VarKind.BLUEPRINT)
_FASTAPI_KINDS = (VarKind.FASTAPI_APP, VarKind.API_ROUTER)


@dataclass(frozen=True)
class RouteSpec:
    methods: tuple[str, ...]
    path: str  # relative to the router, params as {name}
    router: RouterRef | None  # None: bound by operationId (connexion)
    framework: str  # flask | fastapi | connexion
    handler: FunctionNode | None  # None: registered here, defined elsewhere
    handler_name: str
    anchor: ast.AST  # the route decorator or registration call
    decorator: ast.Call | None = None  # FastAPI options: dependencies=, response_model=
    guards: tuple[ast.expr, ...] = ()  # decorators that wrap the registered view
    # decorators over the route decorator: they do not wrap the registered view, but they
    # are the handler's and named among its guards
    above: tuple[ast.expr, ...] = ()


def template(path: str) -> str:
    """Flask `<int:id>` and FastAPI `{p:path}` to `{id}` / `{p}`."""
    return _FASTAPI_CONVERTER.sub(r"{\1}", _FLASK_CONVERTER.sub(r"{\1}", path))


def module_framework(index: ModuleIndex) -> str:
    if index.imports.uses("fastapi"):
        return "fastapi"
    if index.imports.uses("flask"):
        return "flask"
    return ""


def _framework(receiver: ast.expr, index: ModuleIndex) -> str:
    kind = index.kind(receiver)
    if kind in _FLASK_KINDS:
        return "flask"
    if kind in _FASTAPI_KINDS:
        return "fastapi"
    if kind is not None:
        return ""
    return module_framework(index)


def _route_of(dec: ast.expr, index: ModuleIndex) -> tuple[str, tuple[str, ...], str] | None:
    """(framework, methods, path) when a decorator registers a route."""
    if not isinstance(dec, ast.Call) or not isinstance(dec.func, ast.Attribute):
        return None
    attr, receiver = dec.func.attr, dec.func.value
    path = const_str(arg(dec, 0, "path")) if attr != "route" else const_str(arg(dec, 0, "rule"))
    if path is None or (path and not path.startswith("/")):
        return None
    framework = _framework(receiver, index)
    if not framework or (attr == "route" and framework != "flask"):
        return None
    if attr in _VERBS:
        return framework, (attr.upper(),), path
    if attr in ("route", "api_route"):
        methods = str_items(kwarg(dec, "methods")) or ("GET",)
        return framework, tuple(m.upper() for m in methods), path
    return None


def decorated_routes(fn: FunctionNode, index: ModuleIndex) -> list[RouteSpec]:
    routes: list[RouteSpec] = []
    found = [(i, _route_of(d, index)) for i, d in enumerate(fn.decorator_list)]
    below = [i for i, r in found if r is not None]
    for i, route in found:
        if route is None:
            continue
        dec = fn.decorator_list[i]
        assert isinstance(dec, ast.Call) and isinstance(dec.func, ast.Attribute)
        router = index.imports.ref(dec.func.value, index.local_names())
        if router is None:
            continue
        guards = tuple(d for j, d in enumerate(fn.decorator_list) if j > i and j not in below)
        above = tuple(d for j, d in enumerate(fn.decorator_list) if j < i and j not in below)
        framework, methods, path = route
        routes.append(
            RouteSpec(
                methods=methods,
                path=template(path),
                router=router,
                framework=framework,
                handler=fn,
                handler_name=fn.name,
                anchor=dec,
                decorator=dec,
                guards=guards,
                above=above,
            )
        )
    return routes


def registered_routes(call: ast.Call, index: ModuleIndex) -> list[RouteSpec]:
    """`app.add_url_rule(rule, endpoint, view_func, methods=)`, `add_api_route(path, fn)`."""
    if not isinstance(call.func, ast.Attribute):
        return []
    attr = call.func.attr
    if attr not in ("add_url_rule", "add_api_route"):
        return []
    path = const_str(arg(call, 0, "rule" if attr == "add_url_rule" else "path"))
    view = arg(call, 2, "view_func") if attr == "add_url_rule" else arg(call, 1, "endpoint")
    router = index.imports.ref(call.func.value, index.local_names())
    if path is None or view is None or router is None:
        return []
    framework = "flask" if attr == "add_url_rule" else "fastapi"
    methods = str_items(kwarg(call, "methods"))
    if (
        isinstance(view, ast.Call)
        and isinstance(view.func, ast.Attribute)
        and view.func.attr == "as_view"
    ):
        target = _Target(call, template(path), router, methods)
        return _class_routes(target, view.func.value, index)
    name = dotted(view) or "<view>"
    fn = index.functions.get(name)
    local = fn if fn is not None and not index.imports.imported(name) else None
    return [
        RouteSpec(
            methods=tuple(m.upper() for m in methods or ("GET",)),
            path=template(path),
            router=router,
            framework=framework,
            handler=local,
            handler_name=name,
            anchor=call,
            decorator=call if framework == "fastapi" else None,
            guards=tuple(local.decorator_list) if local is not None else (),
        )
    ]


@dataclass(frozen=True)
class _Target:
    """Where a view class is registered: the call, path, router and allowed methods."""

    call: ast.Call
    path: str
    router: RouterRef
    methods: tuple[str, ...] | None


def _class_routes(target: _Target, cls_node: ast.expr, index: ModuleIndex) -> list[RouteSpec]:
    call, path, router, methods = target.call, target.path, target.router, target.methods
    name = dotted(cls_node) or "<view>"
    cls = index.classes.get(name)
    if cls is None:
        return [
            RouteSpec(
                methods=tuple(m.upper() for m in methods or ("GET",)),
                path=path,
                router=router,
                framework="flask",
                handler=None,
                handler_name=name,
                anchor=call,
            )
        ]
    class_guards = _class_decorators(cls)
    defs = {n.name: n for n in cls.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    wanted = {m.upper() for m in methods} if methods else None
    routes: list[RouteSpec] = []
    for verb in HTTP_METHODS:
        fn = defs.get(verb.lower())
        if fn is None and "dispatch_request" in defs and verb in _view_methods(cls, wanted):
            fn = defs["dispatch_request"]
        if fn is None or (wanted is not None and verb not in wanted):
            continue
        routes.append(
            RouteSpec(
                methods=(verb,),
                path=path,
                router=router,
                framework="flask",
                handler=fn,
                handler_name=f"{cls.name}.{fn.name}",
                anchor=call,
                guards=(*class_guards, *fn.decorator_list),
            )
        )
    return routes


def _class_decorators(cls: ast.ClassDef) -> tuple[ast.expr, ...]:
    """`decorators = [login_required]` on a Flask view class."""
    for node in cls.body:
        if (
            isinstance(node, ast.Assign)
            and any(
                isinstance(t, ast.Name) and t.id in ("decorators", "method_decorators")
                for t in node.targets
            )
            and isinstance(node.value, ast.List | ast.Tuple)
        ):
            return tuple(node.value.elts)
    return ()


def _view_methods(cls: ast.ClassDef, wanted: set[str] | None) -> set[str]:
    for node in cls.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "methods" for t in node.targets
        ):
            return {m.upper() for m in str_items(node.value) or ()}
    return wanted or {"GET"}
