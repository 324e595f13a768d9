"""What the Python GraphQL rate-limit patches share: the `limits` imports they need (added
in isort's order, refused when a name is taken by something else), where a new limiter
definition goes, and whether the repository already depends on `limits`."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

from threatdelta.remediation.families.python_source import STDLIB, import_insertion, module_names

LIMITS_IMPORTS = (
    ("limits", "parse"),
    ("limits.storage", "MemoryStorage"),
    ("limits.strategies", "MovingWindowRateLimiter"),
)
_USES_LIMITS = re.compile(r"^\s*(?:from|import)\s+limits\b", re.MULTILINE)

Insertion = tuple[int, tuple[str, ...]]


def from_imports(tree: ast.Module, wanted: Iterable[tuple[str, str]]) -> list[Insertion] | None:
    """Insertions of the `from module import name` lines the module lacks; None when one of
    the names is bound to something else."""
    bound = module_names(tree)
    found: list[Insertion] = []
    for module, name in wanted:
        node = bound.get(name)
        if node is None:
            found.append(third_party_import(tree, f"from {module} import {name}"))
        elif not (isinstance(node, ast.ImportFrom) and node.module == module):
            return None
    return sorted(found)


def third_party_import(tree: ast.Module, statement: str) -> Insertion:
    """Before the first later `from` import of another third-party package (isort's order
    inside the third-party section), or at the end of the third-party section when a new
    section (the first-party one) starts first; else where `import_insertion` puts it."""
    package = statement.split()[1].split(".", maxsplit=1)[0]
    previous: ast.Import | ast.ImportFrom | None = None
    for node in _imports(tree):
        top = _top(node)
        gap = previous is not None and node.lineno - (previous.end_lineno or 0) > 1
        if previous is not None and gap and _top(previous) not in STDLIB:
            return (previous.end_lineno or previous.lineno) + 1, (statement,)
        later = isinstance(node, ast.ImportFrom) and ast.unparse(node) > statement
        if top not in STDLIB and top != package and later:
            return node.lineno, (statement,)
        previous = node
    return import_insertion(tree, statement)


def stdlib_import(tree: ast.Module, statement: str) -> Insertion:
    """`import x` of the standard library: in order among the module's standard-library
    imports, else as a section of its own before the first import."""
    imports = list(_imports(tree))
    stdlib = [n for n in imports if _top(n) in STDLIB and _top(n) != "__future__"]
    later = [n for n in stdlib if isinstance(n, ast.Import) and ast.unparse(n) > statement]
    if later:
        return later[0].lineno, (statement,)
    if stdlib:
        plain = [n for n in stdlib if isinstance(n, ast.Import)]
        if plain:
            return (plain[-1].end_lineno or plain[-1].lineno) + 1, (statement,)
        return stdlib[0].lineno, (statement,)
    first = next((n for n in imports if _top(n) != "__future__"), None)
    if first is None:
        return import_insertion(tree, statement)
    return first.lineno, (statement, "")


def _imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    return [
        n
        for n in tree.body
        if isinstance(n, ast.Import) or (isinstance(n, ast.ImportFrom) and n.level == 0)
    ]


def _top(node: ast.Import | ast.ImportFrom) -> str:
    name = node.names[0].name if isinstance(node, ast.Import) else (node.module or "")
    return name.split(".", maxsplit=1)[0]


def definition_place(tree: ast.Module, name: str) -> int | None:
    """The first line of the module's first class or function, where a new definition goes;
    None when there is none or `name` is already bound."""
    defined = [n for n in tree.body if isinstance(n, ast.ClassDef | ast.FunctionDef)]
    if not defined or name in module_names(tree) or any(n.name == name for n in defined):
        return None
    first = defined[0]
    return min([first.lineno, *(d.lineno for d in first.decorator_list)])


def uses_limits(texts: Iterable[str]) -> bool:
    return any(_USES_LIMITS.search(text) for text in texts)
