"""Rewrite the keyword arguments of a one-line Python call in place, by column, so the rest
of the line keeps its spelling."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping


def call_on_line(
    tree: ast.Module, line: int, wanted: Callable[[ast.Call], bool]
) -> ast.Call | None:
    """The first wanted call that starts and ends on `line`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.lineno == line == node.end_lineno and wanted(node):
            return node
    return None


def callee_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def set_keywords(text: str, call: ast.Call, values: Mapping[str, str]) -> str:
    """The line `text` (holding the whole `call`) with each keyword of `values` set to the
    given source text: replaced where present, appended before the closing parenthesis
    otherwise. Columns are UTF-8 byte offsets, as `ast` reports them."""
    raw = text.encode()
    spans: list[tuple[int, int, bytes]] = []
    present = {kw.arg: kw for kw in call.keywords if kw.arg}
    missing = [name for name in values if name not in present]
    for name, source in values.items():
        kw = present.get(name)
        if kw is not None and kw.value.end_col_offset is not None:
            spans.append((kw.value.col_offset, kw.value.end_col_offset, source.encode()))
    if missing:
        close = (call.end_col_offset or 0) - 1
        has_args = bool(call.args or call.keywords)
        added = ", ".join(f"{name}={values[name]}" for name in missing)
        spans.append((close, close, ((", " if has_args else "") + added).encode()))
    for start, end, new in sorted(spans, reverse=True):
        raw = raw[:start] + new + raw[end:]
    return raw.decode()


def is_false(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is False
