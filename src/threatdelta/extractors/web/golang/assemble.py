"""One parsed Go file to its model fragment: service, base routers, mounts, endpoints and
service-wide facts."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.golang.endpoints import EndpointBuilder
from threatdelta.extractors.web.golang.imports import Imports, template
from threatdelta.extractors.web.golang.middleware import (
    authentication_of,
    rate_limit_of,
    schemes_of,
)
from threatdelta.extractors.web.golang.providers import provider_methods
from threatdelta.extractors.web.golang.routers import MountReg, Router, chain_of
from threatdelta.extractors.web.golang.routes import RouteScanner
from threatdelta.extractors.web.golang.servers import serving
from threatdelta.extractors.web.golang.settings import (
    cookie_facts,
    cors_facts,
    debug_and_jwt_facts,
    secret_facts,
)
from threatdelta.extractors.web.golang.syntax import Code, line, walk
from threatdelta.model.base import Evidence, Level, Notification, Tri
from threatdelta.model.elements import Service, normalize_path, service_name_for
from threatdelta.model.facts import CodeFact
from threatdelta.model.fragment import ModelFragment, Mount, RoutedEndpoint, RouterDecl

EXTRACTOR = "go"


def assemble(code: Code, root: Node, notes: list[Notification]) -> ModelFragment:
    imports = Imports(root)
    scanner = RouteScanner(code.path, root, imports)
    scanner.scan()
    service = service_name_for(code.path)
    nodes = list(walk(root))
    builder = EndpointBuilder(code, root, nodes, imports, service)
    endpoints: list[RoutedEndpoint] = []
    for reg in scanner.routes:
        endpoints += builder.build(reg)
    served = serving(code, nodes, imports)
    facts = [*served.facts, *cors_facts(code, nodes), *secret_facts(code, nodes)]
    facts += debug_and_jwt_facts(code, nodes)
    facts += [
        f
        for f in cookie_facts(code, nodes)
        if not any(span.contains(f.location) for span in builder.handler_spans)
    ]
    bases = [r for r in scanner.routers if r.parent is None]
    apps = [r for r in bases if r.is_app]
    notes += [_unreadable(code, call) for call in scanner.unreadable]
    return ModelFragment(
        path=code.path,
        extractor=EXTRACTOR,
        services=_services(
            code, service, apps, serves=served.serves, plain_http=served.plain_http, facts=facts
        ),
        routers=tuple(_decl(code, r, service) for r in bases),
        mounts=tuple(_mount(code, m) for m in scanner.mounts),
        endpoints=tuple(endpoints),
        provider_methods=tuple(provider_methods(code, root)),
        provider_calls=tuple(builder.calls),
        notifications=tuple(notes),
    )


def _services(
    code: Code,
    name: str,
    apps: list[Router],
    *,
    serves: bool,
    plain_http: Tri,
    facts: list[CodeFact],
) -> tuple[Service, ...]:
    unique = tuple(dict.fromkeys(facts))
    if apps or serves:
        framework = str(apps[0].framework) if apps else "net/http"
        evidence = (Evidence(location=code.location(apps[0].node)),) if apps else ()
        return (
            Service(
                name=name,
                framework=framework,
                evidence=evidence,
                facts=unique,
                plain_http=plain_http,
            ),
        )
    if unique:
        return (Service(name=name, facts=unique),)
    return ()


def _decl(code: Code, router: Router, service: str) -> RouterDecl:
    """A base router: every middleware is already folded into its endpoints, so the router
    itself adds nothing (NO is neutral when the linker combines the layers)."""
    return RouterDecl(
        ref=router.ref,
        is_app=router.is_app,
        service=service,
        location=code.location(router.node),
        authentication=Tri.NO,
        rate_limited=Tri.NO,
    )


def _mount(code: Code, mount: MountReg) -> Mount:
    chain = chain_of(mount.router, mount.call.start_byte)
    guards = (*chain.guards, *mount.guards)
    names = tuple(g.name for g in guards if g.name)
    unnamed = any(not g.name for g in guards)
    return Mount(
        parent=chain.base.ref,
        child=mount.child,
        prefix=normalize_path(template(chain.prefix + "/" + mount.prefix, mount.router.framework)),
        location=code.location(mount.call),
        authentication=authentication_of(names, unnamed),
        auth_schemes=schemes_of(names),
        rate_limited=rate_limit_of(names, unnamed),
        guards=tuple(dict.fromkeys(names)),
    )


def _unreadable(code: Code, call: Node) -> Notification:
    return Notification(
        level=Level.NOTE,
        code="unreadable-route-path",
        path=code.path,
        message=f"route registered at line {line(call)} has a path that is not a literal "
        "string; it is not modelled",
    )
