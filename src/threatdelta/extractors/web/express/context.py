"""Where handler facts are collected: the file, the handler's flow, the facts so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import Callee, ModuleIndex
from threatdelta.extractors.web.express.flow import Flow
from threatdelta.extractors.web.express.syntax import Code
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind

_BUILTINS = frozenset(
    {
        "Object",
        "Array",
        "Promise",
        "JSON",
        "Math",
        "Date",
        "Reflect",
        "Number",
        "String",
        "Boolean",
        "Buffer",
        "Map",
        "Set",
        "WeakMap",
        "Symbol",
        "Error",
        "URL",
        "URLSearchParams",
        "RegExp",
        "Intl",
        "Proxy",
    }
)
_STORE = re.compile(r"(repo|repository|model|collection|dao|store|table|entity|manager)$", re.I)
_DB_ROOTS = frozenset({"db", "models", "prisma", "orm", "database"})


@dataclass(slots=True)
class HandlerContext:
    code: Code
    index: ModuleIndex
    flow: Flow
    facts: dict[tuple[FactKind, str, int], CodeFact] = field(default_factory=dict)

    def add(self, kind: FactKind, node: Node, name: str, from_input: Tri, detail: str = "") -> None:
        location = self.code.location(node)
        key = (kind, name, location.start_line)
        if key not in self.facts:
            self.facts[key] = CodeFact(
                kind=kind, location=location, name=name, from_input=from_input, detail=detail
            )

    def has(self, kind: FactKind) -> bool:
        return any(k[0] is kind for k in self.facts)

    def is_model(self, callee: Callee) -> bool:
        """Is the receiver of `callee` a model, repository or collection (not an array)?"""
        recv = callee.names[:-1]
        if not recv or recv[0] in (self.flow.req, self.flow.res):
            return False
        last = recv[-1]
        if last[:1].isupper() and last not in _BUILTINS and last.upper() != last:
            return True
        if "prisma" in recv or (recv[0] in _DB_ROOTS and len(recv) >= 2):
            return True
        return bool(_STORE.search(last)) or (len(recv) == 1 and last in self.flow.models)
