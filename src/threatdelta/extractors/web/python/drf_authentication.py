"""DRF authenticators that switch CSRF checks off: a `SessionAuthentication` subclass
whose `enforce_csrf` does nothing (the "CsrfExemptSessionAuthentication" recipe). The class
gives a csrf-disabled fact on the module's service; a view of the same module that lists
it in `authentication_classes` gets one too (see `django_endpoints`)."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.syntax import last_name
from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind


def _does_nothing(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Only a docstring, `pass`, `...` or a bare `return` / `return None`."""
    for stmt in fn.body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        if isinstance(stmt, ast.Return) and (stmt.value is None or _is_none(stmt.value)):
            continue
        return False
    return True


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def csrf_exempt_authenticators(tree: ast.Module, ctx: ScanContext) -> frozenset[str]:
    """Names of the module's session authenticators that skip the CSRF check."""
    found: set[str] = set()
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        if not any(last_name(b) == "SessionAuthentication" for b in cls.bases):
            continue
        for fn in cls.body:
            if (
                isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
                and fn.name == "enforce_csrf"
                and _does_nothing(fn)
            ):
                detail = f"{cls.name}.enforce_csrf does nothing"
                ctx.add(FactKind.CSRF_DISABLED, fn, cls.name, Tri.NO, detail)
                found.add(cls.name)
    return frozenset(found)
