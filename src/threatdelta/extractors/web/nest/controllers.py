"""A NestJS `@Controller('prefix')` class to a router of the model and its decorated methods
to endpoints relative to it, with the handler facts of each method body."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.handler import HandlerFacts, analyse_handler
from threatdelta.extractors.web.express.middleware import (
    authentication_of,
    names_of,
    rate_limit_of,
    schemes_of,
)
from threatdelta.extractors.web.express.paths import to_template
from threatdelta.extractors.web.express.syntax import Code, chain, object_pairs, string_value, walk
from threatdelta.extractors.web.nest import decorators as deco
from threatdelta.extractors.web.nest.params import read_params
from threatdelta.extractors.web.nest.providers import injected, provider_calls
from threatdelta.extractors.web.nest.routes import (
    HTTP,
    Controls,
    layer_guards,
    route_controls,
    route_paths,
)
from threatdelta.extractors.web.nest.validation import pipes_facts
from threatdelta.model.base import Evidence, Location, Tri
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import STATE_CHANGING_METHODS, Endpoint, Parameter, ParamLocation
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import (
    ProviderCall,
    RoutedEndpoint,
    RouterDecl,
    RouterRef,
    SymbolRef,
)
from threatdelta.model.link import module_of

EXTRACTOR = "nestjs"
_PATH_PARAM = re.compile(r"\{([^}/]+)\}")
_NOT_BODY = (ParamLocation.QUERY, ParamLocation.HEADER)


class ControllerReader:
    """Reads the controllers of one module."""

    def __init__(self, code: Code, index: ModuleIndex, dtos: dict[str, tuple[str, ...]]) -> None:
        self.code = code
        self.index = index
        self.dtos = dtos
        self.calls: list[ProviderCall] = []
        self._fields: dict[str, SymbolRef] = {}

    def read(
        self, cls: Node, controller: deco.Decorator
    ) -> tuple[RouterDecl, list[RoutedEndpoint]]:
        class_decos = deco.of_class(cls)
        guards = layer_guards(class_decos)
        self._fields = injected(cls, self.code, self.index)
        ref = RouterRef(module=module_of(self.code.path), name=deco.class_name(cls))
        decl = RouterDecl(
            ref=ref,
            prefix=to_template(_prefix(controller)),
            location=self.code.location(controller.node),
            authentication=authentication_of(guards),
            auth_schemes=schemes_of(guards),
            rate_limited=rate_limit_of(guards),
            guards=names_of(guards),
        )
        endpoints: list[RoutedEndpoint] = []
        for member in deco.members(cls):
            if member.type != "method_definition":
                continue
            method_decos = deco.of_member(member)
            for d in method_decos:
                for verb_path in route_paths(d) if d.name in HTTP else ():
                    ep = self._endpoint(member, method_decos, class_decos, HTTP[d.name], verb_path)
                    endpoints.append(RoutedEndpoint(router=ref, endpoint=ep))
        return decl, endpoints

    def _endpoint(
        self,
        method: Node,
        method_decos: list[deco.Decorator],
        class_decos: list[deco.Decorator],
        verb: str,
        path: str,
    ) -> Endpoint:
        controls = route_controls(self.code, method_decos, class_decos)
        params = read_params(method, self.index)
        found = analyse_handler(method, self.index, self.code, flow=params.flow)
        body_pipes = pipes_facts(params.body.pipes, self.code) if params.body else []
        facts = (*controls.facts, *body_pipes, *found.facts)
        template = to_template(path)
        start = min(d.line for d in method_decos)
        location = Location(
            path=self.code.path, start_line=start, end_line=max(start, method.end_point.row + 1)
        )
        request_fields = _request_fields(found, params.body.dto if params.body else "", self.dtos)
        self.calls += provider_calls(method, location, self._fields, params.flow)
        parameters = _parameters(template, found)
        return Endpoint(
            method=verb,
            path=template,
            service="",
            handler=location,
            handler_name=_method_name(method),
            sources=(EXTRACTOR,),
            evidence=(Evidence(location=location),),
            authentication=controls.authentication,
            auth_schemes=controls.auth_schemes,
            guards=controls.guards,
            object_authorization=_object_authorization(found.facts, controls),
            rate_limited=controls.rate_limited,
            audit_logged=_audit(found.facts, verb, delegates=_delegates(method)),
            parameters=parameters,
            request_fields=request_fields,
            request_schema=_schema(params.body.dto if params.body else None),
            request_data=classify_all((*request_fields, *(p.name for p in parameters))),
            facts=_uniq(facts),
        )


def _prefix(controller: deco.Decorator) -> str:
    """`@Controller('users')`, `@Controller({ path: 'users' })`, `@Controller(['a', 'b'])`."""
    if not controller.args:
        return ""
    first = controller.args[0]
    if first.type == "array" and first.named_children:
        first = first.named_children[0]
    path = object_pairs(first).get("path")
    return string_value(path if path is not None else first) or ""


def _method_name(method: Node) -> str:
    name = method.child_by_field_name("name")
    return (name.text or b"").decode() if name is not None else ""


def _schema(dto: str | None) -> Tri:
    """A body typed by a class (a DTO) has a declared shape; an untyped body has none."""
    if dto is None:
        return Tri.UNKNOWN
    return Tri.YES if dto else Tri.NO


def _request_fields(
    found: HandlerFacts, dto: str, dtos: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    fields = (*dtos.get(dto, ()), *found.fields.get(ParamLocation.BODY, ()))
    return tuple(dict.fromkeys(fields))


def _parameters(path: str, found: HandlerFacts) -> tuple[Parameter, ...]:
    out: dict[tuple[str, ParamLocation], Parameter] = {}
    for name in _PATH_PARAM.findall(path):
        out[(name, ParamLocation.PATH)] = Parameter(
            name=name, location=ParamLocation.PATH, required=True, data_classes=classify_all([name])
        )
    for where in _NOT_BODY:
        for name in found.fields.get(where, ()):
            param = Parameter(name=name, location=where, data_classes=classify_all([name]))
            out.setdefault((name, where), param)
    return tuple(out.values())


def _object_authorization(facts: tuple[CodeFact, ...], controls: Controls) -> Tri:
    kinds = {f.kind for f in facts}
    if FactKind.OWNERSHIP_CHECK in kinds or controls.permission:
        return Tri.YES
    if any(f.kind is FactKind.OBJECT_LOOKUP_BY_ID and f.from_input is Tri.YES for f in facts):
        return Tri.NO
    return Tri.UNKNOWN


def _delegates(method: Node) -> bool:
    """Does the method hand the work to an injected provider (`this.users.create(dto)`)?"""
    body = method.child_by_field_name("body")
    for node in walk(body) if body is not None else ():
        if node.type == "call_expression":
            names = chain(node.child_by_field_name("function"))
            if len(names) >= 3 and names[0] == "this":
                return True
    return False


def _audit(facts: tuple[CodeFact, ...], verb: str, *, delegates: bool) -> Tri:
    if any(f.kind is FactKind.AUDIT_LOG for f in facts):
        return Tri.YES
    return Tri.NO if verb in STATE_CHANGING_METHODS and not delegates else Tri.UNKNOWN


def _uniq(facts: tuple[CodeFact, ...]) -> tuple[CodeFact, ...]:
    return tuple(dict.fromkeys(facts))
