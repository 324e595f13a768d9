"""Where a tree-sitter parse went wrong, and the one notification every tree-sitter extractor
gives for it."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.model.base import Level, Notification


def first_error_line(root: Node) -> int:
    """The line of the first ERROR or MISSING node, descending only into subtrees that
    contain one (MISSING tokens are often unnamed)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            return node.start_point.row + 1
        stack.extend(reversed([c for c in node.children if c.has_error or c.is_missing]))
    return root.start_point.row + 1


def parse_error(path: str, root: Node, extractor: str = "") -> Notification:
    """`parse-error` naming the first bad line; `extractor` prefixes the message when given."""
    prefix = f"{extractor}: " if extractor else ""
    return Notification(
        level=Level.WARNING,
        code="parse-error",
        path=path,
        message=f"{prefix}syntax error at line {first_error_line(root)}; "
        "only the well-formed parts of the file were analysed",
    )
