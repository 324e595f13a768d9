"""Request body size limits as written in Node code (`'50mb'`, `1048576`, `Infinity`), and
whether one is raised past what a web service usually needs."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.syntax import string_value, strip

RAISED_BYTES = 10 * 1024 * 1024  # above this a body limit is "raised" (the rules' threshold)
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4}
_MAX_NUMBER_TEXT = 40
_MAX_DEPTH = 16


def limit_bytes(node: Node | None, depth: int = 0) -> float | None:
    """The byte count a limit expression states: a size string, a number literal (with `_`
    separators or `*` products of literals), or `Infinity`; None when not a literal."""
    node = strip(node)
    if node is None or depth > _MAX_DEPTH:
        return None
    text = string_value(node)
    if text is not None:
        match = _SIZE.match(text)
        if match is None:
            return None
        return float(match[1]) * _UNITS[(match[2] or "").lower()]
    if node.type == "identifier" and node.text == b"Infinity":
        return float("inf")
    if node.type == "number":
        raw = (node.text or b"").decode().replace("_", "")
        try:
            return float(raw) if len(raw) < _MAX_NUMBER_TEXT else None
        except ValueError:
            return None
    if node.type == "binary_expression":
        op = node.child_by_field_name("operator")
        left = limit_bytes(node.child_by_field_name("left"), depth + 1)
        right = limit_bytes(node.child_by_field_name("right"), depth + 1)
        if op is not None and op.text == b"*" and left is not None and right is not None:
            return left * right
    return None


def is_raised(size: float | None) -> bool:
    return size is not None and size > RAISED_BYTES


def describe(size: float) -> str:
    if size == float("inf"):
        return "unbounded"
    return f"{size / 1024**2:g} MB"
