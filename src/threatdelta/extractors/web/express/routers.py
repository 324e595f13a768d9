"""Where a module's Express apps and routers come from: `express()`, `express.Router()`,
and exported functions that register routes on a parameter (`module.exports = (app) =>
{ app.get(...) }`), named after their export so an importer calling them can mount them."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.syntax import (
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
    pairs = [(d.child_by_field_name("name"), field(d, "value")) for d in index.declarators]
    pairs += [(a.child_by_field_name("left"), field(a, "right")) for a in index.assignments]
    for target, value in pairs:
        if value is None or value.type != "call_expression":
            continue
        qualified = index.callee(value.child_by_field_name("function")).qualified
        is_app = qualified == "express"
        if is_app or qualified in ("express.Router", "Router"):
            key = ".".join(chain(target))
            if key and key not in found:
                found[key] = RouterVar(key, is_app, value)
    return found


def find_router_parameters(index: ModuleIndex) -> dict[str, RouterVar]:
    """Parameters of exported functions that routes are registered on."""
    found: dict[str, RouterVar] = {}
    named = [(fn, index.exports[n]) for n, fn in index.functions.items() if n in index.exports]
    for fn, export in [*index.exported_functions, *named]:
        for param in map(parameter_name, parameters(fn)):
            if param and param not in found and _registers_on(fn, param):
                found[param] = RouterVar(param, is_app=False, node=fn, export=export)
    return found


def _registers_on(fn: Node, name: str) -> bool:
    body = fn.child_by_field_name("body")
    for node in walk(body) if body is not None else ():
        if node.type == "call_expression":
            callee = strip(node.child_by_field_name("function"))
            if callee is not None and callee.type == "member_expression":
                receiver = chain(field(callee, "object"))
                if receiver == (name,) and property_name(callee) in _REGISTERS:
                    return True
    return False
