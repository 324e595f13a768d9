"""Classify the decorators of a route handler: authentication, permission, rate limit,
limit exemption, neutral (known not to be a control) or unknown."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.guards import (
    NEUTRAL,
    UNKNOWN,
    Guard,
    GuardKind,
    guard_by_name,
)
from threatdelta.extractors.web.python.hooks import classify_body
from threatdelta.extractors.web.python.module_index import ModuleIndex, VarKind
from threatdelta.extractors.web.python.syntax import dotted, is_true, kwarg

_PACKAGE_SCHEMES = (
    ("flask_login.", "flask-login"),
    ("flask_jwt_extended.", "jwt"),
    ("flask_jwt.", "jwt"),
    ("flask_praetorian.", "jwt"),
    ("flask_security.", "session"),
    ("flask_httpauth.", "basic"),
)
_LIMITER_KINDS = (VarKind.FLASK_LIMITER, VarKind.SLOWAPI_LIMITER)


def _limiter_guard(func: ast.expr, index: ModuleIndex) -> Guard | None:
    """`@limiter.limit(...)`, `@limiter.shared_limit(...)`, `@limiter.exempt`."""
    if not isinstance(func, ast.Attribute):
        return None
    receiver = dotted(func.value) or ""
    if index.kind(func.value) not in _LIMITER_KINDS and "limiter" not in receiver.lower():
        return None
    if func.attr in ("limit", "shared_limit"):
        return Guard(GuardKind.RATE_LIMIT)
    if func.attr == "exempt":
        return Guard(GuardKind.LIMIT_EXEMPT)
    return None


def _scheme(func: ast.expr, index: ModuleIndex, name: str) -> str:
    qualified = index.imports.qualify(func)
    for package, scheme in _PACKAGE_SCHEMES:
        if qualified.startswith(package):
            return scheme
    if isinstance(func, ast.Attribute):  # @auth.login_required on an HTTPTokenAuth()
        binding = index.bindings.get(dotted(func.value) or "")
        if binding is not None and binding.scheme:
            return binding.scheme
    return name


def classify_decorator(node: ast.expr, index: ModuleIndex) -> Guard:
    func = node.func if isinstance(node, ast.Call) else node
    name = dotted(func)
    if name is None:
        return UNKNOWN
    limiter = _limiter_guard(func, index)
    if limiter is not None:
        return limiter
    if index.imports.qualify(func) == "starlette.authentication.requires":
        return Guard(GuardKind.AUTH, "requires")
    if isinstance(node, ast.Call) and is_true(kwarg(node, "optional")):
        return NEUTRAL  # @jwt_required(optional=True) lets anonymous callers through
    by_name = guard_by_name(name, _scheme(func, index, name))
    if isinstance(node, ast.Call) and by_name.kind is GuardKind.AUTH and kwarg(node, "role"):
        return Guard(GuardKind.PERMISSION, by_name.scheme)
    if by_name.kind is not GuardKind.UNKNOWN:
        return by_name
    local = index.functions.get(name)
    if local is not None and not index.imports.imported(name):
        return classify_body(local, index.imports)
    return UNKNOWN


def is_cors_decorator(node: ast.expr, index: ModuleIndex) -> bool:
    func = node.func if isinstance(node, ast.Call) else node
    return index.imports.qualify(func) in (
        "flask_cors.cross_origin",
        "flask_cors.decorator.cross_origin",
    )
