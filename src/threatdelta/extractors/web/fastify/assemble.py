"""Fastify registrations of one module to its model fragment: a router per app and plugin
that registers something, plugin mounts with their prefixes, endpoints with their hooks,
rate limits, body schemas and handler facts, and the app's service."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.handler import (
    HandlerFacts,
    analyse_handler,
    resolve_handler,
)
from threatdelta.extractors.web.express.middleware import (
    Guard,
    authentication_of,
    names_of,
    rate_limit_of,
    schemes_of,
)
from threatdelta.extractors.web.express.syntax import Code
from threatdelta.extractors.web.fastify.instances import Instance
from threatdelta.extractors.web.fastify.options import body_schema, route_guards
from threatdelta.extractors.web.fastify.routes import Registrations, RouteReg
from threatdelta.model.base import Evidence, Level, Notification, Tri
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import (
    STATE_CHANGING_METHODS,
    Endpoint,
    Parameter,
    ParamLocation,
    Service,
    service_name_for,
)
from threatdelta.model.facts import FactKind
from threatdelta.model.fragment import ModelFragment, Mount, RoutedEndpoint, RouterDecl

EXTRACTOR = "fastify"
_NOT_BODY = (ParamLocation.QUERY, ParamLocation.HEADER, ParamLocation.COOKIE)


def assemble(
    code: Code,
    index: ModuleIndex,
    *,
    apps: dict[str, Instance],
    plugins: dict[int, Instance],
    found: Registrations,
    notes: tuple[Notification, ...],
) -> ModelFragment:
    service = service_name_for(code.path)
    used = {r.owner.ref: r.owner for r in found.routes}
    used |= {m.owner.ref: m.owner for m in found.mounts}
    used |= {i.ref: i for i in (*apps.values(), *plugins.values()) if i.ref in found.hooks}
    used |= {i.ref: i for i in apps.values()}
    routers = tuple(_router(code, i, found.hooks.get(i.ref, []), service) for i in used.values())
    mounts = tuple(
        Mount(
            parent=m.owner.ref,
            child=m.child,
            prefix=m.prefix,
            location=code.location(m.call),
            authentication=Tri.NO,
            rate_limited=Tri.NO,
        )
        for m in found.mounts
    )
    endpoints = tuple(
        RoutedEndpoint(router=reg.owner.ref, endpoint=ep)
        for reg in found.routes
        for ep in _endpoints(code, index, reg, service if reg.owner.is_app else "")
    )
    return ModelFragment(
        path=code.path,
        extractor=EXTRACTOR,
        services=_services(code, apps, found, service),
        routers=routers,
        mounts=mounts,
        endpoints=endpoints,
        notifications=(*notes, *(_unreadable(code, c) for c in found.unreadable)),
    )


def _router(code: Code, instance: Instance, guards: list[Guard], service: str) -> RouterDecl:
    return RouterDecl(
        ref=instance.ref,
        is_app=instance.is_app,
        service=service if instance.is_app else "",
        location=code.location(instance.node),
        authentication=authentication_of(guards),
        auth_schemes=schemes_of(guards),
        rate_limited=rate_limit_of(guards),
        guards=names_of(guards),
    )


def _endpoints(code: Code, index: ModuleIndex, reg: RouteReg, service: str) -> list[Endpoint]:
    handler = resolve_handler(reg.handler, index)
    found = analyse_handler(handler.function, index, code) if handler.function else None
    location = code.location(reg.call)
    guards = route_guards(reg.options)
    fields = found.fields if found is not None else {}
    request_fields = fields.get(ParamLocation.BODY, ())
    params = _parameters(reg, fields)
    evidence = [Evidence(location=location)]
    if handler.function is not None and not location.contains(code.location(handler.function)):
        evidence.append(Evidence(location=code.location(handler.function)))
    return [
        Endpoint(
            method=verb,
            path=reg.path,
            service=service,
            handler=location,
            handler_name=handler.name,
            sources=(EXTRACTOR,),
            evidence=tuple(evidence),
            authentication=authentication_of(guards),
            auth_schemes=schemes_of(guards),
            guards=names_of(guards),
            rate_limited=rate_limit_of(guards),
            audit_logged=_audit(found, verb),
            parameters=params,
            request_fields=request_fields,
            request_schema=body_schema(reg.options.get("schema"), verb),
            response_fields=found.response_fields if found is not None else (),
            request_data=classify_all((*request_fields, *(p.name for p in params))),
            response_data=classify_all(found.response_fields if found is not None else ()),
            facts=found.facts if found is not None else (),
        )
        for verb in reg.methods
    ]


def _parameters(
    reg: RouteReg, fields: dict[ParamLocation, tuple[str, ...]]
) -> tuple[Parameter, ...]:
    out = [
        Parameter(
            name=n, location=ParamLocation.PATH, required=True, data_classes=classify_all([n])
        )
        for n in Endpoint(method="GET", path=reg.path, service="").path_params
    ]
    for where in _NOT_BODY:
        out += [
            Parameter(name=n, location=where, data_classes=classify_all([n]))
            for n in fields.get(where, ())
        ]
    return tuple(out)


def _audit(found: HandlerFacts | None, verb: str) -> Tri:
    if found is None:
        return Tri.UNKNOWN
    if any(f.kind is FactKind.AUDIT_LOG for f in found.facts):
        return Tri.YES
    return Tri.NO if verb in STATE_CHANGING_METHODS and not found.delegates else Tri.UNKNOWN


def _services(
    code: Code, apps: dict[str, Instance], found: Registrations, name: str
) -> tuple[Service, ...]:
    facts = tuple(dict.fromkeys(found.facts))
    if apps:
        first = next(iter(apps.values()))
        return (
            Service(
                name=name,
                framework=EXTRACTOR,
                evidence=(Evidence(location=code.location(first.node)),),
                facts=facts,
                security_headers=Tri.YES if found.helmet else Tri.NO,
            ),
        )
    if facts or found.helmet:
        headers = Tri.YES if found.helmet else Tri.UNKNOWN
        return (Service(name=name, facts=facts, security_headers=headers),)
    return ()


def _unreadable(code: Code, call: Node) -> Notification:
    return Notification(
        level=Level.NOTE,
        code="unreadable-route-path",
        path=code.path,
        message=f"{EXTRACTOR}: route registered at line {call.start_point.row + 1} has a path "
        "that is not a literal string; it is not modelled",
    )
