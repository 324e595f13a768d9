"""Handler parameters: which carry request input, the parameters they declare, and the
request body's fields and validation."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.spring.syntax import (
    Annotation,
    annotations_of,
    last_name,
    string_value,
    text,
)
from threatdelta.model.base import Tri
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import Parameter, ParamLocation

_LOCATIONS = {
    "PathVariable": ParamLocation.PATH,
    "RequestParam": ParamLocation.QUERY,
    "RequestHeader": ParamLocation.HEADER,
    "CookieValue": ParamLocation.COOKIE,
    "RequestBody": ParamLocation.BODY,
    "RequestPart": ParamLocation.BODY,
    "ModelAttribute": ParamLocation.BODY,
    "MatrixVariable": ParamLocation.PATH,
}
_NOT_INPUT = frozenset({"AuthenticationPrincipal", "CurrentSecurityContext", "Value"})
_PAGE_PARAMS = frozenset(
    {"limit", "page", "per_page", "perpage", "page_size", "pagesize", "offset", "cursor", "size",
     "page_token", "pagetoken", "after", "before"}
)  # fmt: skip
_VALID = frozenset({"Valid", "Validated"})
# framework objects Spring injects into a handler: not request values themselves
_FRAMEWORK_TYPES = frozenset(
    {
        "HttpServletRequest",
        "HttpServletResponse",
        "ServletRequest",
        "ServletResponse",
        "HttpSession",
        "Principal",
        "Authentication",
        "Model",
        "ModelMap",
        "BindingResult",
        "Errors",
        "ServerWebExchange",
        "ServerHttpRequest",
        "ServerHttpResponse",
        "WebRequest",
        "Locale",
        "UriComponentsBuilder",
        "RedirectAttributes",
        "SessionStatus",
        "Pageable",
        "Sort",
        "HttpEntity",
        "OutputStream",
        "Writer",
    }
)
_UNTYPED_BODIES = frozenset({"Map", "HashMap", "String", "JsonNode", "Object", "ObjectNode"})


@dataclass(frozen=True)
class HandlerParams:
    inputs: frozenset[str]  # parameter names carrying request input
    parameters: tuple[Parameter, ...]
    body_type: str = ""  # simple type name of the `@RequestBody`
    request_schema: Tri = Tri.UNKNOWN
    paginated: bool = False  # a `Pageable` or a page / limit / cursor query parameter


@dataclass(frozen=True)
class _Param:
    name: str
    type_name: str
    annotations: list[Annotation]


def read_params(method: Node) -> HandlerParams:
    params = method.child_by_field_name("parameters")
    found = (
        [_read(p) for p in params.named_children if p.type == "formal_parameter"] if params else []
    )
    inputs = frozenset(p.name for p in found if _is_input(p))
    declared = tuple(d for p in found if (d := _declared(p)) is not None)
    body = next((p for p in found if _has(p, "RequestBody")), None)
    paged = any(p.type_name in ("Pageable", "PageRequest") for p in found) or any(
        p.location is ParamLocation.QUERY and p.name.lower() in _PAGE_PARAMS for p in declared
    )
    if body is None:
        return HandlerParams(inputs, declared, paginated=paged)
    if _has(body, *_VALID):
        schema = Tri.YES
    else:
        schema = Tri.NO if body.type_name in _UNTYPED_BODIES else Tri.UNKNOWN
    return HandlerParams(inputs, declared, body.type_name, schema, paged)


def _read(node: Node) -> _Param:
    kind = node.child_by_field_name("type")
    if kind is not None and kind.type == "generic_type" and kind.named_children:
        kind = kind.named_children[0]
    return _Param(
        name=text(node.child_by_field_name("name")),
        type_name=last_name(kind),
        annotations=annotations_of(node),
    )


def _has(param: _Param, *names: str) -> bool:
    return any(a.name in names for a in param.annotations)


def _is_input(param: _Param) -> bool:
    # an unannotated simple or object parameter is bound from the request too
    return not _has(param, *_NOT_INPUT) and param.type_name not in _FRAMEWORK_TYPES


def _declared(param: _Param) -> Parameter | None:
    for annotation in param.annotations:
        where = _LOCATIONS.get(annotation.name)
        if where is None or where is ParamLocation.BODY:
            continue
        name = string_value(annotation.arg("value", "name")) or param.name
        required = (
            string_value(annotation.arg("defaultValue")) is None
            and text(annotation.arg("required")) != "false"
        )
        return Parameter(
            name=name,
            location=where,
            required=required or where is ParamLocation.PATH,
            data_classes=classify_all([name]),
        )
    return None


def dto_fields(root: Node, type_name: str) -> tuple[str, ...]:
    """Field names of a class or record named `type_name` declared in the same file."""
    if not type_name:
        return ()
    for node in _type_declarations(root):
        if text(node.child_by_field_name("name")) != type_name:
            continue
        if node.type == "record_declaration":
            params = node.child_by_field_name("parameters")
            return tuple(
                text(p.child_by_field_name("name"))
                for p in (params.named_children if params else [])
                if p.type == "formal_parameter"
            )
        return _class_fields(node)
    return ()


def _type_declarations(root: Node) -> list[Node]:
    out: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type in ("class_declaration", "record_declaration"):
            out.append(node)
        if node.type in ("program", "class_declaration", "class_body", "record_declaration"):
            stack.extend(reversed(node.named_children))
    return out


def _class_fields(node: Node) -> tuple[str, ...]:
    body = node.child_by_field_name("body")
    names: list[str] = []
    for member in body.named_children if body else []:
        if member.type != "field_declaration" or "static" in text(member).split("=")[0]:
            continue
        for declarator in member.children_by_field_name("declarator"):
            names.append(text(declarator.child_by_field_name("name")))
    return tuple(names)
