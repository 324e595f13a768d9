"""One Go route registration to endpoints: the full path below its base router, the
middleware chain and what it controls, and the facts of the handler's body."""

from __future__ import annotations

from collections.abc import Sequence

from tree_sitter import Node

from threatdelta.extractors.web.golang.handlers import (
    Functions,
    Handler,
    methods_checked,
    resolve_handler,
)
from threatdelta.extractors.web.golang.imports import Imports, template
from threatdelta.extractors.web.golang.middleware import (
    authentication_of,
    rate_limit_of,
    schemes_of,
)
from threatdelta.extractors.web.golang.payloads import payloads, struct_fields
from threatdelta.extractors.web.golang.providers import provider_call, receiver_packages
from threatdelta.extractors.web.golang.routers import Guard, RouteReg, chain_of
from threatdelta.extractors.web.golang.settings import cookie_facts
from threatdelta.extractors.web.golang.sinks import handler_facts
from threatdelta.extractors.web.golang.syntax import Code, callee, walk
from threatdelta.extractors.web.golang.taint import Taint
from threatdelta.model.base import Evidence, Location, Tri
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import (
    STATE_CHANGING_METHODS,
    Endpoint,
    Parameter,
    ParamLocation,
    normalize_path,
)
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import ProviderCall, RoutedEndpoint


class EndpointBuilder:
    def __init__(
        self, code: Code, root: Node, nodes: Sequence[Node], imports: Imports, service: str
    ) -> None:
        self.code = code
        self.imports = imports
        self.functions = Functions(root)
        self.service = service
        self.handler_spans: list[Location] = []
        self.calls: list[ProviderCall] = []  # to handlers declared in other files
        self._receivers = receiver_packages(nodes, imports)
        self._structs = struct_fields(root)
        self._folder = code.path.rpartition("/")[0]

    def build(self, reg: RouteReg) -> list[RoutedEndpoint]:
        chain = chain_of(reg.router, reg.call.start_byte)
        handler = resolve_handler(reg.handler, self.functions, self.imports)
        guards = (*chain.guards, *reg.guards, *handler.wrappers)
        path = normalize_path(template(chain.prefix + "/" + reg.path, reg.router.framework))
        methods = (reg.method,) if reg.method else methods_checked(handler.function) or ("ALL",)
        facts = self._facts(handler)
        span = self.code.location(reg.call)
        evidence = [Evidence(location=span)]
        if handler.function is not None and not _inside(handler.function, reg.call):
            own = self.code.location(handler.function)
            self.handler_spans.append(own)
            evidence.append(Evidence(location=own))
        self.handler_spans.append(span)
        call = provider_call(handler, span, self._folder, self.imports, self._receivers)
        if call is not None:
            self.calls.append(call)
        service = self.service if chain.base.is_app else ""
        return [
            RoutedEndpoint(
                router=chain.base.ref,
                endpoint=self._endpoint(
                    method, path, service, handler, guards=guards, facts=facts, evidence=evidence
                ),
            )
            for method in methods
        ]

    def _facts(self, handler: Handler) -> tuple[CodeFact, ...]:
        if handler.function is None:
            return ()
        taint = Taint(handler.function)
        found = [*handler_facts(self.code, handler.function, taint)]
        found += cookie_facts(self.code, list(walk(handler.function)))
        return tuple(dict.fromkeys(found))

    def _endpoint(
        self,
        method: str,
        path: str,
        service: str,
        handler: Handler,
        *,
        guards: Sequence[Guard],
        facts: tuple[CodeFact, ...],
        evidence: list[Evidence],
    ) -> Endpoint:
        names = tuple(g.name for g in guards if g.name)
        unnamed = any(not g.name for g in guards)
        kinds = {f.kind for f in facts}
        analysed = handler.function is not None
        body = payloads(handler.function, self._structs) if handler.function else None
        return Endpoint(
            method=method,
            path=path,
            service=service,
            handler=evidence[0].location,
            handler_name=handler.name,
            sources=("go",),
            evidence=tuple(evidence),
            authentication=authentication_of(names, unnamed),
            auth_schemes=schemes_of(names),
            guards=tuple(dict.fromkeys(names)),
            rate_limited=_rate_limited(names, unnamed, handler),
            audit_logged=_audit(kinds, analysed, method),
            object_authorization=_object_authorization(kinds),
            parameters=tuple(
                Parameter(name=p, location=ParamLocation.PATH, required=True)
                for p in Endpoint(method=method, path=path, service="").path_params
            ),
            request_fields=body.request if body else (),
            response_fields=body.response if body else (),
            request_data=classify_all(body.request) if body else (),
            response_data=classify_all(body.response) if body else (),
            request_schema=Tri.YES if body and body.bound else Tri.UNKNOWN,
            facts=facts,
        )


def _rate_limited(names: tuple[str, ...], unnamed: bool, handler: Handler) -> Tri:
    """A limiter middleware, or a handler that asks a limiter (`limiter.Allow()`)."""
    if handler.function is not None:
        for node in walk(handler.function):
            if node.type == "call_expression":
                names_ = callee(node)
                if names_[-1:] in (("Allow",), ("Wait",)) and "limit" in ".".join(names_).lower():
                    return Tri.YES
    return rate_limit_of(names, unnamed)


def _audit(kinds: set[FactKind], analysed: bool, method: str) -> Tri:
    if FactKind.AUDIT_LOG in kinds:
        return Tri.YES
    return Tri.NO if analysed and method in STATE_CHANGING_METHODS else Tri.UNKNOWN


def _object_authorization(kinds: set[FactKind]) -> Tri:
    if FactKind.OWNERSHIP_CHECK in kinds:
        return Tri.YES
    return Tri.NO if FactKind.OBJECT_LOOKUP_BY_ID in kinds else Tri.UNKNOWN


def _inside(node: Node, outer: Node) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte
