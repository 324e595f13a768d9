"""The Apollo Server extractor: JavaScript/TypeScript files that import Apollo Server (or
hold a `resolvers` map with `Query`/`Mutation` keys), parsed with tree-sitter (never run).
Endpoints follow the key scheme of the Python GraphQL extractor: `QUERY /graphql/users`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType

from tree_sitter import Node

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.express.bindings import ModuleIndex, build_index
from threatdelta.extractors.web.express.handler import analyse_handler
from threatdelta.extractors.web.express.syntax import Code, walk
from threatdelta.extractors.web.graphql.apollo_limits import resolver_rate_limited
from threatdelta.extractors.web.graphql.apollo_resolvers import (
    JsResolver,
    checks_caller,
    resolver_maps,
    seeded_flow,
)
from threatdelta.extractors.web.graphql.apollo_server import (
    ApolloServerSpec,
    apollo_servers,
    imports_legacy,
)
from threatdelta.extractors.web.graphql.apollo_shield import ShieldRules, shield_rules
from threatdelta.extractors.web.graphql.operations import FieldShape, endpoint_path
from threatdelta.extractors.web.graphql.sdl import Sdl, read_sdl
from threatdelta.extractors.web.js_source import ALL_SUFFIXES, JsParsers, is_test_file
from threatdelta.extractors.web.python.guards import GuardKind, guard_by_name
from threatdelta.model.base import Evidence, EvidenceRole, Level, Notification, Tri
from threatdelta.model.data_classes import classify, classify_all
from threatdelta.model.elements import (
    STATE_CHANGING_METHODS,
    Endpoint,
    Parameter,
    ParamLocation,
    Service,
    service_name_for,
)
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import ModelFragment, RoutedEndpoint

EXTRACTOR = "graphql-apollo"
_APOLLO = re.compile(r"@apollo/server|apollo-server")
_RESOLVERS = re.compile(r"\bresolvers\b")
_ROOT_KEY = re.compile(r"\b(?:Query|Mutation)\s*:\s*\{")
_SUBSTITUTION = re.compile(r"\$\{[^}]*\}")
_ROOT_TYPE = MappingProxyType(
    {"QUERY": "Query", "MUTATION": "Mutation", "SUBSCRIPTION": "Subscription"}
)


class ApolloExtractor:
    """Apollo Server options and resolver maps -> field endpoints and server facts."""

    def __init__(self) -> None:
        self._parsers = JsParsers()

    @property
    def name(self) -> str:
        return EXTRACTOR

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return ALL_SUFFIXES

    def claims(self, source: SourceFile) -> bool:
        if source.suffix not in ALL_SUFFIXES or is_test_file(source.path):
            return False
        text = source.text
        if _APOLLO.search(text):
            return True
        return bool(_RESOLVERS.search(text) and _ROOT_KEY.search(text))

    def extract(self, source: SourceFile) -> ModelFragment:
        parsed = self._parsers.parse(source, EXTRACTOR)
        if isinstance(parsed, Notification):
            return ModelFragment(path=source.path, extractor=EXTRACTOR, notifications=(parsed,))
        code = Code(source.path, parsed.data)
        index = build_index(parsed.root)
        server = apollo_servers(code, index, imports_legacy(index))
        shield = shield_rules(index)
        sdl = read_sdl(_schema_texts(parsed.root, index))
        service = service_name_for(source.path)
        serves = bool(server.facts)  # the module creates the server: its service is an app
        endpoints = [
            _endpoint(r, code, index, server, sdl, shield).model_copy(
                update={"service": service if serves else ""}
            )
            for r in _unique(resolver_maps(index, shield.maps))
        ]
        notes = [*parsed.notes, *(_sdl_note(source.path, e) for e in sdl.errors)]
        services = (
            (Service(name=service, framework="apollo", facts=tuple(server.facts)),)
            if serves
            else ()
        )
        return ModelFragment(
            path=source.path,
            extractor=EXTRACTOR,
            services=services,
            endpoints=tuple(RoutedEndpoint(endpoint=e) for e in endpoints),
            notifications=tuple(notes),
        )


def _unique(resolvers: Iterator[JsResolver]) -> list[JsResolver]:
    seen: dict[tuple[str, str], JsResolver] = {}
    for resolver in resolvers:
        seen.setdefault((resolver.operation.value, resolver.field), resolver)
    return list(seen.values())


def _schema_texts(root: Node, index: ModuleIndex) -> list[str]:
    """`gql` tagged templates and `#graphql` template literals of the module."""
    texts: list[str] = []
    for node in walk(root):
        if node.type != "template_string":
            continue
        raw = (node.text or b"").decode("utf-8", "replace")[1:-1]
        parent = node.parent
        tagged = (
            parent is not None
            and parent.type == "call_expression"
            and ((parent.child_by_field_name("function") or parent).text in (b"gql", b"graphql"))
        )
        if tagged or raw.lstrip().startswith("#graphql"):
            texts.append(_SUBSTITUTION.sub("", raw))
    return texts


def _endpoint(  # noqa: PLR0917 (one resolver and what the module says about it)
    resolver: JsResolver,
    code: Code,
    index: ModuleIndex,
    server: ApolloServerSpec,
    sdl: Sdl,
    shield: ShieldRules,
) -> Endpoint:
    method = resolver.operation.value
    root = _ROOT_TYPE[method]
    evidence = _evidence(resolver, code)
    shape = sdl.shape(root, resolver.field) or FieldShape()
    response = sdl.fields_of(shape.return_type)
    facts, own = _analyse(resolver, code, index, server)
    rules = shield.rule_of(root, resolver.field) if shield.present else ()
    audit = any(f.kind is FactKind.AUDIT_LOG for f in facts)
    return Endpoint(
        method=method,
        path=endpoint_path(server.mount, resolver.field),
        service="",
        handler=evidence[0].location,
        handler_name=resolver.field,
        sources=("graphql",),
        evidence=evidence,
        authentication=Tri.any_of(own, shield.authentication(root, resolver.field)),
        guards=(*resolver.wrappers, *(r for r in rules if r != "?")),
        rate_limited=resolver_rate_limited(resolver, rules),
        audit_logged=Tri.YES if audit else _no_audit(method, resolver.function),
        parameters=tuple(_parameter(a) for a in shape.args),
        request_fields=shape.args,
        response_fields=response,
        request_data=classify_all(shape.args),
        response_data=classify_all(response),
        paginated=shape.paginated(),
        returns_collection=shape.returns_collection(),
        facts=facts,
    )


def _evidence(resolver: JsResolver, code: Code) -> tuple[Evidence, ...]:
    """The resolver function from its map member on (where to fix); a function declared
    elsewhere in the module, then the member naming it (`config`)."""
    fn = resolver.function
    anchor = code.location(resolver.anchor)
    if fn is None:
        return (Evidence(location=anchor),)
    handler = code.location(fn)
    if anchor.start_line <= handler.start_line <= anchor.end_line:
        handler = handler.model_copy(update={"start_line": anchor.start_line})
        return (Evidence(location=handler),)
    return (Evidence(location=handler), Evidence(location=anchor, role=EvidenceRole.CONFIG))


def _analyse(
    resolver: JsResolver, code: Code, index: ModuleIndex, server: ApolloServerSpec
) -> tuple[tuple[CodeFact, ...], Tri]:
    """The resolver's handler facts and whether it is behind authentication."""
    fn = resolver.function
    authentication = _wrapper_auth(resolver.wrappers)
    facts: tuple[CodeFact, ...] = ()
    if fn is not None:
        flow = seeded_flow(fn, index)
        facts = analyse_handler(fn, index, code, flow).facts
        if checks_caller(fn, flow):
            authentication = Tri.YES
    if server.context_auth:
        return facts, Tri.YES
    if fn is None and authentication is Tri.NO:
        return facts, Tri.UNKNOWN  # imported: its body is not seen
    return facts, authentication


def _wrapper_auth(wrappers: tuple[str, ...]) -> Tri:
    kinds = {guard_by_name(w).kind for w in wrappers}
    if kinds & {GuardKind.AUTH, GuardKind.PERMISSION}:
        return Tri.YES
    return Tri.UNKNOWN if GuardKind.UNKNOWN in kinds else Tri.NO


def _no_audit(method: str, fn: Node | None) -> Tri:
    return Tri.NO if fn is not None and method in STATE_CHANGING_METHODS else Tri.UNKNOWN


def _parameter(name: str) -> Parameter:
    data = classify(name)
    return Parameter(name=name, location=ParamLocation.BODY, data_classes=(data,) if data else ())


def _sdl_note(path: str, message: str) -> Notification:
    return Notification(level=Level.WARNING, code="graphql-sdl-error", path=path, message=message)
