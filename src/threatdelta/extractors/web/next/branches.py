"""Which lines of a Pages Router handler belong to which HTTP method: the block of
`if (req.method === 'POST') {...}` and the statements of `case 'POST':` in a
`switch (req.method)`, so each method's endpoint keeps only its own handler facts."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express.syntax import chain, string_value, strip, walk
from threatdelta.model.elements import HTTP_METHODS
from threatdelta.model.facts import CodeFact

_EQUAL = frozenset({"===", "=="})
Ranges = dict[str, list[tuple[int, int]]]


def method_branches(fn: Node, req: str | None) -> Ranges:
    """Method -> the line ranges only that method runs."""
    out: Ranges = {}
    body = fn.child_by_field_name("body")
    if req is None or body is None:
        return out
    for node in walk(body):
        if node.type == "if_statement":
            method = _compared(node.child_by_field_name("condition"), req)
            block = node.child_by_field_name("consequence")
            if method is not None and block is not None:
                out.setdefault(method, []).append(_lines(block))
        elif node.type == "switch_statement" and _on_method(node, req):
            cases = node.child_by_field_name("body")
            for case in cases.named_children if cases is not None else ():
                method = _method(case.child_by_field_name("value"))
                if method is not None:
                    out.setdefault(method, []).append(_lines(case))
    return out


def own_facts(facts: tuple[CodeFact, ...], method: str, ranges: Ranges) -> tuple[CodeFact, ...]:
    """The facts not inside another method's branch (unless also inside this one's)."""
    mine = ranges.get(method, [])
    others = [r for m, rs in ranges.items() if m != method for r in rs]
    return tuple(
        f
        for f in facts
        if not _inside(f.location.start_line, others) or _inside(f.location.start_line, mine)
    )


def _inside(line: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= line <= end for start, end in ranges)


def _lines(node: Node) -> tuple[int, int]:
    return node.start_point.row + 1, node.end_point.row + 1


def _compared(condition: Node | None, req: str) -> str | None:
    """`req.method === 'POST'` (either side, in parentheses) -> POST."""
    node = strip(condition)
    if node is None or node.type != "binary_expression":
        return None
    operator = node.child_by_field_name("operator")
    if operator is None or (operator.text or b"").decode() not in _EQUAL:
        return None
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if chain(left) == (req, "method"):
        return _method(right)
    return _method(left) if chain(right) == (req, "method") else None


def _on_method(switch: Node, req: str) -> bool:
    value = switch.child_by_field_name("value")
    return value is not None and any(chain(n) == (req, "method") for n in walk(value))


def _method(node: Node | None) -> str | None:
    value = string_value(node)
    return value.upper() if value is not None and value.upper() in HTTP_METHODS else None
