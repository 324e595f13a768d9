"""A Kotlin handler's body to code facts: SQL text templated or concatenated from input,
commands, lookups by id, logging (a smaller set than for Java)."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.spring.handler import HandlerFacts
from threatdelta.extractors.web.spring.syntax import Code, text, walk
from threatdelta.model.base import Location, Tri
from threatdelta.model.facts import CodeFact, FactKind

_SQL_ALWAYS = frozenset(
    {
        "createQuery",
        "createNativeQuery",
        "executeQuery",
        "executeUpdate",
        "prepareStatement",
        "queryForObject",
        "queryForList",
        "queryForMap",
        "batchUpdate",
    }
)
_SQL_MAYBE = frozenset({"query", "update", "execute"})
_SQL_TEXT = re.compile(r"\b(select|insert|update|delete|from|where)\b", re.I)
_SHORT_TEMPLATE = re.compile(r"(?<!\\)\$([A-Za-z_]\w*)")
_LOOKUPS = frozenset({"findById", "getById", "getReferenceById", "findByIdOrNull", "deleteById"})
_STORE_RECEIVER = re.compile(r"(repository|repo|dao|mapper)$", re.I)
_LOGGER = re.compile(r"^(log|logger|LOG|LOGGER|audit\w*)$")
_LOG_LEVELS = frozenset({"info", "warn", "error", "debug", "trace", "record"})


def kotlin_handler_facts(
    code: Code, fn: Node, inputs: frozenset[str], writes: bool
) -> HandlerFacts:
    body = next((c for c in fn.named_children if c.type == "function_body"), None)
    if body is None:
        return HandlerFacts((), Tri.UNKNOWN, Tri.UNKNOWN)
    tainted = set(inputs)
    built: set[str] = set()
    facts: list[CodeFact] = []
    for node in walk(body):
        if node.type == "property_declaration":
            _declare(node, tainted, built)
        elif node.type == "call_expression":
            facts += _call_facts(code, node, tainted, built)
    kinds = {f.kind for f in facts}
    audit = Tri.YES if FactKind.AUDIT_LOG in kinds else (Tri.NO if writes else Tri.UNKNOWN)
    lookups = [f for f in facts if f.kind is FactKind.OBJECT_LOOKUP_BY_ID]
    objects = Tri.NO if any(f.from_input is Tri.YES for f in lookups) else Tri.UNKNOWN
    return HandlerFacts(tuple(dict.fromkeys(facts)), audit, objects)


def _declare(node: Node, tainted: set[str], built: set[str]) -> None:
    decl = next((c for c in node.named_children if c.type == "variable_declaration"), None)
    value = node.named_children[-1] if node.named_children else None
    if decl is None or value is None or value == decl:
        return
    name = text(decl.named_children[0]) if decl.named_children else ""
    if _origin(value, tainted) is Tri.YES:
        tainted.add(name)
    if _is_built(value, built):
        built.add(name)


def _names(node: Node) -> set[str]:
    found = {text(n) for n in walk(node) if n.type == "identifier"}
    for lit in (n for n in walk(node) if n.type == "string_literal"):
        found |= set(_SHORT_TEMPLATE.findall(text(lit)))
    return found


def _origin(node: Node | None, tainted: set[str]) -> Tri:
    if node is None:
        return Tri.UNKNOWN
    if _names(node) & tainted:
        return Tri.YES
    if node.type == "string_literal" and not _is_built(node, set()):
        return Tri.NO
    return Tri.UNKNOWN


def _is_built(node: Node | None, built: set[str]) -> bool:
    if node is None:
        return False
    if node.type == "identifier":
        return text(node) in built
    if node.type == "string_literal":
        return any(c.type == "interpolation" for c in node.named_children) or bool(
            _SHORT_TEMPLATE.search(text(node))
        )
    return node.type == "binary_expression" and "+" in text(node).replace('"+"', "")


def _call_facts(code: Code, node: Node, tainted: set[str], built: set[str]) -> list[CodeFact]:
    callee = node.named_children[0] if node.named_children else None
    if callee is None:
        return []
    parts = (
        [text(c) for c in callee.named_children] if callee.type == "navigation_expression" else []
    )
    name = parts[-1] if parts else text(callee)
    owner = _owner(callee)
    first = _first_argument(node)
    where = code.location(node)
    if name in _SQL_ALWAYS or (
        name in _SQL_MAYBE and first is not None and _SQL_TEXT.search(text(first))
    ):
        if _is_built(first, built):
            return [_fact(FactKind.SQL_RAW, where, f"{owner}.{name}", _origin(first, tainted))]
        return []
    if (name == "exec" and owner == "getRuntime") or name == "ProcessBuilder":
        return [_fact(FactKind.COMMAND_EXEC, where, name, _origin(first, tainted))]
    if name in _LOOKUPS and _STORE_RECEIVER.search(owner) and first is not None:
        return [
            _fact(FactKind.OBJECT_LOOKUP_BY_ID, where, f"{owner}.{name}", _origin(first, tainted))
        ]
    if _LOGGER.match(owner) and name in _LOG_LEVELS:
        return [_fact(FactKind.AUDIT_LOG, where, f"{owner}.{name}", Tri.UNKNOWN)]
    return []


def _owner(callee: Node) -> str:
    """`jdbc.query` -> `jdbc`; `Runtime.getRuntime().exec` -> `getRuntime`."""
    if callee.type != "navigation_expression" or len(callee.named_children) < 2:
        return ""
    target = callee.named_children[0]
    if target.type == "call_expression" and target.named_children:
        inner = target.named_children[0]
        return text(inner.named_children[-1]) if inner.named_children else text(inner)
    if target.type == "navigation_expression" and target.named_children:
        return text(target.named_children[-1])
    return text(target)


def _first_argument(call: Node) -> Node | None:
    args = next((c for c in call.named_children if c.type == "value_arguments"), None)
    first = args.named_children[0] if args is not None and args.named_children else None
    return first.named_children[-1] if first is not None and first.named_children else None


def _fact(kind: FactKind, where: Location, name: str, origin: Tri) -> CodeFact:
    return CodeFact(kind=kind, location=where, name=name, from_input=origin)
