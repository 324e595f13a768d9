"""Where a module's Express apps and routers come from: `express()`, `express.Router()`,
and exported functions that register routes on a parameter (`module.exports = (app) =>
{ app.get(...) }`), named after their export so an importer calling them can mount them."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.syntax import (
    arguments,
    chain,
    field,
    parameter_name,
    parameters,
    property_name,
    strip,
    walk,
)

METHODS = frozenset({"get", "post", "put", "patch", "delete", "del", "head", "options", "all"})
_REGISTERS = METHODS | {"use", "route"}


@dataclass(frozen=True, slots=True)
class RouterVar:
    """`app = express()` or `router = express.Router()`; `key` is the name as written."""

    key: str
    is_app: bool
    node: Node
    export: str = ""  # the name importers use, for a router that is a parameter


def find_routers(index: ModuleIndex) -> dict[str, RouterVar]:
    found: dict[str, RouterVar] = {}
    pairs = [(d.child_by_field_name("name"), _assigned(d, "value")) for d in index.declarators]
    pairs += [(a.child_by_field_name("left"), _assigned(a, "right")) for a in index.assignments]
    for target, value in pairs:
        if value is None or value.type != "call_expression":
            continue
        qualified = index.callee(value.child_by_field_name("function")).qualified
        is_app = qualified == "express"
        if is_app or qualified in ("express.Router", "Router"):
            key = ".".join(chain(target))
            if key and key not in found and not key.startswith(("module.exports", "exports.")):
                found[key] = RouterVar(key, is_app, value)
    for fn, export in exported_functions(index):
        for key in _returned(fn, found):
            found[key] = RouterVar(key, found[key].is_app, found[key].node, export)
    return found


def exported_functions(index: ModuleIndex) -> list[tuple[Node, str]]:
    """Functions the module exports, with the name an importer uses."""
    named = [(fn, index.exports[n]) for n, fn in index.functions.items() if n in index.exports]
    return [*index.exported_functions, *named]


def _returned(fn: Node, routers: dict[str, RouterVar]) -> list[str]:
    """Routers a factory returns: `return router;`."""
    body = fn.child_by_field_name("body")
    out: list[str] = []
    for node in walk(body) if body is not None else ():
        if node.type == "return_statement" and node.named_children:
            key = ".".join(chain(node.named_children[0]))
            if key in routers:
                out.append(key)
    return out


def _assigned(node: Node, name: str) -> Node | None:
    """The value stored, through chained assignments (`a = module.exports = express()`)."""
    value = field(node, name)
    while value is not None and value.type == "assignment_expression":
        value = field(value, "right")
    return value


def find_router_parameters(index: ModuleIndex) -> dict[str, RouterVar]:
    """Parameters of exported functions that routes are registered on."""
    found: dict[str, RouterVar] = {}
    for fn, export in exported_functions(index):
        for param in map(parameter_name, parameters(fn)):
            if param and param not in found and _registers_on(fn, param):
                found[param] = RouterVar(param, is_app=False, node=fn, export=export)
    return found


def _registers_on(fn: Node, name: str) -> bool:
    """Does `fn` call `name.get('/path', handler)`, `name.use(...)` or `name.route('/x')`?"""
    body = fn.child_by_field_name("body")
    for node in walk(body) if body is not None else ():
        if node.type != "call_expression":
            continue
        callee = strip(node.child_by_field_name("function"))
        if callee is None or callee.type != "member_expression":
            continue
        if chain(field(callee, "object")) != (name,):
            continue
        method, args = property_name(callee), arguments(node)
        first = strip(args[0]) if args else None
        path_first = first is not None and first.type in ("string", "template_string", "array")
        if method == "use" or (method in _REGISTERS and path_first and len(args) >= 2):
            return True
        if method == "route" and path_first:
            return True
    return False
