"""One `Endpoint` per method of a route: controls from decorators and dependencies, facts
and fields from a scan of the handler body (one scan per handler function)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from threatdelta.extractors.web.python.app_controls import dependency_guards
from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.decorators import classify_decorator, is_cors_decorator
from threatdelta.extractors.web.python.guard_names import (
    decorator_names,
    list_dependency_names,
    uniq,
)
from threatdelta.extractors.web.python.guards import Controls, Guard, summarize
from threatdelta.extractors.web.python.handler_params import (
    ParamFacts,
    fastapi_params,
    model_fields,
    model_of,
)
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.routes import RouteSpec
from threatdelta.extractors.web.python.scan import scan_function
from threatdelta.extractors.web.python.syntax import FunctionNode, handler_span, kwarg, span
from threatdelta.extractors.web.python.taint import LocalKind, TaintEnv
from threatdelta.extractors.web.python.web_settings import flask_cors
from threatdelta.model.base import Evidence, Tri
from threatdelta.model.data_classes import classify, classify_all
from threatdelta.model.elements import STATE_CHANGING_METHODS, Endpoint, Parameter, ParamLocation
from threatdelta.model.facts import FactKind

_CONNEXION_PRINCIPALS = frozenset({"user", "token_info"})


@dataclass
class HandlerScan:
    ctx: ScanContext
    params: ParamFacts = field(default_factory=ParamFacts)


def scan_handler(
    fn: FunctionNode, route_path: str, framework: str, path: str, index: ModuleIndex
) -> HandlerScan:
    env = TaintEnv(index=index)
    params = ParamFacts()
    names = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)]
    names += [a.arg for a in (fn.args.vararg, fn.args.kwarg) if a is not None]
    if framework == "fastapi":
        params = fastapi_params(fn, _path_params(route_path), index)
        env.request_names.update(params.request_objects)
        env.principal_names.update(params.principals)
        for name in params.raw_bodies:
            env.kinds[name] = LocalKind.RAW_INPUT
            env.details[name] = "json"
    else:
        for name in names:
            if name in _CONNEXION_PRINCIPALS and framework == "connexion":
                env.principal_names.add(name)
            elif name not in ("self", "cls"):
                params.tainted.append(name)
        if framework == "connexion" and "body" in names:
            env.kinds["body"] = LocalKind.RAW_INPUT
            env.details["body"] = "json"
    for name in params.tainted:
        env.values[name] = Tri.YES
    ctx = ScanContext(path=path, index=index, env=env, in_handler=True)
    scan_function(fn, ctx)
    return HandlerScan(ctx=ctx, params=params)


def _path_params(path: str) -> tuple[str, ...]:
    return tuple(p.split("}")[0] for p in path.split("{")[1:])


def route_guards(route: RouteSpec, scan: HandlerScan | None, index: ModuleIndex) -> list[Guard]:
    guards = [classify_decorator(d, index) for d in route.guards]
    if route.decorator is not None and route.framework == "fastapi":
        guards += dependency_guards(route.decorator, index)
    if scan is not None:
        guards += scan.params.guards
    return guards


def route_guard_names(
    route: RouteSpec, scan: HandlerScan | None, index: ModuleIndex
) -> tuple[str, ...]:
    """Every decorator but the route's, the route's `dependencies=` and the handler's
    dependency parameters, by name, in source order."""
    names = [*decorator_names((*route.above, *route.guards), index)]
    if route.decorator is not None and route.framework == "fastapi":
        names += list_dependency_names(route.decorator, index)
    if scan is not None:
        names += scan.params.guard_names
    return uniq(names)


def cors_decorators(route: RouteSpec, ctx: ScanContext) -> None:
    for dec in route.guards:
        if is_cors_decorator(dec, ctx.index):
            if isinstance(dec, ast.Call):
                flask_cors(dec, ctx, "cross_origin")
            else:
                ctx.add(FactKind.CORS_WILDCARD, dec, "cross_origin", Tri.NO, "any origin allowed")


def build_endpoints(
    route: RouteSpec, scan: HandlerScan | None, path: str, index: ModuleIndex
) -> list[Endpoint]:
    controls = summarize(route_guards(route, scan, index))
    if scan is not None:
        cors_decorators(route, scan.ctx)
    handler = handler_span(path, route.handler) if route.handler else span(path, route.anchor)
    request_fields, response_fields, returns_list = _fields(route, scan, index)
    parameters = _parameters(route, scan)
    base = Endpoint(
        method="GET",
        path=route.path,
        service="",
        handler=handler,
        handler_name=route.handler_name,
        sources=(route.framework,),
        evidence=(Evidence(location=handler),),
        authentication=controls.authentication if route.handler else Tri.UNKNOWN,
        auth_schemes=controls.auth_schemes,
        guards=route_guard_names(route, scan, index),
        rate_limited=controls.rate_limited if route.handler else Tri.UNKNOWN,
        parameters=parameters,
        paginated=_paginated(parameters, scan, returns_list),
        request_fields=request_fields,
        response_fields=response_fields,
        request_schema=_request_schema(route, scan),
        request_data=classify_all(request_fields),
        response_data=classify_all(response_fields),
        returns_collection=Tri.YES if returns_list else Tri.UNKNOWN,
        facts=tuple(scan.ctx.facts) if scan is not None else (),
    )
    audited = any("audit" in ast.unparse(d).lower() for d in route.guards)
    return [
        base.model_copy(
            update={
                "method": method,
                "audit_logged": _audit(method, scan, audited),
                "object_authorization": _object_authorization(scan, controls),
            }
        )
        for method in route.methods
    ]


_PAGE_PARAMS = frozenset(
    {
        "limit",
        "offset",
        "page",
        "per_page",
        "page_size",
        "pagesize",
        "size",
        "cursor",
        "skip",
        "take",
        "after",
        "before",
        "max_results",
        "first",
        "last",
    }
)


def _paginated(params: tuple[Parameter, ...], scan: HandlerScan | None, returns_list: bool) -> Tri:
    """YES with a limit/page/cursor parameter or a `.paginate()` call; NO for a handler
    known to return a list without one."""
    if any(p.name.lower() in _PAGE_PARAMS for p in params if p.location is ParamLocation.QUERY):
        return Tri.YES
    if scan is not None and scan.ctx.paginates:
        return Tri.YES
    return Tri.NO if returns_list and scan is not None else Tri.UNKNOWN


def _audit(method: str, scan: HandlerScan | None, audited_by_decorator: bool) -> Tri:
    """YES when the handler logs; NO for a state-changing handler analysed without a log."""
    if scan is None:
        return Tri.UNKNOWN
    if audited_by_decorator or scan.ctx.has(FactKind.AUDIT_LOG):
        return Tri.YES
    return Tri.NO if method in STATE_CHANGING_METHODS else Tri.UNKNOWN


def _object_authorization(scan: HandlerScan | None, controls: Controls) -> Tri:
    if controls.permission:
        return Tri.YES
    if scan is None:
        return Tri.UNKNOWN
    ctx = scan.ctx
    if ctx.permission_guard or ctx.has(FactKind.OWNERSHIP_CHECK):
        return Tri.YES
    return Tri.NO if ctx.has(FactKind.OBJECT_LOOKUP_BY_ID, Tri.YES) else Tri.UNKNOWN


def _request_schema(route: RouteSpec, scan: HandlerScan | None) -> Tri:
    if scan is None or route.framework != "fastapi":
        return Tri.UNKNOWN
    if scan.params.has_model_body:
        return Tri.YES
    return Tri.NO if scan.params.raw_bodies else Tri.UNKNOWN


def _fields(
    route: RouteSpec, scan: HandlerScan | None, index: ModuleIndex
) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    if scan is None:
        return (), (), False
    request = [*scan.params.body_fields, *scan.ctx.request_fields]
    response = list(scan.ctx.response_fields)
    returns_list = False
    model = kwarg(route.decorator, "response_model") if route.decorator is not None else None
    if model is None and route.framework == "fastapi" and route.handler is not None:
        model = route.handler.returns
    name, returns_list = model_of(model)
    response = (model_fields(name, index) or []) + response if name else response
    return tuple(dict.fromkeys(request)), tuple(dict.fromkeys(response)), returns_list


def _parameters(route: RouteSpec, scan: HandlerScan | None) -> tuple[Parameter, ...]:
    found: dict[tuple[str, ParamLocation], Parameter] = {}

    def add(name: str, where: ParamLocation, required: bool) -> None:
        data = classify(name)
        found.setdefault(
            (name, where),
            Parameter(
                name=name, location=where, required=required, data_classes=(data,) if data else ()
            ),
        )

    for name in _path_params(route.path):
        add(name, ParamLocation.PATH, True)
    if scan is not None:
        for name, where, required in scan.params.inputs:
            add(name, where, required)
        for name, where in scan.ctx.inputs:
            add(name, where, False)
    return tuple(found.values())
