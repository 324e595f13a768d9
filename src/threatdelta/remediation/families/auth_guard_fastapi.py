"""The project's authentication dependency on a FastAPI route: `dependencies=[Depends(x)]`
on the route decorator, with `Depends` and the dependency imported when the module lacks
them (the dependency the way another module of the repository imports it)."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.auth_guard_python import (
    bound_names,
    guard_import_edit,
    import_line,
    view_at,
)
from threatdelta.remediation.families.python_calls import set_keywords
from threatdelta.remediation.families.python_imports import parse_module
from threatdelta.remediation.families.source_file import SourceFile

_ROUTES = frozenset({"get", "post", "put", "patch", "delete", "api_route"})


def dependency_edits(
    source: SourceFile, line: int, guard: str, files: Mapping[str, str]
) -> tuple[TextEdit, ...]:
    tree = parse_module(source.text)
    view = view_at(tree, line) if tree else None
    route = _route_decorator(view) if view else None
    if tree is None or route is None or any(k.arg == "dependencies" for k in route.keywords):
        return ()
    text = source.line(route.lineno)
    new = set_keywords(text, route, {"dependencies": f"[Depends({guard})]"})
    edits = [TextEdit(path=source.path, start=route.lineno, end=route.lineno, lines=(new,))]
    bound = bound_names(tree)
    if "Depends" not in bound:
        depends = _depends_import(source, tree, files)
        if depends is None:
            return ()
        edits.append(depends)
    if guard not in bound:
        imported = guard_import_edit(source, tree, guard, files)
        if imported is None or any(e.start == imported.start for e in edits[1:]):
            return ()
        edits.append(imported)
    return tuple(sorted(edits, key=lambda e: e.start))


def _route_decorator(view: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.Call | None:
    for decorator in view.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr in _ROUTES
            and decorator.lineno == decorator.end_lineno
        ):
            return decorator
    return None


def _depends_import(
    source: SourceFile, tree: ast.Module, files: Mapping[str, str]
) -> TextEdit | None:
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "fastapi" and not node.level:
            if node.lineno != node.end_lineno or any(a.asname for a in node.names):
                return None
            names = sorted([*(a.name for a in node.names), "Depends"])
            line = f"from fastapi import {', '.join(names)}"
            return TextEdit(path=source.path, start=node.lineno, end=node.lineno, lines=(line,))
    return import_line(source, tree, "from fastapi import Depends", files)
