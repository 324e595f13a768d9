"""A collector of module-level facts: one fact per (kind, name, line)."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.syntax import Code, identifier, string_value, strip
from threatdelta.model.base import Location, Tri
from threatdelta.model.facts import CodeFact, FactKind


class ModuleFacts:
    """Module-level facts of one file, and how to read its objects and names."""

    def __init__(self, code: Code, index: ModuleIndex) -> None:
        self.code = code
        self.index = index
        self.facts: dict[tuple[FactKind, str, int], CodeFact] = {}

    def add(
        self, kind: FactKind, node: Node, name: str, detail: str, from_input: Tri = Tri.NO
    ) -> None:
        location = self.code.location(node)
        key = (kind, name, location.start_line)
        if key not in self.facts:
            self.facts[key] = CodeFact(
                kind=kind, location=location, name=name, from_input=from_input, detail=detail
            )

    def add_line(self, kind: FactKind, line: int, name: str, detail: str) -> None:
        location = Location(path=self.code.path, start_line=line, end_line=line)
        self.facts.setdefault(
            (kind, name, line),
            CodeFact(kind=kind, location=location, name=name, from_input=Tri.NO, detail=detail),
        )

    def lines_with(self, kind: FactKind) -> set[int]:
        return {line for k, _, line in self.facts if k is kind}

    def text_of(self, node: Node | None) -> str | None:
        """A string literal, or the value of a string constant of this module."""
        node = strip(node)
        name = identifier(node)
        return self.index.strings.get(name) if name is not None else string_value(node)

    def object_of(self, node: Node | None) -> Node | None:
        """An object literal written in place or held by a name of this module."""
        node = strip(node)
        name = identifier(node)
        if name is not None:
            node = strip(self.index.values.get(name))
        return node if node is not None and node.type == "object" else None
