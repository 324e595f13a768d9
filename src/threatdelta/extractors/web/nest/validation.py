"""`ValidationPipe` as configured in NestJS code: `new ValidationPipe({ whitelist: true })`
in `useGlobalPipes`, `@UsePipes(...)` or `@Body(...)`, to an input-validation fact whose
name says whether unknown properties are stripped or rejected."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express.syntax import Code, arguments, chain, object_pairs, strip
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind

WHITELIST = "ValidationPipe:whitelist"
NO_WHITELIST = "ValidationPipe:no-whitelist"
_WHITELISTING = ("whitelist", "forbidNonWhitelisted")


def validation_fact(node: Node | None, code: Code) -> CodeFact | None:
    """The fact for `new ValidationPipe({...})` (or the bare `ValidationPipe` class)."""
    node = strip(node)
    if node is None:
        return None
    target = node.child_by_field_name("constructor") if node.type == "new_expression" else node
    names = chain(target)
    if not names or names[-1] != "ValidationPipe":
        return None
    args = arguments(node) if node.type == "new_expression" else []
    options = object_pairs(args[0]) if args else {}
    whitelisted = any(
        (strip(options[key]) or node).type == "true" for key in _WHITELISTING if key in options
    )
    name = WHITELIST if whitelisted else NO_WHITELIST
    detail = (
        "ValidationPipe strips or rejects properties the DTO does not declare"
        if whitelisted
        else "ValidationPipe without whitelist: properties the DTO does not declare pass through"
    )
    return CodeFact(
        kind=FactKind.INPUT_VALIDATION,
        location=code.location(node),
        name=name,
        from_input=Tri.NO,
        detail=detail,
    )


def pipes_facts(nodes: tuple[Node, ...] | list[Node], code: Code) -> list[CodeFact]:
    return [f for f in (validation_fact(n, code) for n in nodes) if f is not None]
