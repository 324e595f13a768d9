"""Object-level authorisation inside a handler: objects loaded by a client-supplied id,
ownership checks against the principal, inline role/permission guards, and request data
copied into a model wholesale (mass assignment)."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.guards import name_words
from threatdelta.extractors.web.python.hooks import rejects
from threatdelta.extractors.web.python.syntax import callee, descendants, dotted, last_name
from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind

_GET_BY_ID = frozenset({"get", "get_or_404", "one_or_404"})
_FILTERS = frozenset({"filter_by", "filter", "where", "get_object_or_404", "get_or_404"})
_PERMISSION_CALL_WORDS = frozenset(
    {
        "permission",
        "permissions",
        "authorize",
        "authorized",
        "can_access",
        "has_access",
        "check_access",
        "is_owner",
        "ensure_owner",
        "owns",
    }
)
_PERMISSION_HINTS = ("perm", "auth", "access", "own")
_MODEL_FACTORIES = frozenset({"create", "update", "get_or_create", "update_or_create", "insert"})


def _id_like(name: str) -> bool:
    lowered = name.lower()
    return lowered in ("id", "pk", "uuid", "slug") or lowered.endswith(("_id", "_pk", "_uuid"))


def object_lookup(call: ast.Call, ctx: ScanContext, name: str) -> None:
    text = callee(call.func)
    receiver = text.rpartition(".")[0]
    query = ".query." in text or text.endswith(".query")  # not Django's `.queryset`
    if name in _GET_BY_ID and (query or receiver.endswith("session") or receiver == "db"):
        ident = call.args[0] if query or len(call.args) < 2 else call.args[1]
        if call.args and ctx.env.of(ident) is Tri.YES:
            ctx.add(FactKind.OBJECT_LOOKUP_BY_ID, call, text, Tri.YES, "object loaded by id")
        return
    django = ".objects" in text or "queryset" in text  # Manager / QuerySet `.get(pk=...)`
    if name not in _FILTERS and not (name == "get" and django):
        return
    for keyword in call.keywords:
        if keyword.arg and _id_like(keyword.arg) and ctx.env.of(keyword.value) is Tri.YES:
            ctx.add(FactKind.OBJECT_LOOKUP_BY_ID, call, text, Tri.YES, f"filtered by {keyword.arg}")
            return
    for condition in call.args:
        if isinstance(condition, ast.Compare) and len(condition.comparators) == 1:
            column = last_name(condition.left)
            value = condition.comparators[0]
            if _id_like(column) and ctx.env.of(value) is Tri.YES:
                ctx.add(FactKind.OBJECT_LOOKUP_BY_ID, call, text, Tri.YES, f"filtered by {column}")
                return


def ownership_keywords(call: ast.Call, ctx: ScanContext, name: str) -> None:
    """`filter_by(owner_id=current_user.id)`: the query is limited to the principal's rows."""
    if name in _FILTERS or name in ("get", "find", "find_one", "filter_by_owner"):
        _owner_filter(call, ctx)
    lowered = name.lower()
    if any(w in lowered for w in _PERMISSION_HINTS) and name_words(name) & _PERMISSION_CALL_WORDS:
        ctx.permission_guard = True


def _owner_filter(call: ast.Call, ctx: ScanContext) -> None:
    for keyword in call.keywords:
        if keyword.arg and ctx.env.is_principal(keyword.value):
            ctx.add(
                FactKind.OWNERSHIP_CHECK, call, keyword.arg, Tri.NO, "filtered by the principal"
            )


def ownership_compare(node: ast.Compare, ctx: ScanContext) -> None:
    """`note.owner_id != current_user.id`: an object compared with the principal."""
    operands = [node.left, *node.comparators]
    principals = [o for o in operands if ctx.env.is_principal(o)]
    others = [o for o in operands if o not in principals and not _literal(o)]
    if principals and others:
        name = dotted(others[0]) or callee(others[0])
        ctx.add(FactKind.OWNERSHIP_CHECK, node, name, Tri.NO, "compared with the principal")


def _literal(node: ast.expr) -> bool:
    """A constant or a container of constants: `role in ("admin", "staff")` is a role
    check, not an ownership check."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return all(isinstance(e, ast.Constant) for e in node.elts)
    return isinstance(node, ast.Constant)


def inline_guard(stmt: ast.If, ctx: ScanContext) -> None:
    """`if not current_user.is_staff: abort(403)`: a role or permission check."""
    if not any(ctx.env.is_principal(n) for n in descendants(stmt.test) if isinstance(n, ast.expr)):
        return
    if any(rejects(n) for s in stmt.body for n in descendants(s)):
        ctx.permission_guard = True


def mass_assignment(call: ast.Call, ctx: ScanContext, name: str) -> None:
    text = callee(call.func)
    model_like = name[:1].isupper() or name in _MODEL_FACTORIES or "__dict__" in text
    if not model_like or name in ("dict", "Response", "JSONResponse"):
        return
    spread = [k.value for k in call.keywords if k.arg is None]
    whole = spread + (call.args[:1] if name == "update" else [])
    for value in whole:
        source = ctx.env.raw_source(value)
        if source is not None:
            ctx.add(
                FactKind.MASS_ASSIGNMENT,
                call,
                text,
                Tri.YES,
                f"request {source} copied into {text}",
            )
            return


def setattr_loop(stmt: ast.For | ast.AsyncFor, ctx: ScanContext) -> None:
    """`for k, v in data.items(): setattr(obj, k, v)` over request data."""
    source = stmt.iter
    if isinstance(source, ast.Call) and last_name(source.func) == "items":
        source = source.func.value if isinstance(source.func, ast.Attribute) else source
    origin = ctx.env.raw_source(source)
    if origin is None:
        return
    for node in (n for s in stmt.body for n in descendants(s)):
        if isinstance(node, ast.Call) and dotted(node.func) == "setattr":
            ctx.add(
                FactKind.MASS_ASSIGNMENT,
                node,
                "setattr",
                Tri.YES,
                f"every key of the request {origin} set on the object",
            )
            return
