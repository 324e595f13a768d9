"""Is a function an authentication check? For `before_request` hooks, HTTP middleware and
decorators defined in the same module: it must look at a credential (session, current user,
token, Authorization header, API key) and reject the request (abort 401/403, raise, return
a 401/403 response, redirect to a login page)."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.guards import (
    AUTH_WORDS,
    NEUTRAL,
    PERMISSION_WORDS,
    UNKNOWN,
    Guard,
    GuardKind,
    name_words,
)
from threatdelta.extractors.web.python.imports import ImportTable
from threatdelta.extractors.web.python.syntax import (
    FunctionNode,
    const_str,
    descendants,
    dotted,
    int_value,
    kwarg,
    last_name,
)

_REJECT_STATUS = frozenset({401, 403})
_REJECT_NAMES = frozenset(
    {"Unauthorized", "Forbidden", "PermissionDenied", "NotAuthenticated", "AuthenticationFailed"}
)
_VERBS = frozenset({"verify", "check", "validate", "require", "ensure", "authenticate"})
_RAISING_VERIFIERS = frozenset(
    {"verify_jwt_in_request", "verify_jwt_refresh_token_in_request", "jwt_required"}
)


def _scheme(signals: set[str], fallback: str) -> str:
    for word, scheme in (
        ("jwt", "jwt"),
        ("current_user", "flask-login"),
        ("session", "session"),
        ("api_key", "apiKey"),
        ("apikey", "apiKey"),
        ("bearer", "bearer"),
        ("basic", "basic"),
    ):
        if word in signals:
            return scheme
    return fallback


def _status_of(node: ast.expr | None) -> int | None:
    if isinstance(node, ast.Tuple) and len(node.elts) >= 2:
        return int_value(node.elts[1])
    if isinstance(node, ast.Call):
        return int_value(kwarg(node, "status_code") or kwarg(node, "status"))
    return None


def rejects(node: ast.AST) -> bool:
    """Does this node turn the request away (401/403, raise, redirect to a login page)?"""
    if isinstance(node, ast.Call):
        name = last_name(node.func)
        if name == "abort" and node.args and int_value(node.args[0]) in _REJECT_STATUS:
            return True
        if name in _REJECT_NAMES or name in _RAISING_VERIFIERS or name == "unauthorized":
            return True
        if name == "HTTPException":
            status = int_value(kwarg(node, "status_code")) or (
                int_value(node.args[0]) if node.args else None
            )
            return status in _REJECT_STATUS
        if name == "redirect":
            return any("login" in (const_str(a) or "") or _mentions_login(a) for a in node.args)
        return _status_of(node) in _REJECT_STATUS
    if isinstance(node, ast.Raise) and node.exc is not None:
        name = last_name(node.exc)
        return name in _REJECT_NAMES or bool(name_words(name) & (AUTH_WORDS | PERMISSION_WORDS))
    if isinstance(node, ast.Return):
        return _status_of(node.value) in _REJECT_STATUS
    return False


def _mentions_login(node: ast.expr) -> bool:
    return any(
        "login" in (const_str(n) or "") for n in descendants(node) if isinstance(n, ast.expr)
    )


def _signals(node: ast.AST, imports: ImportTable) -> set[str]:
    if isinstance(node, ast.Name | ast.Attribute):
        qualified = imports.qualify(node)
        if qualified == "flask.session":
            return {"session"}
        return name_words(dotted(node) or "") & AUTH_WORDS
    text = const_str(node) if isinstance(node, ast.expr) else None
    if text is not None and len(text) < 40:
        return name_words(text) & (AUTH_WORDS | {"basic"})
    return set()


def _verifies(node: ast.AST) -> bool:
    """A call such as `verify_token(...)` / `check_auth(...)`: checks a credential and, by
    the usual convention, raises when it fails."""
    if not isinstance(node, ast.Call):
        return False
    found = name_words(last_name(node.func))
    return bool(found & _VERBS) and bool(found & AUTH_WORDS)


def classify_body(fn: FunctionNode | ast.ClassDef, imports: ImportTable) -> Guard:
    """AUTH when the function looks at a credential and rejects (or calls a verifier);
    NEUTRAL when it never turns a request away (a loader that only reads the session) or
    does nothing of the sort; UNKNOWN when it rejects for a reason we cannot name."""
    signals: set[str] = set()
    rejected = False
    for node in descendants(fn):
        signals |= _signals(node, imports)
        rejected = rejected or rejects(node) or _verifies(node)
        if isinstance(node, ast.Call) and last_name(node.func) in _RAISING_VERIFIERS:
            signals.add("jwt")
    if signals and rejected:
        kind = GuardKind.PERMISSION if _checks_role(fn) else GuardKind.AUTH
        return Guard(kind, _scheme(signals, getattr(fn, "name", "")))
    return UNKNOWN if rejected else NEUTRAL


def _checks_role(fn: FunctionNode | ast.ClassDef) -> bool:
    return bool(name_words(fn.name) & PERMISSION_WORDS)
