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
    """An insertion of `import module` (None when the module already imports it): among the
    plain imports in name order, else before the first `from` import, else after the
    docstring and `__future__` imports."""
    if has_import(tree, module):
        return None
    line = f"import {module}"
    plain = [n for n in tree.body if isinstance(n, ast.Import)]
    after = [n for n in plain if n.names[0].name > module]
    if after:
        return TextEdit(path=path, start=after[0].lineno, end=after[0].lineno - 1, lines=(line,))
    if plain:
        last = plain[-1].end_lineno or plain[-1].lineno
        return TextEdit(path=path, start=last + 1, end=last, lines=(line,))
    froms = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module != "__future__"]
    if froms:
        first = froms[0]
        stdlib = (first.module or "").partition(".")[0] in sys.stdlib_module_names
        lines = (line,) if stdlib and not first.level else (line, "")
        return TextEdit(path=path, start=first.lineno, end=first.lineno - 1, lines=lines)
    return _after_preamble(path, tree, line)


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
