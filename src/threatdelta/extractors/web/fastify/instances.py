"""Where the Fastify instances of a module are: `Fastify()` / `require('fastify')()` apps,
and plugin functions `async (fastify, opts) => {...}` whose first parameter routes are
registered on, named by how the module exports them (`default` for `export default`,
`module.exports =` and `fp(...)`-wrapped plugins)."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    chain,
    field,
    identifier,
    parameter_name,
    parameters,
    strip,
)
from threatdelta.model.fragment import RouterRef
from threatdelta.model.link import module_of

_MAX_UNWRAP = 3


@dataclass(frozen=True, slots=True)
class Instance:
    """An app (`is_app`) or a plugin: the name routes are registered on and its node."""

    name: str
    ref: RouterRef
    is_app: bool
    node: Node


def find_apps(path: str, index: ModuleIndex) -> dict[str, Instance]:
    apps: dict[str, Instance] = {}
    for decl in index.declarators:
        value = field(decl, "value")
        name = identifier(decl.child_by_field_name("name"))
        if name is None or value is None or value.type != "call_expression":
            continue
        callee = index.callee(value.child_by_field_name("function"))
        if callee.module == "fastify" and len(callee.names) <= 1:
            apps[name] = Instance(name, RouterRef(module=module_of(path), name=name), True, value)
    return apps


def exported_plugins(root: Node, index: ModuleIndex) -> dict[int, str]:
    """Function node id -> the export name of a plugin function of this module."""
    out: dict[int, str] = {}
    for child in root.named_children:
        if child.type == "export_statement":
            is_default = any(c.type == "default" for c in child.children)
            value = child.child_by_field_name("value") or child.child_by_field_name("declaration")
            fn = _function(value, index)
            if fn is not None:
                name = identifier(fn.child_by_field_name("name")) or "default"
                out[fn.id] = "default" if is_default else name
    for node in index.assignments:
        if chain(node.child_by_field_name("left")) == ("module", "exports"):
            fn = _function(field(node, "right"), index)
            if fn is not None:
                out[fn.id] = "default"
    return out


def _function(node: Node | None, index: ModuleIndex) -> Node | None:
    """The plugin function behind an exported value (through `fp(fn, opts)` wrappers)."""
    for _ in range(_MAX_UNWRAP):
        node = strip(node)
        if node is None:
            return None
        if node.type in FUNCTION_TYPES:
            return node
        name = identifier(node)
        if name is not None:
            return index.functions.get(name)
        if node.type != "call_expression":
            return None
        args = node.child_by_field_name("arguments")
        node = args.named_children[0] if args is not None and args.named_children else None
    return None


def plugin_of(fn: Node, path: str, exports: dict[int, str]) -> Instance | None:
    """The plugin a function is, when its first parameter is the instance."""
    params = parameters(fn)
    name = parameter_name(params[0]) if params else None
    if name is None:
        return None
    export = exports.get(fn.id, f"plugin@{fn.start_point.row + 1}")
    return Instance(name, RouterRef(module=module_of(path), name=export), False, fn)


def owner(call: Node, receiver: str, plugins: dict[int, Instance]) -> Instance | None:
    """The innermost plugin function around `call` whose instance parameter is `receiver`."""
    current = call.parent
    while current is not None:
        found = plugins.get(current.id)
        if found is not None and found.name == receiver:
            return found
        current = current.parent
    return None
