"""Intra-procedural flow of request input in a Java handler: which local variables hold
request data, and which strings are built by concatenation or formatting."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.spring.syntax import (
    call_name,
    identifiers,
    receiver_name,
    string_value,
    text,
    walk,
)
from threatdelta.model.base import Tri

_CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")
_REQUEST_READERS = frozenset(
    {
        "getParameter",
        "getParameterValues",
        "getHeader",
        "getQueryString",
        "getInputStream",
        "getReader",
        "getCookies",
        "getRequestURI",
        "getPathInfo",
        # functional handlers' ServerRequest
        "pathVariable",
        "pathVariables",
        "queryParam",
        "queryParams",
        "bodyToMono",
        "bodyToFlux",
        "formData",
        "multipartData",
    }
)
_FORMATTERS = frozenset({"format", "formatted", "concat", "append", "join"})


class Taint:
    """What the handler's local names hold, updated statement by statement."""

    def __init__(self, inputs: frozenset[str]) -> None:
        self.tainted: set[str] = set(inputs)
        self.built: set[str] = set()  # variables holding a string built from pieces
        self.texts: dict[str, str] = {}  # literal text of each variable's pieces
        self.normalized: set[str] = set()  # paths assigned from `....normalize()`
        self.confined: set[str] = set()  # normalized paths checked with `startsWith`

    def assign(self, name: str, value: Node) -> None:
        origin = self.origin(value)
        (self.tainted.add if origin is Tri.YES else self.tainted.discard)(name)
        (self.built.add if self.is_built(value) else self.built.discard)(name)
        self.texts[name] = self.literal_text(value)
        normalized = value.type == "method_invocation" and call_name(value) == "normalize"
        (self.normalized.add if normalized else self.normalized.discard)(name)
        self.confined.discard(name)

    def confine(self, name: str) -> None:
        """`if (!name.startsWith(base)) throw ...;` on a normalised path: the path is
        kept inside its base folder from here on."""
        if name in self.normalized:
            self.confined.add(name)

    def append(self, name: str, value: Node) -> None:
        """`name += value` / `sb.append(value)`: keeps what the name held."""
        if self.origin(value) is Tri.YES:
            self.tainted.add(name)
        if string_value(value) is None:
            self.built.add(name)
        self.texts[name] = self.texts.get(name, "") + self.literal_text(value)

    def origin(self, node: Node | None) -> Tri:
        """YES when request input reaches the expression, NO for literals and constants."""
        if node is None:
            return Tri.UNKNOWN
        if node.type == "identifier" and text(node) in self.confined:
            return Tri.NO
        names = set(identifiers(node))
        if names & self.tainted or self._reads_request(node):
            return Tri.YES
        if self._constant(node, names):
            return Tri.NO
        return Tri.UNKNOWN

    def is_built(self, node: Node | None) -> bool:
        """A string put together from pieces at run time (`+`, `format`, a builder)."""
        if node is None:
            return False
        if node.type == "identifier":
            return text(node) in self.built
        if node.type == "binary_expression":
            return string_value(node) is None and text(node.child_by_field_name("operator")) == "+"
        if node.type == "method_invocation":
            if call_name(node) in _FORMATTERS:
                return True
            return call_name(node) == "toString" and receiver_name(node) in self.built
        return False

    def literal_text(self, node: Node | None) -> str:
        """The string literal pieces of an expression (and of the variables it uses)."""
        if node is None:
            return ""
        pieces = [s for sub in walk(node) if (s := _literal(sub)) is not None]
        pieces += [self.texts.get(name, "") for name in identifiers(node)]
        return " ".join(pieces)

    def _reads_request(self, node: Node) -> bool:
        return any(
            sub.type == "method_invocation" and call_name(sub) in _REQUEST_READERS
            for sub in walk(node)
        )

    def _constant(self, node: Node, names: set[str]) -> bool:
        """Literals and UPPER_CASE constants only, no calls."""
        calls = ("method_invocation", "object_creation_expression", "lambda_expression")
        if any(sub.type in calls for sub in walk(node)):
            return False
        return all(_CONSTANT.match(name) for name in names)


def _literal(node: Node) -> str | None:
    return string_value(node) if node.type == "string_literal" else None
