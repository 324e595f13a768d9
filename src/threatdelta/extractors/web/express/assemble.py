"""One parsed module to its model fragment: service, routers, mounts, endpoints, facts."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex, build_index
from threatdelta.extractors.web.express.endpoints import EndpointBuilder
from threatdelta.extractors.web.express.middleware import (
    Classifier,
    authentication_of,
    names_of,
    rate_limit_of,
    schemes_of,
)
from threatdelta.extractors.web.express.module_facts import module_facts
from threatdelta.extractors.web.express.routes import (
    MountReg,
    RouterPlan,
    RouteScanner,
    RouteTable,
)
from threatdelta.extractors.web.express.syntax import Code, arguments, chain, line
from threatdelta.model.base import Evidence, EvidenceRole, Level, Notification, Tri
from threatdelta.model.elements import Service, service_name_for
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import ModelFragment, Mount, RoutedEndpoint, RouterDecl

EXTRACTOR = "express"
_HEADERS_LIKE = re.compile(r"secur|header|helmet|csp", re.IGNORECASE)


def assemble(code: Code, root: Node, text: str, notes: list[Notification]) -> ModelFragment:
    index = build_index(root)
    scanner = RouteScanner(code.path, index, Classifier(index))
    table = scanner.scan()
    service = service_name_for(code.path)
    facts = module_facts(code, index, text)
    services = _services(code, table, index, facts, service)
    builder = EndpointBuilder(code, index, service)
    apps = {p.var.key for p in table.routers if p.var.is_app}
    routers = tuple(_router(code, scanner, plan, service) for plan in table.routers)
    mounts = tuple(_mount(code, scanner, mount) for mount in table.mounts)
    endpoints = tuple(
        RoutedEndpoint(
            router=scanner.ref(reg.router), endpoint=builder.build(reg, on_app=reg.router in apps)
        )
        for reg in table.routes
    )
    notes += [_unreadable(code, call) for call in table.unreadable]
    return ModelFragment(
        path=code.path,
        extractor=EXTRACTOR,
        services=services,
        routers=routers,
        mounts=mounts,
        endpoints=endpoints,
        notifications=tuple(notes),
    )


def _router(code: Code, scanner: RouteScanner, plan: RouterPlan, service: str) -> RouterDecl:
    guards = list(plan.guards)
    return RouterDecl(
        ref=scanner.ref(plan.var.key),
        is_app=plan.var.is_app,
        service=service if plan.var.is_app else "",
        location=code.location(plan.var.node),
        authentication=authentication_of(guards),
        auth_schemes=schemes_of(guards),
        auth_evidence=tuple(
            Evidence(location=code.location(n), role=EvidenceRole.CONFIG) for n in plan.uses
        ),
        rate_limited=rate_limit_of(guards),
        guards=names_of(guards),
    )


def _mount(code: Code, scanner: RouteScanner, mount: MountReg) -> Mount:
    guards = list(mount.guards)
    return Mount(
        parent=scanner.ref(mount.router),
        child=mount.child,
        prefix=mount.prefix,
        location=code.location(mount.call),
        authentication=authentication_of(guards),
        auth_schemes=schemes_of(guards),
        rate_limited=rate_limit_of(guards),
        guards=names_of(guards),
    )


def _services(
    code: Code, table: RouteTable, index: ModuleIndex, facts: tuple[CodeFact, ...], name: str
) -> tuple[Service, ...]:
    apps = [p for p in table.routers if p.var.is_app]
    helmet = any(f.kind is FactKind.SECURITY_HEADERS for f in facts)
    if apps:
        headers = Tri.YES if helmet else _headers_unseen(index)
        evidence = (Evidence(location=code.location(apps[0].var.node)),)
        return (
            Service(
                name=name,
                framework=EXTRACTOR,
                evidence=evidence,
                facts=facts,
                security_headers=headers,
            ),
        )
    if facts:
        headers = Tri.YES if helmet else Tri.UNKNOWN
        return (Service(name=name, facts=facts, security_headers=headers),)
    return ()


def _headers_unseen(index: ModuleIndex) -> Tri:
    """No helmet in the app's file: NO, unless a middleware whose name speaks of security
    headers is used (it may set them)."""
    for call in index.calls:
        names = chain(call.child_by_field_name("function"))
        if names[-1:] == ("use",) and any(
            _HEADERS_LIKE.search(".".join(chain(a)) or "") for a in arguments(call)
        ):
            return Tri.UNKNOWN
    return Tri.NO


def _unreadable(code: Code, call: Node) -> Notification:
    return Notification(
        level=Level.NOTE,
        code="unreadable-route-path",
        path=code.path,
        message=f"route registered at line {line(call)} has a path that is not a literal "
        "string; it is not modelled",
    )
