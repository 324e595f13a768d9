"""The import table of one module: local names to absolute dotted names, and router refs.

Relative imports are resolved against the importing file's package, so `from .users import
bp` in `app/api/__init__.py` names `app.api.users.bp`. Absolute imports are kept as written;
the linker matches the module path by suffix (a `src/` layout still resolves).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from threatdelta.extractors.web.python.syntax import dotted
from threatdelta.model.fragment import RouterRef
from threatdelta.model.link import module_of


def package_of(path: str) -> str:
    """The dotted package a file's relative imports start from."""
    module = module_of(path)
    is_init = path.rsplit("/", 1)[-1].startswith("__init__.")
    package = module if is_init else module.rpartition("/")[0]
    return package.replace("/", ".")


def _absolute(package: str, level: int, module: str | None) -> str:
    parts = package.split(".") if package else []
    if level > 1:
        parts = parts[: max(0, len(parts) - (level - 1))]
    if module:
        parts.extend(module.split("."))
    return ".".join(parts)


@dataclass
class ImportTable:
    """Local name -> absolute dotted name it stands for (`request` -> `flask.request`)."""

    module: str  # this file's module path (`app/api/users`)
    names: dict[str, str] = field(default_factory=dict)
    _qualified: dict[int, str] = field(default_factory=dict)  # by node id: many detectors ask

    @classmethod
    def of(cls, path: str, nodes: list[ast.Import | ast.ImportFrom]) -> ImportTable:
        table = cls(module=module_of(path))
        package = package_of(path)
        for node in nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        table.names[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        table.names.setdefault(top, top)
            elif isinstance(node, ast.ImportFrom):
                base = (
                    _absolute(package, node.level, node.module)
                    if node.level
                    else (node.module or "")
                )
                for alias in node.names:
                    if alias.name != "*":
                        local = alias.asname or alias.name
                        table.names[local] = f"{base}.{alias.name}" if base else alias.name
        return table

    def qualify(self, node: ast.expr) -> str:
        """Absolute dotted name of a name/attribute chain (`fa.APIRouter` -> `fastapi.APIRouter`);
        "" for anything else."""
        key = id(node)
        found = self._qualified.get(key)
        if found is None:
            found = self._qualified[key] = self._qualify(node)
        return found

    def _qualify(self, node: ast.expr) -> str:
        name = dotted(node)
        if name is None:
            return ""
        head, _, rest = name.partition(".")
        base = self.names.get(head, head)
        return f"{base}.{rest}" if rest else base

    def imported(self, name: str) -> bool:
        return name in self.names

    def uses(self, *packages: str) -> bool:
        """Does the module import from one of these top-level packages?"""
        tops = {q.split(".")[0] for q in self.names.values()}
        return any(p in tops for p in packages)

    def ref(self, node: ast.expr, local: frozenset[str]) -> RouterRef | None:
        """The router a name or attribute refers to, in this module or an imported one."""
        name = dotted(node)
        if name is None:
            return None
        if "." not in name and (name in local or name not in self.names):
            return RouterRef(module=self.module, name=name)
        qualified = self.qualify(node)
        module, _, attr = qualified.rpartition(".")
        if not module:
            return RouterRef(module=self.module, name=attr)
        return RouterRef(module=module.replace(".", "/"), name=attr)
