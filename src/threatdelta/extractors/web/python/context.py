"""What a scan of one function (or module body) carries: where we are, the taint state,
and the facts and request/response details found so far."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import span
from threatdelta.extractors.web.python.taint import TaintEnv
from threatdelta.model.base import Tri
from threatdelta.model.elements import ParamLocation
from threatdelta.model.facts import CodeFact, FactKind


@dataclass
class ScanContext:
    path: str
    index: ModuleIndex
    env: TaintEnv
    in_handler: bool  # a route handler (all facts) or module code / a helper (settings only)
    in_settings_class: bool = False  # a Development/Testing config class: no debug/secret
    facts: list[CodeFact] = field(default_factory=list)
    exception_names: set[str] = field(default_factory=set)
    request_fields: list[str] = field(default_factory=list)
    response_fields: list[str] = field(default_factory=list)
    inputs: list[tuple[str, ParamLocation]] = field(default_factory=list)
    permission_guard: bool = False  # an inline role/permission check that rejects
    paginates: bool = False  # `.paginate(...)` / `paginate(...)` called
    _seen: set[tuple[FactKind, str, int]] = field(default_factory=set)

    def add(
        self,
        kind: FactKind,
        node: ast.AST,
        name: str,
        from_input: Tri = Tri.UNKNOWN,
        detail: str = "",
    ) -> None:
        location = span(self.path, node)
        key = (kind, name, location.start_line)
        if key in self._seen:
            return
        self._seen.add(key)
        self.facts.append(
            CodeFact(kind=kind, location=location, name=name, from_input=from_input, detail=detail)
        )

    def has(self, kind: FactKind, from_input: Tri | None = None) -> bool:
        return any(
            f.kind is kind and (from_input is None or f.from_input is from_input)
            for f in self.facts
        )

    def qualify(self, node: ast.expr) -> str:
        return self.index.imports.qualify(node)
