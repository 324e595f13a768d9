"""Request and response fields of a Go handler: the struct a body is bound into
(`c.ShouldBindJSON(&req)`, `json.NewDecoder(r.Body).Decode(&req)`) and the value written
back (`c.JSON(200, user)`, `gin.H{"token": t}`, `json.NewEncoder(w).Encode(resp)`), named
by their `json` tags."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.golang.syntax import (
    arguments,
    callee,
    composite_type,
    keyed_elements,
    strip,
    text_of,
    walk,
)

_BINDERS = frozenset(
    {"Bind", "BindJSON", "ShouldBind", "ShouldBindJSON", "ShouldBindWith", "Decode", "Unmarshal"}
)
_RESPONSES = frozenset({"JSON", "IndentedJSON", "PureJSON", "JSONP", "JSONPretty", "Encode"})
_JSON_TAG = re.compile(r'json:"([^",]*)')


@dataclass(frozen=True)
class Payloads:
    request: tuple[str, ...]
    response: tuple[str, ...]
    bound: bool  # the body is bound into a declared struct (a schema of sorts)


def struct_fields(root: Node) -> dict[str, tuple[str, ...]]:
    """Struct types declared in the file -> their JSON field names."""
    out: dict[str, tuple[str, ...]] = {}
    for node in walk(root):
        if node.type == "type_spec":
            kind = node.child_by_field_name("type")
            if kind is not None and kind.type == "struct_type":
                out[text_of(node.child_by_field_name("name"))] = _fields(kind)
    return out


def _fields(struct: Node) -> tuple[str, ...]:
    names: list[str] = []
    for decl in (n for n in walk(struct) if n.type == "field_declaration"):
        tag = _JSON_TAG.search(text_of(decl.child_by_field_name("tag")))
        if tag is not None and tag.group(1) == "-":
            continue
        declared = [text_of(n) for n in decl.children_by_field_name("name")]
        names += [tag.group(1)] if tag is not None and tag.group(1) else declared
    return tuple(dict.fromkeys(names))


def payloads(function: Node, structs: dict[str, tuple[str, ...]]) -> Payloads:
    local = _local_types(function, structs)
    request: list[str] = []
    response: list[str] = []
    bound = False
    for call in (n for n in walk(function) if n.type == "call_expression"):
        names, args = callee(call), arguments(call)
        if names[-1:] and names[-1] in _BINDERS:
            for arg in args:
                target = _pointed(arg)
                if target in local:
                    request += local[target]
                    bound = True
        elif names[-1:] and names[-1] in _RESPONSES and args:
            response += _value_fields(args[-1], local, structs)
    return Payloads(tuple(dict.fromkeys(request)), tuple(dict.fromkeys(response)), bound)


def _local_types(function: Node, structs: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Variables of the handler whose struct is known: `var req T`, `var b struct{...}`,
    `u := T{...}`, `u := &T{}`."""
    out: dict[str, tuple[str, ...]] = {}
    for node in walk(function):
        if node.type == "var_spec":
            kind = node.child_by_field_name("type")
            fields = (
                _fields(kind)
                if kind is not None and kind.type == "struct_type"
                else (structs.get(text_of(kind).lstrip("*"), ()))
            )
            for name in node.children_by_field_name("name"):
                if fields:
                    out[text_of(name)] = fields
        elif node.type == "short_var_declaration":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or right is None:
                continue
            for name, value in zip(left.named_children, right.named_children, strict=False):
                fields = structs.get(composite_type(value), ())
                if fields:
                    out[text_of(name)] = fields
    return out


def _value_fields(
    node: Node, local: dict[str, tuple[str, ...]], structs: dict[str, tuple[str, ...]]
) -> list[str]:
    value = strip(node)
    if value is None:
        return []
    if value.type == "identifier":
        return list(local.get(text_of(value), ()))
    if value.type == "unary_expression":
        return _value_fields(value.child_by_field_name("operand"), local, structs)  # type: ignore[arg-type]
    kind = composite_type(value)
    if kind in structs:
        return list(structs[kind])
    return list(keyed_elements(value)) if kind else []


def _pointed(node: Node) -> str:
    value = strip(node)
    if value is not None and value.type == "unary_expression":
        return text_of(strip(value.child_by_field_name("operand")))
    return ""
