"""Spring controllers written in Kotlin: the same annotations as in Java, read from the
tree-sitter-kotlin tree (routes, method security, parameters, request body fields) and a
few handler facts (SQL text templates, commands, lookups by id, logging)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from tree_sitter import Node

from threatdelta.extractors.web.spring.controllers import LIMITERS, rate_limited
from threatdelta.extractors.web.spring.cors import cross_origin_facts
from threatdelta.extractors.web.spring.kotlin_handler import kotlin_handler_facts
from threatdelta.extractors.web.spring.kotlin_jpa import (
    kotlin_imports,
    kotlin_repository_symbols,
    kotlin_store_accesses,
    kotlin_stores,
)
from threatdelta.extractors.web.spring.kotlin_security import kotlin_security_config
from threatdelta.extractors.web.spring.kotlin_syntax import kotlin_annotations
from threatdelta.extractors.web.spring.mappings import (
    Mapping,
    class_prefixes,
    expand,
    is_controller,
    mapping_of,
)
from threatdelta.extractors.web.spring.method_security import (
    MethodSecurity,
    combined,
    method_security,
)
from threatdelta.extractors.web.spring.method_security_enabled import method_security_enabled
from threatdelta.extractors.web.spring.project import EXTRACTOR, FRAMEWORK, spring_service_name
from threatdelta.extractors.web.spring.syntax import Annotation, Code, text, walk
from threatdelta.model.base import Evidence, Notification, Tri
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import (
    STATE_CHANGING_METHODS,
    Endpoint,
    Parameter,
    ParamLocation,
    Service,
)
from threatdelta.model.fragment import ModelFragment, RoutedEndpoint

_LOCATIONS = {
    "PathVariable": ParamLocation.PATH,
    "RequestParam": ParamLocation.QUERY,
    "RequestHeader": ParamLocation.HEADER,
    "CookieValue": ParamLocation.COOKIE,
}
_NOT_INPUT = frozenset({"AuthenticationPrincipal", "CurrentSecurityContext"})
_FRAMEWORK_TYPES = frozenset(
    {
        "HttpServletRequest",
        "HttpServletResponse",
        "Principal",
        "Authentication",
        "Model",
        "BindingResult",
        "ServerWebExchange",
        "ServerHttpRequest",
        "Pageable",
    }
)


@dataclass(frozen=True)
class _Param:
    name: str
    type_name: str
    annotations: list[Annotation]


def assemble_kotlin(code: Code, root: Node, notes: list[Notification]) -> ModelFragment:
    service = spring_service_name(code.path)
    endpoints: list[RoutedEndpoint] = []
    for cls, marks in _controllers(root):
        endpoints += _class_endpoints(_Context(code, root, service), cls, marks)
    config = kotlin_security_config(code, root, service)
    enabled = [
        fact
        for node in walk(root)
        if node.type == "class_declaration"
        for fact in method_security_enabled(code, kotlin_annotations(node))
    ]
    facts = (*config.facts, *enabled)
    services: tuple[Service, ...] = ()
    if endpoints or facts:
        framework = FRAMEWORK if endpoints else ""
        services = (Service(name=service, framework=framework, facts=facts),)
    imports = kotlin_imports(root)
    stores, symbols = kotlin_stores(code, root)
    return ModelFragment(
        path=code.path,
        extractor=EXTRACTOR,
        services=services,
        endpoints=tuple(endpoints),
        datastores=tuple(stores),
        store_symbols=(*symbols, *kotlin_repository_symbols(code, root, imports)),
        store_accesses=tuple(kotlin_store_accesses(code, root, imports)),
        access_rules=config.rules,
        notifications=tuple(notes),
    )


def _controllers(root: Node) -> Iterator[tuple[Node, list[Annotation]]]:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "class_declaration":
            marks = kotlin_annotations(node)
            if is_controller(marks):
                yield node, marks
        if node.type in ("source_file", "class_declaration", "class_body"):
            stack.extend(reversed(node.named_children))


@dataclass(frozen=True)
class _Context:
    code: Code
    root: Node
    service: str


def _class_endpoints(ctx: _Context, cls: Node, marks: list[Annotation]) -> list[RoutedEndpoint]:
    prefixes = class_prefixes(marks)
    cls_security = method_security(ctx.code, marks)
    body = next((c for c in cls.named_children if c.type == "class_body"), None)
    out: list[RoutedEndpoint] = []
    for fn in body.named_children if body is not None else []:
        if fn.type != "function_declaration":
            continue
        own = kotlin_annotations(fn)
        mapping = mapping_of(own)
        if mapping is None:
            continue
        security = combined(method_security(ctx.code, own), cls_security)
        cors = cross_origin_facts(ctx.code, own) or cross_origin_facts(ctx.code, marks)
        limiters = tuple(a.name for a in (*own, *marks) if a.name in LIMITERS)
        security = replace(
            security, facts=(*security.facts, *cors), guards=(*security.guards, *limiters)
        )
        name = f"{text(cls.child_by_field_name('name'))}.{text(fn.child_by_field_name('name'))}"
        base = _endpoint(ctx, fn, name, mapping, security)
        out += expand(base, mapping, prefixes)
    return out


def _endpoint(
    ctx: _Context, fn: Node, name: str, mapping: Mapping, security: MethodSecurity
) -> Endpoint:
    params = _params(fn)
    inputs = frozenset(p.name for p in params if _is_input(p))
    body_param = next((p for p in params if _has(p, "RequestBody")), None)
    fields = _data_class_fields(ctx.root, body_param.type_name) if body_param else ()
    writes = any(m in STATE_CHANGING_METHODS for m in mapping.methods)
    found = kotlin_handler_facts(ctx.code, fn, inputs, writes)
    where = ctx.code.location(fn)
    return Endpoint(
        method="GET",
        path="/",
        service=ctx.service,
        handler=where,
        handler_name=name,
        sources=(EXTRACTOR,),
        evidence=(Evidence(location=where),),
        authentication=security.authentication,
        guards=security.guards,
        object_authorization=Tri.YES
        if security.object_authorization is Tri.YES
        else found.object_authorization,
        audit_logged=found.audit_logged,
        rate_limited=rate_limited(fn, security.guards),
        parameters=tuple(p for param in params if (p := _declared(param)) is not None),
        request_fields=fields,
        request_schema=_schema(body_param),
        request_data=classify_all(fields),
        facts=(*security.facts, *found.facts),
    )


def _params(fn: Node) -> list[_Param]:
    """Kotlin puts a parameter's annotations in a `parameter_modifiers` sibling before it."""
    group = next((c for c in fn.named_children if c.type == "function_value_parameters"), None)
    out: list[_Param] = []
    pending: list[Annotation] = []
    for child in group.named_children if group is not None else []:
        if child.type == "parameter_modifiers":
            pending = kotlin_annotations(child)
        elif child.type == "parameter":
            ident = next((c for c in child.named_children if c.type == "identifier"), None)
            kind = next((c for c in child.named_children if c.type != "identifier"), None)
            out.append(_Param(text(ident), _type_name(kind), pending))
            pending = []
    return out


