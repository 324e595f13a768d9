"""The project's DRF permission class on a view class that opens itself: `permission_classes
= [AllowAny]` becomes `[IsAuthenticated]` (the class the service's other views use), or the
attribute is added when the class has none; `AllowAny` leaves the imports when this was its
only use."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.auth_guard_python import bound_names, guard_import_edit
from threatdelta.remediation.families.python_imports import parse_module
from threatdelta.remediation.families.source_file import SourceFile

_OPEN = "AllowAny"


def permission_edits(
    source: SourceFile, line: int, guard: str, files: Mapping[str, str]
) -> tuple[TextEdit, ...]:
    tree = parse_module(source.text)
    view = _class_at(tree, line) if tree else None
    if tree is None or view is None or not view.body:
        return ()
    edits = [*_permission_line(source, view, guard)]
    if not edits:
        return ()
    if guard not in bound_names(tree):
        imported = guard_import_edit(source, tree, guard, files)
        if imported is None:
            return ()
        edits.append(imported)
    edits.extend(_unused_open_import(source, tree, edits))
    starts = [e.start for e in edits]
    return tuple(sorted(edits, key=lambda e: e.start)) if len(set(starts)) == len(starts) else ()


def _class_at(tree: ast.Module, line: int) -> ast.ClassDef | None:
    for node in tree.body:
        first = (
            min([d.lineno for d in node.decorator_list] + [node.lineno])
            if isinstance(node, ast.ClassDef)
            else 0
        )
        if isinstance(node, ast.ClassDef) and first <= line <= node.lineno:
            return node
    return None


def _permission_line(source: SourceFile, view: ast.ClassDef, guard: str) -> list[TextEdit]:
    for statement in view.body:
        if (
            isinstance(statement, ast.Assign)
            and any(
                isinstance(t, ast.Name) and t.id == "permission_classes" for t in statement.targets
            )
            and statement.lineno == statement.end_lineno
        ):
            text = source.line(statement.lineno)
            if guard in text or _OPEN not in text:
                return []
            new = re.sub(rf"\b{_OPEN}\b", guard, text, count=1)
            return [
                TextEdit(
                    path=source.path, start=statement.lineno, end=statement.lineno, lines=(new,)
                )
            ]
    first = view.body[0].lineno
    if isinstance(view.body[0], ast.Expr):  # the docstring stays first
        first = (view.body[0].end_lineno or first) + 1
    indent = indentation(source.line(view.body[0].lineno))
    return [
        TextEdit(
            path=source.path,
            start=first,
            end=first - 1,
            lines=(f"{indent}permission_classes = [{guard}]",),
        )
    ]


def _unused_open_import(
    source: SourceFile, tree: ast.Module, edits: list[TextEdit]
) -> list[TextEdit]:
    if len(re.findall(rf"\b{_OPEN}\b", source.text)) != 2:
        return []
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom) or node.lineno != node.end_lineno:
            continue
        names = [a.name for a in node.names]
        if _OPEN in names and not any(e.start == node.lineno for e in edits):
            rest = [n for n in names if n != _OPEN]
            lines = (f"from {node.module} import {', '.join(rest)}",) if rest else ()
            return [TextEdit(path=source.path, start=node.lineno, end=node.lineno, lines=lines)]
    return []
