"""Add a top-level `import x` to a Python module where an isort-style reader expects it."""

from __future__ import annotations

import ast
import sys

from threatdelta.findings.edit import TextEdit


def has_import(tree: ast.Module, module: str) -> bool:
    return any(
        isinstance(node, ast.Import) and any(a.name == module and not a.asname for a in node.names)
        for node in tree.body
    )


def import_edit(path: str, tree: ast.Module, module: str) -> TextEdit | None:
    """An insertion of `import module` (a standard-library module; None when the module
    already imports it) where isort puts it: among the standard-library plain imports in
    name order, else before the standard-library `from` imports, else above the first
    import with a blank line, else after the docstring and `__future__` imports."""
    if has_import(tree, module):
        return None
    line = f"import {module}"
    imports = [
        n
        for n in tree.body
        if isinstance(n, ast.Import) or (isinstance(n, ast.ImportFrom) and n.module != "__future__")
    ]
    stdlib = [n for n in imports if _top(n) in sys.stdlib_module_names]
    plain = [n for n in stdlib if isinstance(n, ast.Import)]
    after = [n for n in plain if n.names[0].name > module]
    if after:
        return _before(path, after[0], (line,))
    if plain:
        last = plain[-1].end_lineno or plain[-1].lineno
        return TextEdit(path=path, start=last + 1, end=last, lines=(line,))
    if stdlib:
        return _before(path, stdlib[0], (line,))
    if imports:
        return _before(path, imports[0], (line, ""))
    return _after_preamble(path, tree, line)


def _top(node: ast.Import | ast.ImportFrom) -> str:
    if isinstance(node, ast.Import):
        return node.names[0].name.partition(".")[0]
    return "" if node.level else (node.module or "").partition(".")[0]


def _before(path: str, node: ast.stmt, lines: tuple[str, ...]) -> TextEdit:
    return TextEdit(path=path, start=node.lineno, end=node.lineno - 1, lines=lines)


def _after_preamble(path: str, tree: ast.Module, line: str) -> TextEdit:
    last = 0
    for node in tree.body:
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        if not (docstring or future):
            break
        last = node.end_lineno or node.lineno
    lines = ("", line) if last else (line, "")
    return TextEdit(path=path, start=last + 1, end=last, lines=lines)


def parse_module(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return None
