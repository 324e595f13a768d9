"""The controls a Fastify route or hook states in code: `onRequest` / `preHandler` /
`preValidation` hooks (`fastify.authenticate`, `fastify.auth([...])`, a function calling
`request.jwtVerify()`), `config.rateLimit`, `schema.body` and a route's `bodyLimit`."""

from __future__ import annotations

from dataclasses import replace

from tree_sitter import Node

from threatdelta.extractors.web.express.middleware import PLAIN, Guard, GuardKind, by_name
from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    chain,
    object_pairs,
    strip,
    walk,
)
from threatdelta.model.base import Tri

HOOKS = frozenset({"onRequest", "preParsing", "preValidation", "preHandler"})
_VERIFY = frozenset({"jwtVerify", "verify", "verifyJWT", "verifyToken", "authenticate"})
_LIMITED = Guard(GuardKind.RATE_LIMIT, names=("rateLimit",))


def hook_guards(node: Node | None) -> list[Guard]:
    """Guards of a hook value: one function, a call, or an array of them."""
    node = strip(node)
    if node is None:
        return []
    if node.type == "array":
        return [g for item in node.named_children for g in hook_guards(item)]
    if node.type in FUNCTION_TYPES:
        return [_inline(node)]
    target = node.child_by_field_name("function") if node.type == "call_expression" else node
    names = chain(target)
    if not names:
        return []
    guard = by_name(names[-1])
    return [replace(guard, names=(names[-1],))]


def _inline(fn: Node) -> Guard:
    """An inline hook that verifies a token (`await request.jwtVerify()`)."""
    for node in walk(fn):
        if node.type == "call_expression":
            names = chain(node.child_by_field_name("function"))
            if names and names[-1] in _VERIFY:
                scheme = "jwt" if "jwt" in names[-1].lower() else names[-1]
                return Guard(GuardKind.AUTH, (scheme,))
    return PLAIN


def route_guards(options: dict[str, Node]) -> list[Guard]:
    guards = [g for key in sorted(HOOKS & options.keys()) for g in hook_guards(options[key])]
    config = object_pairs(options.get("config"))
    limit = strip(config.get("rateLimit"))
    if limit is not None and limit.type != "false":
        guards.append(_LIMITED)
    return guards


def body_schema(schema: Node | None, method: str) -> Tri:
    """YES with a `schema.body`; NO for a state-changing route without a schema object or
    with one that has no body; UNKNOWN when the schema is not an object literal here."""
    node = strip(schema)
    if node is not None and node.type != "object":
        return Tri.UNKNOWN
    if node is not None and "body" in object_pairs(node):
        return Tri.YES
    return Tri.NO if method in ("POST", "PUT", "PATCH") else Tri.UNKNOWN
