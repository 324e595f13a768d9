"""Handler facts about data and accountability: ORM calls, objects loaded by a client id,
ownership checks against `req.user`, request bodies copied into models, audit logging and
error text sent back to the client."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import Callee
from threatdelta.extractors.web.express.context import HandlerContext
from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    arguments,
    chain,
    identifier,
    object_pairs,
    property_name,
    strip,
    walk,
)
from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind

_CREATE = frozenset({"create", "build", "insertMany", "bulkCreate", "createMany", "insertOne"})
_CREATE |= {"insert", "save"}
_BY_ID = frozenset(
    {"findById", "findByPk", "findByIdAndUpdate", "findByIdAndDelete", "findByIdAndRemove"}
)
_FILTERED = frozenset(
    {
        "find",
        "findOne",
        "findAll",
        "findMany",
        "findUnique",
        "findUniqueOrThrow",
        "findFirst",
        "findFirstOrThrow",
        "findOneBy",
        "findBy",
        "findOneOrFail",
        "findAndCountAll",
        "findOneAndUpdate",
        "findOneAndDelete",
        "findOneAndRemove",
        "update",
        "updateOne",
        "updateMany",
        "delete",
        "deleteOne",
        "deleteMany",
        "destroy",
        "remove",
        "count",
        "countDocuments",
        "exists",
        "upsert",
    }
)
_ORM = _CREATE | _BY_ID | _FILTERED | {"aggregate", "increment", "decrement", "distinct"}
_MASS = frozenset({"set", "merge", "replaceOne", "updateOne", "updateMany", "upsert"})
_MASS |= {"create", "build", "insertMany", "bulkCreate", "createMany", "insertOne", "save"}
_MASS |= {"update", "findByIdAndUpdate", "findOneAndUpdate", "insert"}
_MONGO_FILTER_FIRST = frozenset(
    {"find", "findOne", "findOneAndUpdate", "findOneAndDelete", "updateOne", "updateMany"}
    | {"deleteOne", "deleteMany", "countDocuments", "exists", "findOneAndRemove"}
)
_LOGGER_ROOTS = frozenset({"logger", "log", "logging", "winston", "pino", "bunyan", "audit"})
_LOG_MODULES = frozenset({"winston", "pino", "bunyan", "log4js", "signale", "loglevel"})
_CONSOLE_LEVELS = frozenset({"log", "info", "warn", "error"})
_AUDIT_TEXT = re.compile(rb"\s*audit\b", re.IGNORECASE)
_RESPOND = frozenset({"send", "json", "jsonp", "end", "write"})
_COMPARE = frozenset({"===", "!==", "==", "!="})


def orm_query(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    if callee.last not in _ORM or not ctx.is_model(callee):
        return
    args = arguments(call)
    first = strip(args[0]) if args else None
    if first is not None and first.type in FUNCTION_TYPES:
        return  # Array.prototype.find
    name = ".".join(callee.names)
    ctx.add(FactKind.ORM_QUERY, call, name, ctx.flow.from_input(*args) if args else Tri.NO)


def filters(callee: Callee, args: list[Node]) -> Iterator[Node]:
    """The filter objects of an ORM call: `where: {...}` anywhere in the arguments, or the
    first argument of a MongoDB-style query."""
    found = False
    for arg in args:
        where = object_pairs(arg).get("where")
        if where is not None and strip(where) is not None:
            found = True
            yield where
    if not found and callee.last in _MONGO_FILTER_FIRST and args:
        yield args[0]


def _is_id_key(key: str) -> bool:
    return key in ("id", "_id", "uuid", "slug") or key.endswith(("Id", "_id", "ID"))


def object_lookup(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    args = arguments(call)
    if not args:
        return
    if callee.last in _BY_ID:
        candidates = [args[0]]
    elif callee.last in _FILTERED and ctx.is_model(callee):
        candidates = [
            value
            for where in filters(callee, args)
            for key, value in object_pairs(where).items()
            if _is_id_key(key)
        ]
        for where in filters(callee, args):
            for key, value in object_pairs(where).items():
                if ctx.flow.is_principal(value):
                    detail = f"filtered by {key} of the authenticated user"
                    ctx.add(FactKind.OWNERSHIP_CHECK, call, key, Tri.NO, detail)
    else:
        return
    tainted = [c for c in candidates if ctx.flow.labels_of(c) and not ctx.flow.is_principal(c)]
    if tainted:
        detail = f"{'.'.join(callee.names)} loads an object by an id taken from the request"
        ctx.add(FactKind.OBJECT_LOOKUP_BY_ID, call, ".".join(callee.names), Tri.YES, detail)


def ownership_compare(node: Node, ctx: HandlerContext) -> None:
    """`order.userId !== req.user.id` (either side, any equality operator)."""
    op = node.child_by_field_name("operator")
    if op is None or (op.text or b"").decode() not in _COMPARE:
        return
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    mine_left, mine_right = ctx.flow.is_principal(left), ctx.flow.is_principal(right)
    other = (
        right if mine_left and not mine_right else left if mine_right and not mine_left else None
    )
    if other is not None and not ctx.flow.constant(other):
        ctx.add(FactKind.OWNERSHIP_CHECK, node, _describe(other, ctx), Tri.NO, _OWN)


_OWN = "compared with the authenticated user"


def ownership_call(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    """`order.owner.equals(req.user._id)`."""
    args = arguments(call)
    if callee.last != "equals" or len(callee.names) < 2 or not args:
        return
    mine = ctx.flow.is_principal(args[0])
    if mine and not ctx.flow.is_principal(call.child_by_field_name("function")):
        name = ".".join(callee.names[:-1])
        ctx.add(FactKind.OWNERSHIP_CHECK, call, name, Tri.NO, _OWN)


def _describe(node: Node | None, ctx: HandlerContext) -> str:
    names = chain(node)
    if names:
        return ".".join(n for n in names if n not in ("toString", "valueOf"))
    return " ".join(ctx.code.text(node).split())[:60] if node is not None else ""


def mass_assignment(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    args = arguments(call)
    flow = ctx.flow
    if callee.names == ("Object", "assign") and len(args) >= 2:
        target = strip(args[0])
        if target is not None and target.type != "object" and any(map(flow.is_whole, args[1:])):
            ctx.add(FactKind.MASS_ASSIGNMENT, call, "Object.assign", Tri.YES, _MASS_DETAIL)
        return
    if callee.last not in _MASS or not ctx.is_model(callee):
        return
    data = [object_pairs(a).get("data") for a in args]
    if any(map(flow.is_whole, args)) or any(flow.is_whole(d) for d in data if d is not None):
        name = ".".join(callee.names)
        ctx.add(FactKind.MASS_ASSIGNMENT, call, name, Tri.YES, _MASS_DETAIL)


_MASS_DETAIL = "the request body is copied into a model as a whole"


def mass_assignment_new(node: Node, ctx: HandlerContext) -> None:
    ctor = identifier(node.child_by_field_name("constructor"))
    args = arguments(node)
    if ctor and ctor[:1].isupper() and args and ctx.flow.is_whole(args[0]):
        ctx.add(FactKind.MASS_ASSIGNMENT, node, f"new {ctor}", Tri.YES, _MASS_DETAIL)


def audit_log(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    names = callee.names
    if not names:
        return
    if names[0] == "console":
        args = arguments(call)
        if _console_audit(names, args):
            ctx.add(FactKind.AUDIT_LOG, call, ".".join(names), ctx.flow.from_input(*args))
        return
    root = names[0]
    logger = len(names) >= 2 and (
        root in _LOGGER_ROOTS
        or root.lower().endswith("logger")
        or callee.module.removeprefix("node:") in _LOG_MODULES
        or (root == ctx.flow.req and names[1] == "log")
        or (root == "this" and names[1] in ("logger", "log"))
    )
    if logger or any(n.lower().startswith("audit") for n in names):
        name = ".".join(names)
        ctx.add(FactKind.AUDIT_LOG, call, name, ctx.flow.from_input(*arguments(call)))


def _console_audit(names: tuple[str, ...], args: list[Node]) -> bool:
    """`console.info(...)` (or log, warn, error) writing an audit event: Node's own logger
    counts when the line says it is one, a bare `console.log('done')` does not."""
    return len(names) == 2 and names[1] in _CONSOLE_LEVELS and any(map(_audit_event, args))


def _audit_event(node: Node | None) -> bool:
    """A string starting with `audit`, an object with an `audit` key, or
    `JSON.stringify` of such an object."""
    node = strip(node)
    if node is None:
        return False
    if node.type in ("string", "template_string"):
        return _AUDIT_TEXT.match((node.text or b"")[1:]) is not None
    callee = chain(node.child_by_field_name("function")) if node.type == "call_expression" else ()
    if callee == ("JSON", "stringify"):
        args = arguments(node)
        return bool(args) and _audit_event(args[0])
    return "audit" in object_pairs(node)


def error_text(call: Node, callee: Callee, ctx: HandlerContext) -> None:
    """`res.status(500).json({ error: err.message })`: exception text sent to the client."""
    names = callee.names
    if len(names) < 2 or names[0] != ctx.flow.res or names[-1] not in _RESPOND:
        return
    for arg in arguments(call):
        for node in walk(arg):
            leaked = _leaked_error(node, ctx)
            if leaked:
                detail = f"{leaked} sent in {names[0]}.{names[-1]}"
                ctx.add(FactKind.ERROR_TEXT_RETURNED, call, leaked, Tri.UNKNOWN, detail)
                return


def _leaked_error(node: Node, ctx: HandlerContext) -> str:
    if node.type not in ("identifier", "shorthand_property_identifier"):
        return ""
    name = (node.text or b"").decode()
    if name not in ctx.flow.errors:
        return ""
    parent = node.parent
    if (
        parent is not None
        and parent.type == "member_expression"
        and parent.child_by_field_name("object") == node
    ):
        prop = property_name(parent)
        if prop in ("message", "stack"):
            return f"{name}.{prop}"
        return name if prop == "toString" else ""
    return name


def response_fields(call: Node, callee: Callee, ctx: HandlerContext) -> tuple[str, ...]:
    names = callee.names
    if len(names) >= 2 and names[0] == ctx.flow.res and names[-1] in ("json", "send", "jsonp"):
        args = arguments(call)
        if args:
            return tuple(object_pairs(args[-1]))
    return ()


DATA_ACCESS = (orm_query, object_lookup, ownership_call, mass_assignment, audit_log, error_text)
