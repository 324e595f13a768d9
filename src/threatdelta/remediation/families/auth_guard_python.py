"""The project's authentication decorator on a Flask or Django view, below its route
decorator, imported the way another module of the repository imports it."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Mapping

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.python_imports import parse_module
from threatdelta.remediation.families.source_file import SourceFile


def decorator_edits(
    source: SourceFile, line: int, guard: str, files: Mapping[str, str]
) -> tuple[TextEdit, ...]:
    tree = parse_module(source.text)
    view = view_at(tree, line) if tree else None
    if tree is None or view is None or any(_named(d) == guard for d in view.decorator_list):
        return ()
    indent = indentation(source.line(view.lineno))
    decorator = TextEdit(
        path=source.path, start=view.lineno, end=view.lineno - 1, lines=(f"{indent}@{guard}",)
    )
    edits = [decorator, *_csrf_exemption(source, view)]
    if guard not in bound_names(tree):
        imported = guard_import_edit(source, tree, guard, files)
        if imported is None:
            return ()
        edits.append(imported)
    return tuple(sorted(edits, key=lambda e: e.start))


def _csrf_exemption(
    source: SourceFile, view: ast.FunctionDef | ast.AsyncFunctionDef
) -> list[TextEdit]:
    """Drop `@csrf_exempt`: a view that now takes the session cookie needs CSRF protection."""
    return [
        TextEdit(path=source.path, start=d.lineno, end=d.lineno, lines=())
        for d in view.decorator_list
        if _named(d) == "csrf_exempt" and d.lineno == d.end_lineno
    ]


def view_at(tree: ast.Module, line: int) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([d.lineno for d in node.decorator_list] + [node.lineno])
            if first <= line <= node.lineno:
                return node
    return None


def _named(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def bound_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update(a.asname or a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def guard_import_edit(
    source: SourceFile, tree: ast.Module, guard: str, files: Mapping[str, str]
) -> TextEdit | None:
    """`from module import guard`, the module taken from another file that imports it:
    added to this file's import of that module, else on a line of its own after the
    imports."""
    module = _module_of(guard, files)
    if module is None:
        return None
    for node in tree.body:
        single = node.lineno == node.end_lineno
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == module
            and node.level == 0
            and single
        ):
            names = sorted(
                [
                    *(a.name if not a.asname else f"{a.name} as {a.asname}" for a in node.names),
                    guard,
                ]
            )
            text = f"from {module} import {', '.join(names)}"
            return TextEdit(path=source.path, start=node.lineno, end=node.lineno, lines=(text,))
    return import_line(source, tree, f"from {module} import {guard}", files)


def import_line(
    source: SourceFile, tree: ast.Module, line: str, files: Mapping[str, str]
) -> TextEdit | None:
    """`from module import name` where isort puts it: before the first `from` import of the
    same section with a later module name, else after the module's last import (a blank
    line before it when it opens the next section)."""
    imports = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    if not imports:
        return None
    module = line.split()[1]
    section = _section(module, files)
    for node in imports:
        name = node.module or "" if isinstance(node, ast.ImportFrom) and not node.level else ""
        if name > module and _section(name, files) == section:
            return TextEdit(path=source.path, start=node.lineno, end=node.lineno - 1, lines=(line,))
    last = imports[-1]
    before = last.names[0].name if isinstance(last, ast.Import) else last.module or ""
    opens = section > _section(before, files)
    end = last.end_lineno or last.lineno
    return TextEdit(
        path=source.path, start=end + 1, end=end, lines=("", line) if opens else (line,)
    )


def _section(module: str, files: Mapping[str, str]) -> int:
    """isort's order of sections: standard library, third party, first party."""
    top = module.split(".", maxsplit=1)[0]
    if not top:
        return 2
    if top in sys.stdlib_module_names:
        return 0
    local = any(p == f"{top}.py" or p.startswith(f"{top}/") or f"/{top}/" in p for p in files)
    return 2 if local else 1


def _module_of(guard: str, files: Mapping[str, str]) -> str | None:
    pattern = re.compile(rf"^from ([\w.]+) import [^\n(]*\b{re.escape(guard)}\b", re.MULTILINE)
    modules = sorted(
        {
            m.group(1)
            for path, text in files.items()
            if path.endswith(".py")
            for m in pattern.finditer(text)
        }
    )
    return modules[0] if modules else None
