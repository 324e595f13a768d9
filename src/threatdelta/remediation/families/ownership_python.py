"""The principal and the refusal a Python view already has at hand, for an ownership check:
Flask-Login `current_user` with `abort(403)`, the FastAPI parameter bound to the current-user
dependency with `raise HTTPException(status_code=403)`, Django `request.user` with
`raise PermissionDenied`; the names imported when the module lacks them."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.auth_guard_python import bound_names, import_line
from threatdelta.remediation.families.python_imports import parse_module
from threatdelta.remediation.families.source_file import SourceFile

_CURRENT_USER = re.compile(r"current_?user|auth|token|principal", re.IGNORECASE)


@dataclass(frozen=True)
class Principal:
    expression: str  # `current_user`, `user`, `request.user`
    refusal: str  # the statement that answers 403
    module: str  # where the refusal's name is imported from
    name: str  # the name the refusal needs


def check_edits(
    source: SourceFile, line: int, variable: str, owner: tuple[str, str], files: Mapping[str, str]
) -> tuple[TextEdit, ...]:
    """`if <variable>.<field> != <principal>.<attribute>: <refuse>` after line `line`."""
    tree = parse_module(source.text)
    principal = _principal(tree, line) if tree else None
    if tree is None or principal is None:
        return ()
    indent, unit = indentation(source.line(line)), source.style.indent_unit
    field, attribute = owner
    check = TextEdit(
        path=source.path,
        start=line + 1,
        end=line,
        lines=(
            f"{indent}if {variable}.{field} != {principal.expression}.{attribute}:",
            f"{indent}{unit}{principal.refusal}",
        ),
    )
    if principal.name in bound_names(tree):
        return (check,)
    imported = _name_import(source, tree, principal, files)
    return () if imported is None else (imported, check)


def _principal(tree: ast.Module, line: int) -> Principal | None:
    imported = {n.module for n in tree.body if isinstance(n, ast.ImportFrom) and n.module}
    if "flask_login" in imported and "current_user" in bound_names(tree):
        return Principal("current_user", "abort(403)", "flask", "abort")
    view = _function_at(tree, line)
    if view is None:
        return None
    if any(m.startswith("fastapi") for m in imported):
        name = _dependency_parameter(view)
        refusal = "raise HTTPException(status_code=403)"
        return Principal(name, refusal, "fastapi", "HTTPException") if name else None
    arguments = [a.arg for a in view.args.args]
    if any(m.startswith("django") for m in imported) and arguments[:1] in (["request"], ["self"]):
        expression = "request.user" if arguments[0] == "request" else "self.request.user"
        return Principal(
            expression, "raise PermissionDenied", "django.core.exceptions", "PermissionDenied"
        )
    return None


def _function_at(tree: ast.Module, line: int) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    found = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        and n.lineno <= line <= (n.end_lineno or n.lineno)
    ]
    return min(found, key=lambda n: (n.end_lineno or n.lineno) - n.lineno) if found else None


def _dependency_parameter(view: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The parameter whose default is `Depends(<current-user dependency>)`."""
    arguments = [*view.args.args, *view.args.kwonlyargs]
    defaults = [
        *([None] * (len(view.args.args) - len(view.args.defaults))),
        *view.args.defaults,
        *view.args.kw_defaults,
    ]
    for argument, default in zip(arguments, defaults, strict=False):
        if (
            isinstance(default, ast.Call)
            and isinstance(default.func, ast.Name)
            and default.func.id == "Depends"
            and default.args
            and _CURRENT_USER.search(ast.unparse(default.args[0]))
        ):
            return argument.arg
    return ""


def _name_import(
    source: SourceFile, tree: ast.Module, principal: Principal, files: Mapping[str, str]
) -> TextEdit | None:
    """`name` added to the module's one-line `from module import ...`, else a new line."""
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == principal.module and not node.level:
            if node.lineno != node.end_lineno or any(a.asname for a in node.names):
                return None
            names = sorted([*(a.name for a in node.names), principal.name])
            text = f"from {principal.module} import {', '.join(names)}"
            return TextEdit(path=source.path, start=node.lineno, end=node.lineno, lines=(text,))
    return import_line(source, tree, f"from {principal.module} import {principal.name}", files)
