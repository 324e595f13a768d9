"""One route registration to one endpoint of the model: location, controls from its
middleware chain, and the facts of its handler when the handler is in this file."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.handler import (
    HandlerFacts,
    analyse_handler,
    resolve_handler,
)
from threatdelta.extractors.web.express.middleware import (
    Guard,
    GuardKind,
    authentication_of,
    names_of,
    rate_limit_of,
    schemes_of,
)
from threatdelta.extractors.web.express.routes import RouteReg
from threatdelta.extractors.web.express.syntax import Code, line
from threatdelta.model.base import Evidence, Location, Tri
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import STATE_CHANGING_METHODS, Endpoint, Parameter, ParamLocation
from threatdelta.model.facts import CodeFact, FactKind

_PATH_PARAM = re.compile(r"\{([^}/]+)\}")
_NOT_BODY = (ParamLocation.PATH, ParamLocation.QUERY, ParamLocation.HEADER, ParamLocation.COOKIE)


class EndpointBuilder:
    """Builds endpoints of one file; a handler used by several routes is analysed once."""

    def __init__(self, code: Code, index: ModuleIndex, service: str) -> None:
        self.code = code
        self.index = index
        self.service = service
        self._analysed: dict[int, HandlerFacts] = {}

    def _facts_of(self, fn: Node) -> HandlerFacts:
        if fn.id not in self._analysed:
            self._analysed[fn.id] = analyse_handler(fn, self.index, self.code)
        return self._analysed[fn.id]

    def build(self, reg: RouteReg, *, on_app: bool) -> Endpoint:
        handler = resolve_handler(reg.handler, self.index)
        start = line(reg.anchor)
        location = Location(
            path=self.code.path, start_line=start, end_line=max(start, reg.call.end_point.row + 1)
        )
        evidence = [Evidence(location=location)]
        found = self._facts_of(handler.function) if handler.function is not None else None
        if handler.function is not None:
            body = self.code.location(handler.function)
            if not location.contains(body):
                evidence.append(Evidence(location=body))
        facts = found.facts if found is not None else ()
        fields = found.fields if found is not None else {}
        request_fields = fields.get(ParamLocation.BODY, ())
        response_fields = found.response_fields if found is not None else ()
        params = _parameters(reg.path, fields)
        guards = list(reg.guards)
        return Endpoint(
            method=reg.method,
            path=reg.path,
            service=self.service if on_app else "",
            handler=location,
            handler_name=handler.name,
            sources=("express",),
            evidence=tuple(evidence),
            authentication=authentication_of(guards),
            auth_schemes=schemes_of(guards),
            guards=names_of(guards),
            object_authorization=_object_authorization(facts, guards),
            rate_limited=rate_limit_of(guards),
            audit_logged=_audit(
                facts, reg.method, analysed=found is not None and not found.delegates
            ),
            parameters=params,
            request_fields=request_fields,
            response_fields=response_fields,
            request_data=classify_all((*request_fields, *(p.name for p in params))),
            response_data=classify_all(response_fields),
            facts=facts,
        )


def _parameters(path: str, fields: dict[ParamLocation, tuple[str, ...]]) -> tuple[Parameter, ...]:
    out: dict[tuple[str, ParamLocation], Parameter] = {}
    for name in _PATH_PARAM.findall(path):
        out[(name, ParamLocation.PATH)] = Parameter(
            name=name,
            location=ParamLocation.PATH,
            required=True,
            data_classes=classify_all([name]),
        )
    for where in _NOT_BODY:
        for name in fields.get(where, ()):
            param = Parameter(name=name, location=where, data_classes=classify_all([name]))
            out.setdefault((name, where), param)
    return tuple(out.values())


def _object_authorization(facts: tuple[CodeFact, ...], guards: list[Guard]) -> Tri:
    kinds = {f.kind for f in facts}
    if FactKind.OWNERSHIP_CHECK in kinds or any(g.kind is GuardKind.PERMISSION for g in guards):
        return Tri.YES
    if any(f.kind is FactKind.OBJECT_LOOKUP_BY_ID and f.from_input is Tri.YES for f in facts):
        return Tri.NO
    return Tri.UNKNOWN


def _audit(facts: tuple[CodeFact, ...], method: str, *, analysed: bool) -> Tri:
    if any(f.kind is FactKind.AUDIT_LOG for f in facts):
        return Tri.YES
    return Tri.NO if analysed and method in STATE_CHANGING_METHODS else Tri.UNKNOWN
