"""A Kotlin handler's body to code facts: SQL text templated or concatenated from input,
commands, outbound HTTP, file paths, lookups by id, exception text returned, logging."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.spring.handler import HandlerFacts
from threatdelta.extractors.web.spring.kotlin_security import arguments, call_name, name_node
from threatdelta.extractors.web.spring.syntax import Code, text, walk
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind

_SQL_ALWAYS = frozenset(
    {"createQuery", "createNativeQuery", "executeQuery", "executeUpdate", "prepareStatement",
     "queryForObject", "queryForList", "queryForMap", "batchUpdate"}
)  # fmt: skip
_SQL_MAYBE = frozenset({"query", "update", "execute"})
_SQL_TEXT = re.compile(r"\b(select|insert|update|delete|from|where)\b", re.I)
_SHORT_TEMPLATE = re.compile(r"(?<!\\)\$([A-Za-z_]\w*)")
_HTTP_RECEIVER = re.compile(r"rest(Template|Client)|webClient|httpClient", re.I)
_HTTP_CALLS = frozenset(
    {"getForObject", "getForEntity", "postForObject", "postForEntity", "exchange", "uri"}
)
_FILE_CALLS = frozenset({"File", "FileInputStream", "FileOutputStream", "FileReader", "get", "of"})
_LOOKUPS = frozenset({"findById", "getById", "getReferenceById", "findByIdOrNull", "deleteById"})
_STORE_RECEIVER = re.compile(r"(repository|repo|dao|mapper)$", re.I)
_LOGGER = re.compile(r"^(log|logger|LOG|LOGGER|audit\w*)$")
_LOG_LEVELS = frozenset({"info", "warn", "error", "debug", "trace", "record"})
_RESPONSE_CALLS = frozenset({"body", "ok", "bodyValue", "badRequest", "internalServerError"})
_ERROR_TEXT = frozenset({"message", "localizedMessage", "stackTraceToString"})


@dataclass
class _Flow:
    """What the handler's local names hold."""

    tainted: set[str]
    built: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)

    def origin(self, node: Node | None) -> Tri:
        if node is None:
            return Tri.UNKNOWN
        if _names(node) & self.tainted:
            return Tri.YES
        if node.type == "string_literal" and not self.is_built(node):
            return Tri.NO
        return Tri.UNKNOWN

    def is_built(self, node: Node | None) -> bool:
        if node is None:
            return False
        if node.type == "identifier":
            return text(node) in self.built
        if node.type == "string_literal":
            return any(c.type == "interpolation" for c in node.named_children) or bool(
                _SHORT_TEMPLATE.search(text(node))
            )
        return node.type == "binary_expression" and "+" in text(node).replace('"+"', "")

    def sql_text(self, node: Node | None) -> str:
        if node is None:
            return ""
        return text(node) if node.type != "identifier" else self.texts.get(text(node), "")


def kotlin_handler_facts(
    code: Code, fn: Node, inputs: frozenset[str], writes: bool
) -> HandlerFacts:
    body = next((c for c in fn.named_children if c.type == "function_body"), None)
    if body is None:
        return HandlerFacts((), Tri.UNKNOWN, Tri.UNKNOWN)
    flow = _Flow(set(inputs))
    facts: list[CodeFact] = []
    for node in walk(body):
        if node.type == "property_declaration":
            _declare(node, flow)
        elif node.type == "call_expression":
            facts += _call_facts(code, node, flow)
        elif node.type == "navigation_expression":
            facts += _error_text(code, node)
    kinds = {f.kind for f in facts}
    audit = Tri.YES if FactKind.AUDIT_LOG in kinds else (Tri.NO if writes else Tri.UNKNOWN)
    lookups = [f for f in facts if f.kind is FactKind.OBJECT_LOOKUP_BY_ID]
    objects = Tri.NO if any(f.from_input is Tri.YES for f in lookups) else Tri.UNKNOWN
    return HandlerFacts(tuple(dict.fromkeys(facts)), audit, objects)


