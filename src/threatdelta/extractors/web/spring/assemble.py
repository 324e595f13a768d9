"""One parsed Java file to its model fragment: controllers' endpoints, the service with its
security configuration and mapper facts, and the service-wide access rules."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.spring.controllers import controller_endpoints
from threatdelta.extractors.web.spring.cors import global_cors_facts
from threatdelta.extractors.web.spring.functional import functional_endpoints
from threatdelta.extractors.web.spring.jpa import entity_stores, read_imports, repository_symbols
from threatdelta.extractors.web.spring.method_security_enabled import method_security_enabled
from threatdelta.extractors.web.spring.mybatis import mapper_facts
from threatdelta.extractors.web.spring.project import EXTRACTOR, FRAMEWORK, spring_service_name
from threatdelta.extractors.web.spring.responses import exception_handler_facts
from threatdelta.extractors.web.spring.security_config import security_config
from threatdelta.extractors.web.spring.store_access import controller_store_accesses
from threatdelta.extractors.web.spring.syntax import Code, annotations_of, walk
from threatdelta.model.base import Evidence, Notification
from threatdelta.model.elements import Service
from threatdelta.model.facts import CodeFact
from threatdelta.model.fragment import ModelFragment, RoutedEndpoint

_APP = frozenset({"SpringBootApplication", "EnableWebSecurity", "EnableWebFluxSecurity"})


def assemble_java(code: Code, root: Node, notes: list[Notification]) -> ModelFragment:
    service = spring_service_name(code.path)
    endpoints = controller_endpoints(code, root, service)
    endpoints += functional_endpoints(code, root, service)
    config = security_config(code, root, service)
    facts = (
        *config.facts,
        *mapper_facts(code, root),
        *global_cors_facts(code, root),
        *exception_handler_facts(code, root),
        *(f for cls in _classes(root) for f in method_security_enabled(code, annotations_of(cls))),
    )
    imports = read_imports(root)
    stores, symbols = entity_stores(code, root)
    return ModelFragment(
        path=code.path,
        extractor=EXTRACTOR,
        services=_services(code, root, service, endpoints, facts),
        endpoints=tuple(endpoints),
        datastores=tuple(stores),
        store_symbols=(*symbols, *repository_symbols(code, root, imports)),
        store_accesses=tuple(controller_store_accesses(code, root, imports)),
        access_rules=config.rules,
        notifications=tuple(notes),
    )


def _services(
    code: Code,
    root: Node,
    service: str,
    endpoints: list[RoutedEndpoint],
    facts: tuple[CodeFact, ...],
) -> tuple[Service, ...]:
    app = _app_class(root)
    if app is None and not endpoints and not facts:
        return ()
    anchor = app or root
    return (
        Service(
            name=service,
            framework=FRAMEWORK if (app is not None or endpoints) else "",
            evidence=(Evidence(location=code.location(anchor)),) if app is not None else (),
            facts=facts,
        ),
    )


def _classes(root: Node) -> list[Node]:
    return [node for node in walk(root) if node.type == "class_declaration"]


def _app_class(root: Node) -> Node | None:
    """The `@SpringBootApplication` (or `@EnableWebSecurity`) class of the file, if any."""
    for node in walk(root):
        if node.type == "class_declaration" and any(a.name in _APP for a in annotations_of(node)):
            return node
    return None
