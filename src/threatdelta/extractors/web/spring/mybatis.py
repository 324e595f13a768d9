"""MyBatis mapper annotations (`@Select("... ${name}")`): `${}` pastes the argument into the
SQL text instead of binding it as `#{}` does."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.spring.syntax import Code, annotations_of, strings_of, text, walk
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind

_STATEMENTS = frozenset({"Select", "Update", "Insert", "Delete"})
_INTERPOLATION = re.compile(r"\$\{\s*([\w.]+)")


def mapper_facts(code: Code, root: Node) -> list[CodeFact]:
    """One `sql-raw` fact per mapper method whose statement interpolates with `${}`."""
    facts: list[CodeFact] = []
    for node in walk(root):
        if node.type != "method_declaration":
            continue
        for annotation in annotations_of(node):
            if annotation.name not in _STATEMENTS:
                continue
            sql = " ".join(strings_of(annotation.arg("value")))
            found = _INTERPOLATION.findall(sql)
            if not found:
                continue
            owner = _owner(node)
            facts.append(
                CodeFact(
                    kind=FactKind.SQL_RAW,
                    location=code.location(annotation.node),
                    name=f"{owner}.{text(node.child_by_field_name('name'))}",
                    from_input=Tri.YES,
                    detail=f"MyBatis ${{}} pastes {', '.join(found)} into the SQL text",
                )
            )
    return facts


def _owner(method: Node) -> str:
    current = method.parent
    while current is not None and current.type not in (
        "interface_declaration",
        "class_declaration",
    ):
        current = current.parent
    return text(current.child_by_field_name("name")) if current is not None else ""
