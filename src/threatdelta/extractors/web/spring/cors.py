"""Spring CORS settings: `@CrossOrigin` on a controller or handler, and global settings
(`registry.addMapping(...).allowedOrigins("*").allowCredentials(true)`, a
`CorsConfiguration` with a `*` origin and `setAllowCredentials(true)`)."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.spring.syntax import (
    Annotation,
    Code,
    arguments,
    call_name,
    receiver,
    strings_of,
    text,
    walk,
)
from threatdelta.model.base import Location, Tri
from threatdelta.model.facts import CodeFact, FactKind

_ORIGIN_CALLS = frozenset(
    {
        "allowedOrigins",
        "allowedOriginPatterns",
        "addAllowedOrigin",
        "addAllowedOriginPattern",
        "setAllowedOrigins",
        "setAllowedOriginPatterns",
    }
)
_CREDENTIAL_CALLS = frozenset({"allowCredentials", "setAllowCredentials"})


def cross_origin_facts(code: Code, annotations: list[Annotation]) -> list[CodeFact]:
    """`@CrossOrigin` allows every origin unless `origins`/`originPatterns` narrow it."""
    for annotation in annotations:
        if annotation.name != "CrossOrigin":
            continue
        origins = strings_of(annotation.arg("origins", "value", "originPatterns"))
        if origins and "*" not in origins:
            return []
        credentials = text(annotation.arg("allowCredentials")).strip('"') == "true"
        return [_fact(code.location(annotation.node), "@CrossOrigin", credentials)]
    return []


def global_cors_facts(code: Code, root: Node) -> list[CodeFact]:
    """Per method body: a `*` origin given to a CORS builder or configuration, with or
    without credentials allowed in the same method."""
    facts: list[CodeFact] = []
    for method in walk(root):
        if method.type != "method_declaration" or method.child_by_field_name("body") is None:
            continue
        calls = [n for n in walk(method) if n.type == "method_invocation"]
        wildcard = next((c for c in calls if _any_origin(c)), None)
        if wildcard is None:
            continue
        # a registry chain decides for itself; setter-style configuration for the method
        scope = calls if call_name(wildcard).startswith(("set", "add")) else _chain(wildcard)
        credentials = any(_allows_credentials(c) for c in scope)
        name_node = wildcard.child_by_field_name("name") or wildcard
        facts.append(_fact(code.location(name_node), call_name(wildcard), credentials))
    return facts


def _chain(call: Node) -> list[Node]:
    """The calls of the statement a builder call is part of."""
    top = call
    while top.parent is not None and top.parent.type in ("method_invocation", "argument_list"):
        top = top.parent
    return [n for n in walk(top) if n.type == "method_invocation"]


def _any_origin(call: Node) -> bool:
    if call_name(call) not in _ORIGIN_CALLS:
        return False
    values = [s for arg in arguments(call) for s in _strings_deep(arg)]
    return "*" in values


def _strings_deep(node: Node) -> list[str]:
    """Strings of a literal, an array, or `List.of("*")` / `Arrays.asList("*")`."""
    if node.type == "method_invocation" and receiver(node) is not None:
        return [s for arg in arguments(node) for s in strings_of(arg)]
    return strings_of(node)


def _allows_credentials(call: Node) -> bool:
    args = arguments(call)
    return call_name(call) in _CREDENTIAL_CALLS and bool(args) and text(args[0]) == "true"


def _fact(where: Location, name: str, credentials: bool) -> CodeFact:
    kind = FactKind.CORS_WILDCARD_CREDENTIALS if credentials else FactKind.CORS_WILDCARD
    detail = "any origin" + (" with credentials" if credentials else "")
    return CodeFact(kind=kind, location=where, name=name, from_input=Tri.NO, detail=detail)
