"""Apollo resolver maps: `{ Query: { users: (parent, args, context) => ... }, Mutation:
{...}, Subscription: { x: { subscribe } } }` objects of the module, each field with its
function, its wrapper guards (`requireAuth(fn)`, `combineResolvers(isAuthenticated, fn)`)
and what its body does with `args` (client input) and `context` (the principal)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import MappingProxyType

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.flow import Flow
from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    arguments,
    chain,
    identifier,
    object_pairs,
    parameter_name,
    parameters,
    pattern_names,
    strip,
    walk,
)
from threatdelta.extractors.web.graphql.operations import Operation
from threatdelta.model.data_classes import name_words

_ROOTS = MappingProxyType(
    {
        "Query": Operation.QUERY,
        "Mutation": Operation.MUTATION,
        "Subscription": Operation.SUBSCRIPTION,
    }
)
_WHOLE_INPUT = frozenset({"input", "data", "payload", "args"})
_AUTH_WORDS = frozenset(
    {"auth", "authenticated", "authorized", "token", "jwt", "session", "role", "roles", "admin"}
)
_CALLER_WORDS = frozenset({"user", "viewer", "principal", "account", "me", "identity"})
_VERBS = frozenset({"require", "assert", "ensure", "check", "verify", "authenticate"})
_MAX_UNWRAP = 4


@dataclass(frozen=True)
class JsResolver:
    operation: Operation
    field: str
    anchor: Node  # the member of the resolver map
    function: Node | None
    wrappers: tuple[str, ...] = ()  # names of wrapper functions and guard arguments


def resolver_maps(
    index: ModuleIndex, skip: set[tuple[int, int]] | None = None
) -> Iterator[JsResolver]:
    """Every `Query:` / `Mutation:` / `Subscription:` object of the module but those whose
    byte span is in `skip` (permission maps)."""
    for pair in index.pairs:
        key = pair.child_by_field_name("key")
        operation = _ROOTS.get((key.text or b"").decode()) if key is not None else None
        value = strip(pair.child_by_field_name("value"))
        if operation is None or value is None:
            continue
        if value.type == "identifier":
            value = strip(index.values.get((value.text or b"").decode()))
        if value is None or value.type != "object":
            continue
        if skip and (value.start_byte, value.end_byte) in skip:
            continue
        for member in value.named_children:
            found = _member(member, operation, index)
            if found is not None:
                yield found


def _member(member: Node, operation: Operation, index: ModuleIndex) -> JsResolver | None:
    if member.type == "method_definition":
        method = _text(member.child_by_field_name("name") or member)
        return JsResolver(operation, method, member, member)
    if member.type == "shorthand_property_identifier":
        short = _text(member)
        return JsResolver(operation, short, member, index.functions.get(short))
    key = member.child_by_field_name("key") if member.type == "pair" else None
    if key is None:
        return None
    name = _text(key).strip("'\"")
    value = strip(member.child_by_field_name("value"))
    if value is not None and value.type == "object" and operation is Operation.SUBSCRIPTION:
        value = strip(object_pairs(value).get("subscribe"))
    fn, wrappers = _unwrap(value, index)
    return JsResolver(operation, name, member, fn, wrappers)


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")


def _unwrap(node: Node | None, index: ModuleIndex) -> tuple[Node | None, tuple[str, ...]]:
    wrappers: list[str] = []
    for _ in range(_MAX_UNWRAP):
        node = strip(node)
        if node is None:
            break
        if node.type in FUNCTION_TYPES:
            return node, tuple(wrappers)
        if node.type == "identifier":
            return index.functions.get((node.text or b"").decode()), tuple(wrappers)
        if node.type != "call_expression":
            break
        names = chain(node.child_by_field_name("function"))
        wrappers += names[-1:]
        args = arguments(node)
        wrappers += [n for n in (identifier(a) for a in args[:-1]) if n]
        node = args[-1] if args else None
    return None, tuple(wrappers)


def seeded_flow(fn: Node, index: ModuleIndex) -> Flow:
    """The flow of a resolver `(parent, args, context, info)`: `args` (or the names
    destructured from it) hold client input; `context` plays the request, so
    `context.user` reads the principal."""
    flow = Flow(fn, index)
    params = parameters(fn)
    flow.req = parameter_name(params[2]) if len(params) > 2 else None
    flow.res = None
    if len(params) > 2 and params[2].type == "object_pattern":
        flow.principal.update(local for _k, local, _r in pattern_names(params[2]))
    if len(params) > 1:
        args = params[1]
        name = parameter_name(args)
        if name is not None:
            flow.labels[name] = frozenset({"body"})
            flow.whole[name] = "body"
        elif args.type == "object_pattern":
            for key, local, rest in pattern_names(args):
                flow.labels[local] = frozenset({"body"})
                if rest or key in _WHOLE_INPUT:
                    flow.whole[local] = "body"
    return flow


def checks_caller(fn: Node, flow: Flow) -> bool:
    """The body throws when the context has no user (`if (!context.user) throw ...`), or
    calls a verifier such as `requireAuth(context)` as a statement."""
    for node in walk(fn):
        if node.type == "if_statement":
            condition = node.child_by_field_name("condition")
            consequence = node.child_by_field_name("consequence")
            if condition is None or consequence is None:
                continue
            throws = any(n.type == "throw_statement" for n in walk(consequence))
            reads_caller = flow.is_principal(condition) or _context_user(condition, flow)
            if throws and (reads_caller or _auth_words(condition)):
                return True
        elif node.type == "expression_statement":
            call = strip(node.named_children[0]) if node.named_children else None
            if call is not None and call.type == "call_expression":
                words = set(name_words(".".join(chain(call.child_by_field_name("function")))))
                if words & _VERBS and words & (_AUTH_WORDS | {"user", "login"}):
                    return True
    return False


def _context_user(condition: Node, flow: Flow) -> bool:
    """`context.currentUser`, `ctx.viewer`, `context.session.token`: the caller, read from
    the resolver's context."""
    for node in walk(condition):
        names = chain(node) if node.type == "member_expression" else ()
        if names and flow.req is not None and names[0] == flow.req:
            words = {w for n in names[1:] for w in name_words(n)}
            if words & (_AUTH_WORDS | _CALLER_WORDS):
                return True
    return False


def _auth_words(node: Node) -> bool:
    for inner in walk(node):
        if inner.type in ("identifier", "property_identifier") and (
            set(name_words((inner.text or b"").decode())) & _AUTH_WORDS
        ):
            return True
    return False