def _declare(node: Node, flow: _Flow) -> None:
    decl = next((c for c in node.named_children if c.type == "variable_declaration"), None)
    value = node.named_children[-1] if node.named_children else None
    if decl is None or value is None or value == decl:
        return
    name = text(decl.named_children[0]) if decl.named_children else ""
    if flow.origin(value) is Tri.YES:
        flow.tainted.add(name)
    if flow.is_built(value):
        flow.built.add(name)
    flow.texts[name] = text(value)


def _names(node: Node) -> set[str]:
    found = {text(n) for n in walk(node) if n.type == "identifier"}
    for lit in (n for n in walk(node) if n.type == "string_literal"):
        found |= set(_SHORT_TEMPLATE.findall(text(lit)))
    return found


def _call_facts(code: Code, node: Node, flow: _Flow) -> list[CodeFact]:
    name, owner = call_name(node), _owner(node)
    args = arguments(node)
    first = args[0] if args else None
    where = code.location(name_node(node))
    qualified = f"{owner}.{name}" if owner else name
    kind: FactKind | None = None
    origin = flow.origin(first)
    if name in _SQL_ALWAYS or (name in _SQL_MAYBE and _SQL_TEXT.search(flow.sql_text(first))):
        kind = FactKind.SQL_RAW if flow.is_built(first) else None
    elif (name == "exec" and owner == "getRuntime") or name == "ProcessBuilder":
        kind = FactKind.COMMAND_EXEC
        origin = Tri.any_of(*map(flow.origin, args)) if args else Tri.NO
    elif _HTTP_RECEIVER.search(owner) and name in _HTTP_CALLS and first is not None:
        kind = FactKind.OUTBOUND_HTTP
    elif _is_file_call(name, owner) and args:
        origin = Tri.any_of(*map(flow.origin, args))
        kind = FactKind.FILE_ACCESS if origin is not Tri.NO else None
    elif name in _LOOKUPS and _STORE_RECEIVER.search(owner) and first is not None:
        kind = FactKind.OBJECT_LOOKUP_BY_ID
    elif _LOGGER.match(owner) and name in _LOG_LEVELS:
        kind, origin = FactKind.AUDIT_LOG, Tri.UNKNOWN
    if kind is None:
        return []
    return [CodeFact(kind=kind, location=where, name=qualified, from_input=origin)]


def _is_file_call(name: str, owner: str) -> bool:
    if name in ("get", "of"):
        return owner in ("Paths", "Path")
    return name in _FILE_CALLS and not owner


def _error_text(code: Code, node: Node) -> list[CodeFact]:
    """`ex.message` / `ex.localizedMessage` / `ex.stackTraceToString()` of the exception a
    surrounding `catch` caught, returned or given to a response builder."""
    parts = node.named_children
    if len(parts) != 2 or text(parts[1]) not in _ERROR_TEXT:
        return []
    caught = text(parts[0])
    current = node.parent
    sent = False  # returned, or given to a response builder
    while current is not None and current.type != "function_declaration":
        sent = (
            sent
            or current.type == "return_expression"
            or (current.type == "call_expression" and call_name(current) in _RESPONSE_CALLS)
        )
        if current.type == "catch_block" and sent:
            ident = next((c for c in current.named_children if c.type == "identifier"), None)
            if ident is not None and text(ident) == caught:
                return [
                    CodeFact(
                        kind=FactKind.ERROR_TEXT_RETURNED,
                        location=code.location(node),
                        name=f"{caught}.{text(parts[1])}",
                        detail="exception text in the handler's result",
                    )
                ]
        current = current.parent
    return []


def _owner(call: Node) -> str:
    """`jdbc.query` -> `jdbc`; `Runtime.getRuntime().exec` -> `getRuntime`; `f()` -> ``."""
    callee = call.named_children[0] if call.named_children else None
    if callee is None or callee.type != "navigation_expression" or len(callee.named_children) < 2:
        return ""
    target = callee.named_children[0]
    if target.type == "call_expression":
        return call_name(target)
    if target.type == "navigation_expression" and target.named_children:
        return text(target.named_children[-1])
    return text(target)
