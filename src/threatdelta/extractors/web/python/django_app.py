"""What a module contributes to a Django / DRF project: its settings (the app, its root
URLconf and the DRF defaults), its URLconf and routers, its views as routers with their
endpoints, and settings-like facts (serializers exposing every field, CSRF exemptions in
the URLconf) for the module's service."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.django_endpoints import DjangoEndpoints
from threatdelta.extractors.web.python.django_settings import DjangoSettings, may_be_settings
from threatdelta.extractors.web.python.django_urls import UrlConf
from threatdelta.extractors.web.python.django_views import module_views, uses_django
from threatdelta.extractors.web.python.drf_authentication import csrf_exempt_authenticators
from threatdelta.extractors.web.python.drf_serializers import serializer_facts
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import FunctionNode
from threatdelta.extractors.web.python.taint import TaintEnv
from threatdelta.model.base import Evidence
from threatdelta.model.elements import Service, service_name_for
from threatdelta.model.facts import CodeFact
from threatdelta.model.fragment import Mount, RoutedEndpoint, RouterDecl, StoreAccess


@dataclass
class DjangoParts:
    routers: list[RouterDecl] = field(default_factory=list)
    mounts: list[Mount] = field(default_factory=list)
    endpoints: list[RoutedEndpoint] = field(default_factory=list)
    handlers: list[FunctionNode] = field(default_factory=list)
    facts: list[CodeFact] = field(default_factory=list)  # for the module's service
    accesses: list[StoreAccess] = field(default_factory=list)  # `queryset =` of a view
    app: Service | None = None  # a settings module with ROOT_URLCONF: framework django


def django_parts(path: str, tree: ast.Module, index: ModuleIndex) -> DjangoParts:
    parts = DjangoParts()
    django = uses_django(index)
    if not django and not may_be_settings(path, index):
        return parts
    ctx = ScanContext(path=path, index=index, env=TaintEnv(index=index), in_handler=False)
    settings = DjangoSettings.of(path, index.imports.module, tree)
    if settings is not None:
        settings.facts(ctx)
        parts.routers += settings.routers()
        parts.mounts += settings.mounts()
        if parts.routers:
            parts.app = Service(
                name=settings.service,
                framework="django",
                evidence=(Evidence(location=parts.routers[0].location),),
                security_headers=settings.security_headers(),
            )
    if not django:
        parts.facts = ctx.facts
        return parts
    urls = UrlConf(path=path, index=index, ctx=ctx)
    urls.read(tree)
    parts.routers += urls.routers
    parts.mounts += urls.mounts
    parts.endpoints += urls.endpoints
    serializer_facts(tree, ctx)
    exempt = csrf_exempt_authenticators(tree, ctx)
    builder = DjangoEndpoints(path=path, index=index, exempt=exempt)
    for view in module_views(path, tree, index):
        routing = builder.of(view)
        parts.routers += routing.decls
        parts.mounts += routing.mounts
        parts.endpoints += routing.endpoints
        access = builder.store_access(view)
        if access is not None and access.handler in {r.endpoint.handler for r in routing.endpoints}:
            parts.accesses.append(access)
    parts.handlers = builder.handlers
    parts.facts = ctx.facts
    return parts


def with_django(services: list[Service], parts: DjangoParts, path: str) -> list[Service]:
    """The module's service with the Django facts added; a settings module's is the app."""
    facts = tuple(parts.facts)
    if not services and not facts and parts.app is None:
        return []
    base = services[0] if services else Service(name=service_name_for(path))
    update: dict[str, object] = {"facts": (*base.facts, *facts)}
    if parts.app is not None and not base.framework:
        update |= {
            "framework": parts.app.framework,
            "evidence": parts.app.evidence,
            "security_headers": parts.app.security_headers,
        }
    return [base.model_copy(update=update), *services[1:]]
