"""Route paths as written: literal strings, string constants of the module, template
literals and concatenations of those; Express `:param` syntax to `{param}` templates."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.syntax import string_value, strip

_MAX_DEPTH = 32
_PARAM = re.compile(r":(\w+)(?:\([^)]*\))?\??")


def to_template(path: str) -> str:
    """`/users/:id(\\d+)?` -> `/users/{id}`."""
    return _PARAM.sub(lambda m: "{" + m.group(1) + "}", path)


class ConstantText:
    """Reads strings that are constant in one module."""

    def __init__(self, index: ModuleIndex) -> None:
        self.index = index

    def is_path_like(self, node: Node) -> bool:
        """Could `node` be the path argument of `app.use(path, ...)`?"""
        return self.paths(node) is not None

    def paths(self, node: Node | None, depth: int = 0) -> list[str] | None:
        """The literal path(s) of a registration; None when not a readable literal."""
        node = strip(node)
        if node is None or depth > _MAX_DEPTH:
            return None
        if node.type == "array":
            items = [self.paths(item, depth + 1) for item in node.named_children]
            if any(i is None for i in items):
                return None
            return [p for i in items if i is not None for p in i]
        text = self.constant_text(node)
        return [text] if text is not None else None

    def constant_text(self, node: Node | None, depth: int = 0) -> str | None:
        """The string value of a constant expression (depth-bounded: no deep recursion)."""
        node = strip(node)
        if node is None or depth > _MAX_DEPTH:
            return None
        value = string_value(node)
        if value is not None:
            return value
        if node.type == "identifier":
            return self.index.strings.get((node.text or b"").decode())
        if node.type == "template_string":
            return self._template(node, depth)
        operator = node.child_by_field_name("operator")
        if node.type == "binary_expression" and operator is not None and operator.text == b"+":
            left = self.constant_text(node.child_by_field_name("left"), depth + 1)
            right = self.constant_text(node.child_by_field_name("right"), depth + 1)
            return left + right if left is not None and right is not None else None
        return None

    def _template(self, node: Node, depth: int) -> str | None:
        parts: list[str] = []
        for part in node.named_children:
            if part.type == "template_substitution":
                inner = part.named_children[0] if part.named_children else None
                value = self.constant_text(inner, depth + 1)
                if value is None:
                    return None
                parts.append(value)
            else:
                parts.append((part.text or b"").decode())
        return "".join(parts)
