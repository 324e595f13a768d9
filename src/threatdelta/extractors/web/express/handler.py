"""One Express handler: find its function in this file and walk its body once, in source
order, tracking request data through local names and recording what it does."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.context import HandlerContext
from threatdelta.extractors.web.express.data_access import (
    DATA_ACCESS,
    mass_assignment_new,
    ownership_compare,
    response_fields,
)
from threatdelta.extractors.web.express.flow import Flow
from threatdelta.extractors.web.express.sinks import SINKS, constructed
from threatdelta.extractors.web.express.sql_lookup import sql_lookup
from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    Code,
    arguments,
    chain,
    field,
    identifier,
    parameter_name,
    parameters,
    strip,
    walk,
)
from threatdelta.model.elements import ParamLocation
from threatdelta.model.facts import CodeFact

_MAX_UNWRAP = 4


@dataclass(frozen=True, slots=True)
class HandlerRef:
    """The handler of a route: its function when it is in this file, and its name."""

    function: Node | None
    name: str


@dataclass(frozen=True, slots=True)
class HandlerFacts:
    facts: tuple[CodeFact, ...]
    fields: dict[ParamLocation, tuple[str, ...]]
    response_fields: tuple[str, ...]
    delegates: bool  # hands the request to code not analysed here (`ctrl.update(req, res)`)


def resolve_handler(node: Node | None, index: ModuleIndex) -> HandlerRef:
    """Inline functions, functions named in this file, `asyncHandler(fn)` wrappers and
    methods of object literals of this file; anything else (an imported controller) is
    named but not analysed."""
    for _ in range(_MAX_UNWRAP):
        node = strip(node)
        if node is None:
            break
        if node.type in FUNCTION_TYPES:
            return HandlerRef(node, identifier(node.child_by_field_name("name")) or "")
        if node.type == "call_expression":
            args = arguments(node)
            if not args:
                return HandlerRef(None, ".".join(chain(node)))
            node = args[-1]
            continue
        names = chain(node)
        if len(names) == 1:
            return HandlerRef(index.functions.get(names[0]), names[0])
        if len(names) == 2:
            return HandlerRef(_method_of(names, index), ".".join(names))
        break
    return HandlerRef(None, ".".join(chain(node)))


def _method_of(names: tuple[str, ...], index: ModuleIndex) -> Node | None:
    obj = strip(index.values.get(names[0]))
    if obj is None or obj.type != "object":
        return None
    for member in obj.named_children:
        if member.type == "method_definition":
            if identifier(member.child_by_field_name("name")) == names[1] or (
                (member.child_by_field_name("name") or member).text == names[1].encode()
            ):
                return member
        elif member.type == "pair":
            key = member.child_by_field_name("key")
            value = field(member, "value")
            if key is not None and key.text == names[1].encode() and value is not None:
                return value if value.type in FUNCTION_TYPES else None
    return None


def analyse_handler(
    fn: Node, index: ModuleIndex, code: Code, flow: Flow | None = None
) -> HandlerFacts:
    """Walk the body of `fn`; `flow` is what its names hold on entry (by default the
    Express reading: first parameter the request, second the response)."""
    flow = flow if flow is not None else Flow(fn, index)
    ctx = HandlerContext(code, index, flow)
    response: dict[str, None] = {}
    delegates = False
    body = fn.child_by_field_name("body")
    for node in walk(body) if body is not None else ():
        kind = node.type
        if kind in ("variable_declarator", "assignment_expression"):
            flow.step(node)
        elif kind in ("member_expression", "subscript_expression"):
            flow.note_access(node)
        elif kind == "catch_clause":
            name = identifier(node.child_by_field_name("parameter"))
            if name is not None:
                flow.errors.add(name)
        elif kind in FUNCTION_TYPES:
            _callback_errors(node, flow)
        elif kind == "call_expression":
            _call(node, ctx, response)
            delegates = delegates or _passes_request(node, flow)
        elif kind == "new_expression":
            callee = index.callee(node.child_by_field_name("constructor"))
            constructed(node, callee, ctx)
            mass_assignment_new(node, ctx)
        elif kind == "binary_expression":
            ownership_compare(node, ctx)
    fields = {loc: tuple(names) for loc, names in flow.fields.items()}
    return HandlerFacts(tuple(ctx.facts.values()), fields, tuple(response), delegates)


def _call(node: Node, ctx: HandlerContext, response: dict[str, None]) -> None:
    ctx.flow.note_access(node)
    callee = ctx.index.callee(node.child_by_field_name("function"))
    for detect in (*SINKS, *DATA_ACCESS, sql_lookup):
        detect(node, callee, ctx)
    response.update(dict.fromkeys(response_fields(node, callee, ctx)))
    if callee.last == "catch":
        args = arguments(node)
        fn = strip(args[0]) if args else None
        if fn is not None and fn.type in FUNCTION_TYPES:
            params = parameters(fn)
            name = parameter_name(params[0]) if params else None
            if name is not None:
                ctx.flow.errors.add(name)


def _passes_request(call: Node, flow: Flow) -> bool:
    """`controller.update(req, res)`: the request itself is handed to other code."""
    return flow.req is not None and any(identifier(a) == flow.req for a in arguments(call))


def _callback_errors(fn: Node, flow: Flow) -> None:
    """Node-style callbacks `(err, rows) => ...`: the first parameter holds the error."""
    params = parameters(fn)
    name = parameter_name(params[0]) if params else None
    if name in ("err", "error") and name is not None:
        flow.errors.add(name)
