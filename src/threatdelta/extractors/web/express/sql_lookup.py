"""Objects loaded by id with parameterised SQL: `db.query('SELECT ... WHERE id = $1',
[req.params.id])` is a lookup by a client-supplied id; a `user_id = $2` bound to
`req.user.id` in the same statement is an ownership check."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import Callee
from threatdelta.extractors.web.express.context import HandlerContext
from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    arguments,
    identifier,
    string_value,
    strip,
)
from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind

_METHODS = frozenset(
    {"query", "execute", "get", "all", "one", "oneOrNone", "any", "many", "manyOrNone", "none"}
)
_WHERE = re.compile(r"\bwhere\b([\s\S]*)", re.IGNORECASE)
_COMPARE = re.compile(r"([\w.\"`\[\]]+)\s*=\s*(?:\$\d+|\?|:\w+|@\w+)")
_OWNER = re.compile(r"^(user|owner|account|author|customer|tenant|member)_?id$|^created_?by$", re.I)


def _columns(sql: str) -> list[str]:
    where = _WHERE.search(sql)
    if where is None:
        return []
    names = (m.group(1).rsplit(".", 1)[-1].strip('"`[]') for m in _COMPARE.finditer(where[1]))
    return [n for n in names if n.lower() == "id" or n.lower().endswith(("_id", "id"))]


def sql_lookup(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    if callee.last not in _METHODS or len(callee.names) < 2:
        return
    args = arguments(call)
    first = strip(args[0]) if args else None
    name = identifier(first)
    sql = ctx.index.strings.get(name) if name is not None else string_value(first)
    params = [a for a in args[1:] if (strip(a) or a).type not in FUNCTION_TYPES]
    columns = _columns(sql) if sql is not None else []
    if not columns or not any(ctx.flow.labels_of(p) for p in params):
        return
    owners = [c for c in columns if _OWNER.match(c)]
    if owners and any(ctx.flow.is_principal(p) for p in params):
        detail = f"the statement filters by {owners[0]} of the authenticated user"
        ctx.add(FactKind.OWNERSHIP_CHECK, call, owners[0], Tri.NO, detail)
    if any(c not in owners for c in columns):
        label = ".".join(callee.names)
        detail = f"{label} loads a row by an id taken from the request"
        ctx.add(FactKind.OBJECT_LOOKUP_BY_ID, call, label, Tri.YES, detail)