def _type_name(node: Node | None) -> str:
    while node is not None and node.type in ("nullable_type",) and node.named_children:
        node = node.named_children[0]
    if node is not None and node.type == "user_type" and node.named_children:
        return text(node.named_children[0])
    return text(node)


def _has(param: _Param, *names: str) -> bool:
    return any(a.name in names for a in param.annotations)


def _is_input(param: _Param) -> bool:
    return not _has(param, *_NOT_INPUT) and param.type_name not in _FRAMEWORK_TYPES


def _declared(param: _Param) -> Parameter | None:
    for annotation in param.annotations:
        where = _LOCATIONS.get(annotation.name)
        if where is None:
            continue
        required = text(annotation.arg("required")) != "false"
        return Parameter(
            name=param.name,
            location=where,
            required=required or where is ParamLocation.PATH,
            data_classes=classify_all([param.name]),
        )
    return None


def _schema(body: _Param | None) -> Tri:
    if body is None:
        return Tri.UNKNOWN
    if _has(body, "Valid", "Validated"):
        return Tri.YES
    return Tri.NO if body.type_name in ("Map", "String", "JsonNode", "Any") else Tri.UNKNOWN


def _data_class_fields(root: Node, type_name: str) -> tuple[str, ...]:
    for node in root.named_children:
        if node.type == "class_declaration" and text(node.child_by_field_name("name")) == type_name:
            ctor = next((c for c in node.named_children if c.type == "primary_constructor"), None)
            params = ctor.named_children[0] if ctor is not None and ctor.named_children else None
            return tuple(
                text(next((c for c in p.named_children if c.type == "identifier"), None))
                for p in (params.named_children if params is not None else [])
                if p.type == "class_parameter"
            )
    return ()
