"""What the parameters of a NestJS route method hold: `@Body() dto: CreateUserDto` (the
whole body), `@Body('email')`, `@Param('id')`, `@Query()`, `@Headers()`, `@Req()`, `@Res()`
and a current-user decorator; read into the Express handler flow so the same handler facts
come out. DTO classes of the same file give the request fields."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.flow import Flow
from threatdelta.extractors.web.express.syntax import identifier, string_value
from threatdelta.extractors.web.nest import decorators as deco
from threatdelta.extractors.web.nest.decorators import Decorator

_SOURCES = {
    "Body": "body",
    "Param": "params",
    "Query": "query",
    "Headers": "headers",
}
_PRINCIPAL = frozenset({"CurrentUser", "User", "AuthUser", "GetUser", "ReqUser", "Principal"})
_UNTYPED = frozenset({"any", "object", "unknown", "Record", "string", "number"})


@dataclass(frozen=True, slots=True)
class BodyParam:
    """The `@Body()` parameter: its DTO class name (empty when untyped) and its pipes."""

    dto: str
    pipes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class RouteParams:
    flow: Flow
    body: BodyParam | None


def read_params(method: Node, index: ModuleIndex) -> RouteParams:
    """Seed a handler flow from the decorated parameters of `method`."""
    flow = Flow(method, index)
    flow.req = flow.res = None
    flow.labels.clear()
    flow.whole.clear()
    flow.fields.clear()
    body: BodyParam | None = None
    params = method.child_by_field_name("parameters")
    for param in params.named_children if params is not None else ():
        name = identifier(param.child_by_field_name("pattern"))
        found = deco.of_parameter(param)
        if name is None or not found:
            continue
        for d in found:
            _bind(flow, d, name)
            if d.name == "Body" and (not d.args or string_value(d.args[0]) is None):
                body = BodyParam(type_name(param), tuple(d.args))
    return RouteParams(flow, body)


def _bind(flow: Flow, d: Decorator, name: str) -> None:
    if d.name in ("Req", "Request"):
        flow.req = name
    elif d.name in ("Res", "Response"):
        flow.res = name
    elif d.name in _PRINCIPAL:
        flow.principal.add(name)
    elif d.name in _SOURCES:
        source = _SOURCES[d.name]
        flow.labels[name] = frozenset({source})
        key = string_value(d.args[0]) if d.args else None
        if key is None:
            flow.whole[name] = source
        else:
            flow.record(source, key)


def type_name(param: Node) -> str:
    """The class a parameter is annotated with (`dto: CreateUserDto` -> CreateUserDto)."""
    annotation = param.child_by_field_name("type")
    kinds = ("type_identifier", "generic_type", "nested_type_identifier")
    node = (
        next((c for c in annotation.named_children if c.type in kinds), None)
        if annotation
        else None
    )
    if node is None:
        return ""
    text = (node.text or b"").decode().split("<", 1)[0].rsplit(".", 1)[-1]
    return "" if text in _UNTYPED else text


def dto_fields(root: Node) -> dict[str, tuple[str, ...]]:
    """Field names of each class of the module (DTOs are plain classes with fields)."""
    out: dict[str, tuple[str, ...]] = {}
    for cls in deco.classes(root):
        names = []
        for member in deco.members(cls):
            if member.type == "public_field_definition":
                prop = member.child_by_field_name("name")
                if prop is not None:
                    names.append((prop.text or b"").decode())
        out[deco.class_name(cls)] = tuple(names)
    return out
