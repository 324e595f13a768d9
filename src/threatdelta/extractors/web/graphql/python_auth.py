"""Is a Python resolver behind authentication? Its decorators (`@login_required`,
`@permission_required`), Strawberry `permission_classes=[IsAuthenticated]`, and checks in
its body (`if not info.context.user.is_authenticated: raise ...`, `require_auth(info)`)."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.graphql.python_fields import PyResolver
from threatdelta.extractors.web.python.decorators import classify_decorator
from threatdelta.extractors.web.python.guards import (
    AUTH_WORDS,
    Controls,
    Guard,
    GuardKind,
    guard_by_name,
    name_words,
    summarize,
)
from threatdelta.extractors.web.python.hooks import classify_body
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import descendants, dotted, last_name

_PRINCIPAL_ATTRS = frozenset({"is_authenticated", "is_anonymous", "user", "current_user"})


def resolver_controls(resolver: PyResolver, index: ModuleIndex) -> Controls:
    guards = [classify_decorator(d, index) for d in resolver.guards]
    guards += [_permission_class(p) for p in resolver.permission_classes]
    if resolver.function is not None:
        guards.append(_body_guard(resolver, index))
    return summarize(guards)


def guard_names(resolver: PyResolver) -> tuple[str, ...]:
    names = [last_name(d) for d in resolver.guards]
    names += [last_name(p) for p in resolver.permission_classes]
    return tuple(dict.fromkeys(n for n in names if n))


def _permission_class(node: ast.expr) -> Guard:
    name = last_name(node)
    guard = guard_by_name(name)
    if guard.kind is GuardKind.UNKNOWN and name.startswith(("Is", "Has", "Can")):
        return Guard(GuardKind.PERMISSION, name)  # IsOwner, HasScope: a check of the caller
    return guard


def _body_guard(resolver: PyResolver, index: ModuleIndex) -> Guard:
    fn = resolver.function
    assert fn is not None
    found = classify_body(fn, index.imports)
    if found.kind in (GuardKind.AUTH, GuardKind.PERMISSION):
        return found
    for node in descendants(fn):
        if isinstance(node, ast.If) and _principal_test(node.test) and _rejects(node.body):
            return Guard(GuardKind.AUTH, "context")
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            guard = guard_by_name(last_name(node.value.func))
            if guard.kind in (GuardKind.AUTH, GuardKind.PERMISSION):
                return guard  # a statement such as `require_login(info)`
    return found  # NEUTRAL, or UNKNOWN when it rejects for a reason we cannot name


def _principal_test(test: ast.expr) -> bool:
    for node in descendants(test):
        if isinstance(node, ast.Attribute) and node.attr in _PRINCIPAL_ATTRS:
            return True
        if isinstance(node, ast.Name) and name_words(node.id) & AUTH_WORDS:
            return True
        if isinstance(node, ast.Constant) and node.value in ("user", "current_user"):
            return True  # info.context["user"]
        if isinstance(node, ast.Call) and name_words(dotted(node.func) or "") & AUTH_WORDS:
            return True
    return False


def _rejects(body: list[ast.stmt]) -> bool:
    return any(isinstance(s, ast.Raise | ast.Return) for s in body)
