"""A Java handler method's body to code facts and the controls seen in it."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.spring.responses import error_text_facts, ownership_check
from threatdelta.extractors.web.spring.sinks import call_facts, creation_facts
from threatdelta.extractors.web.spring.syntax import (
    Code,
    arguments,
    call_name,
    receiver,
    text,
    walk_body,
)
from threatdelta.extractors.web.spring.taint import Taint
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind


@dataclass(frozen=True)
class HandlerFacts:
    facts: tuple[CodeFact, ...]
    audit_logged: Tri
    object_authorization: Tri


def handler_facts(code: Code, method: Node, inputs: frozenset[str], writes: bool) -> HandlerFacts:
    """Facts of the body; `writes` says whether the route changes state (an absent audit
    log is then NO rather than UNKNOWN)."""
    body = method.child_by_field_name("body")
    if body is None:
        return HandlerFacts((), Tri.UNKNOWN, Tri.UNKNOWN)
    taint = Taint(inputs)
    found: list[CodeFact] = []
    for node in walk_body(body):
        found += _node_facts(code, node, taint)
    facts = tuple(dict.fromkeys(found))
    kinds = {f.kind for f in facts}
    audit = Tri.YES if FactKind.AUDIT_LOG in kinds else (Tri.NO if writes else Tri.UNKNOWN)
    return HandlerFacts(facts, audit, _object_authorization(facts))


def _node_facts(code: Code, node: Node, taint: Taint) -> list[CodeFact]:
    if node.type == "variable_declarator":
        value = node.child_by_field_name("value")
        if value is not None:
            taint.assign(text(node.child_by_field_name("name")), value)
        return []
    if node.type == "assignment_expression":
        _assignment(node, taint)
        return []
    if node.type == "method_invocation":
        _builder_append(node, taint)
        return call_facts(code, node, taint)
    if node.type == "object_creation_expression":
        return creation_facts(code, node, taint)
    if node.type == "return_statement":
        return error_text_facts(code, node)
    if node.type == "if_statement":
        _prefix_check(node, taint)
        check = ownership_check(code, node.child_by_field_name("condition") or node)
        return [check] if check is not None else []
    return []


def _assignment(node: Node, taint: Taint) -> None:
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if left is None or right is None or left.type != "identifier":
        return
    operator = text(node.child_by_field_name("operator"))
    if operator == "+=":
        taint.append(text(left), right)
    elif operator == "=":
        taint.assign(text(left), right)


def _prefix_check(node: Node, taint: Taint) -> None:
    """`if (!path.startsWith(base)) { throw ... }` (or return): confines `path`."""
    condition = node.child_by_field_name("condition")
    inner = condition.named_children[0] if condition and condition.named_children else None
    if inner is None or inner.type != "unary_expression" or not text(inner).startswith("!"):
        return
    call = inner.child_by_field_name("operand")
    target = receiver(call) if call is not None and call.type == "method_invocation" else None
    if call is None or target is None or target.type != "identifier":
        return
    consequence = node.child_by_field_name("consequence")
    leaves = consequence is not None and any(
        n.type in ("throw_statement", "return_statement") for n in walk_body(consequence)
    )
    if call_name(call) == "startsWith" and leaves:
        taint.confine(text(target))


def _builder_append(node: Node, taint: Taint) -> None:
    """`sb.append(x)` on a local builder: the builder now holds `x` too."""
    target = receiver(node)
    args = arguments(node)
    if call_name(node) == "append" and target is not None and target.type == "identifier" and args:
        taint.append(text(target), args[0])


def _object_authorization(facts: tuple[CodeFact, ...]) -> Tri:
    kinds = {f.kind for f in facts}
    if FactKind.OWNERSHIP_CHECK in kinds:
        return Tri.YES
    lookups = [f for f in facts if f.kind is FactKind.OBJECT_LOOKUP_BY_ID]
    if any(f.from_input is Tri.YES for f in lookups):
        return Tri.NO
    return Tri.UNKNOWN
