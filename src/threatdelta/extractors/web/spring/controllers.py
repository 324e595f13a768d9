"""`@RestController` / `@Controller` classes (Spring MVC and annotated WebFlux) to
endpoints with their parameters, method security and handler facts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from tree_sitter import Node

from threatdelta.extractors.web.spring.cors import cross_origin_facts
from threatdelta.extractors.web.spring.handler import handler_facts
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
from threatdelta.extractors.web.spring.params import dto_fields, read_params
from threatdelta.extractors.web.spring.project import EXTRACTOR
from threatdelta.extractors.web.spring.responses_shape import ResponseShape, response_shape
from threatdelta.extractors.web.spring.syntax import Annotation, Code, annotations_of, text
from threatdelta.model.base import Evidence, Tri
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import STATE_CHANGING_METHODS, Endpoint
from threatdelta.model.fragment import RoutedEndpoint

# resilience4j / Bucket4j-Spring annotations, and Bucket4j calls in the body
LIMITERS = frozenset({"RateLimiter", "RateLimiting", "Throttle", "Bulkhead"})
_LIMIT_CALLS = (b".tryConsume(", b".tryConsumeAndReturnRemaining(", b".acquirePermission(")
_SKIPPED = frozenset({"ExceptionHandler", "ModelAttribute", "InitBinder"})


def controller_classes(root: Node) -> Iterator[tuple[Node, list[Annotation]]]:
    """Controller classes anywhere in the file (nested ones too), with their annotations."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "class_declaration":
            marks = annotations_of(node)
            if is_controller(marks):
                yield node, marks
        if node.type in ("program", "class_declaration", "class_body"):
            stack.extend(reversed(node.named_children))


def controller_endpoints(code: Code, root: Node, service: str) -> list[RoutedEndpoint]:
    out: list[RoutedEndpoint] = []
    for cls, marks in controller_classes(root):
        prefixes = class_prefixes(marks)
        cls_security = method_security(code, marks)
        body = cls.child_by_field_name("body")
        for method in body.named_children if body is not None else []:
            if method.type != "method_declaration":
                continue
            method_annotations = annotations_of(method)
            mapping = mapping_of(method_annotations)
            if mapping is None or any(a.name in _SKIPPED for a in method_annotations):
                continue
            security = combined(method_security(code, method_annotations), cls_security)
            cors = cross_origin_facts(code, method_annotations) or cross_origin_facts(code, marks)
            limiters = tuple(a.name for a in (*method_annotations, *marks) if a.name in LIMITERS)
            security = replace(security, guards=(*security.guards, *limiters))
            security = replace(security, facts=(*security.facts, *cors))
            context = _Handler(code, root, service, text(cls.child_by_field_name("name")))
            out += context.endpoints(method, mapping, prefixes, security)
    return out


class _Handler:
    def __init__(self, code: Code, root: Node, service: str, cls: str) -> None:
        self.code, self.root, self.service, self.cls = code, root, service, cls

    def endpoints(
        self,
        method: Node,
        mapping: Mapping,
        prefixes: tuple[str, ...],
        security: MethodSecurity,
    ) -> list[RoutedEndpoint]:
        params = read_params(method)
        fields = dto_fields(self.root, params.body_type)
        shape = response_shape(self.root, method)
        where = self.code.location(method)
        writes = any(m in STATE_CHANGING_METHODS for m in mapping.methods)
        body = handler_facts(self.code, method, params.inputs, writes)
        base = Endpoint(
            method="GET",
            path="/",
            service=self.service,
            handler=where,
            handler_name=f"{self.cls}.{text(method.child_by_field_name('name'))}",
            sources=(EXTRACTOR,),
            evidence=(Evidence(location=where),),
            authentication=security.authentication,
            guards=security.guards,
            object_authorization=Tri.YES
            if security.object_authorization is Tri.YES
            else body.object_authorization,
            audit_logged=body.audit_logged,
            rate_limited=rate_limited(method, security.guards),
            parameters=params.parameters,
            request_fields=fields,
            request_schema=params.request_schema,
            request_data=classify_all(fields),
            response_fields=shape.fields,
            response_data=classify_all(shape.fields),
            returns_collection=shape.returns_collection,
            paginated=_paginated(params.paginated, shape),
            facts=(*security.facts, *body.facts),
        )
        return expand(base, mapping, prefixes)


def _paginated(paged_params: bool, shape: ResponseShape) -> Tri:
    """YES with a page parameter or a `Page` result; NO for a collection without either."""
    if paged_params or shape.paged:
        return Tri.YES
    return Tri.NO if shape.returns_collection is Tri.YES else Tri.UNKNOWN


def rate_limited(method: Node, guards: tuple[str, ...]) -> Tri:
    """YES with a rate-limiter annotation or a token-bucket call in the body, else UNKNOWN
    (a limiter in a filter or a gateway is not visible here)."""
    body = method.text or b""
    limited = any(g in LIMITERS for g in guards) or any(c in body for c in _LIMIT_CALLS)
    return Tri.YES if limited else Tri.UNKNOWN
