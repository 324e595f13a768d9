"""Fastify registrations of one module: routes (`app.get(path, opts, handler)`,
`app.route({...})`), hooks (`addHook`), plugins (`register(plugin, { prefix })`) and the
ecosystem plugins that are controls (`@fastify/rate-limit`, `@fastify/helmet`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.body_limits import describe, is_raised, limit_bytes
from threatdelta.extractors.web.express.bindings import ModuleIndex, require_spec, resolve_module
from threatdelta.extractors.web.express.middleware import Guard, GuardKind
from threatdelta.extractors.web.express.paths import ConstantText, to_template
from threatdelta.extractors.web.express.syntax import (
    Code,
    arguments,
    chain,
    identifier,
    object_pairs,
    property_name,
    string_value,
    strip,
)
from threatdelta.extractors.web.fastify.instances import Instance
from threatdelta.extractors.web.fastify.options import HOOKS, hook_guards
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import RouterRef

METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "all"})
_RATE_LIMIT = frozenset({"@fastify/rate-limit", "fastify-rate-limit"})
_HELMET = frozenset({"@fastify/helmet", "fastify-helmet"})


@dataclass(frozen=True, slots=True)
class RouteReg:
    owner: Instance
    methods: tuple[str, ...]
    path: str
    options: dict[str, Node]
    handler: Node | None
    call: Node


@dataclass(frozen=True, slots=True)
class PluginMount:
    owner: Instance
    child: RouterRef
    prefix: str
    call: Node


@dataclass(slots=True)
class Registrations:
    routes: list[RouteReg] = field(default_factory=list)
    mounts: list[PluginMount] = field(default_factory=list)
    hooks: dict[RouterRef, list[Guard]] = field(default_factory=dict)
    facts: list[CodeFact] = field(default_factory=list)
    helmet: bool = False
    unreadable: list[Node] = field(default_factory=list)


class Scanner:
    def __init__(self, code: Code, index: ModuleIndex, plugins: dict[int, Instance]) -> None:
        self.code = code
        self.index = index
        self.plugins = plugins
        self.text = ConstantText(index)
        self.out = Registrations()

    def object_of(self, node: Node | None) -> dict[str, Node]:
        """The pairs of an object literal written in place or held by a module name."""
        name = identifier(node)
        return object_pairs(self.index.values.get(name) if name is not None else node)

    def call(self, call: Node, owner: Instance) -> None:
        fn = strip(call.child_by_field_name("function"))
        method = property_name(fn) if fn is not None else ""
        args = arguments(call)
        if method in METHODS and args:
            self._shorthand(call, owner, method, args)
        elif method == "route" and args:
            self._route(call, owner, self.object_of(args[0]))
        elif method == "addHook" and len(args) > 1 and string_value(args[0]) in HOOKS:
            self.out.hooks.setdefault(owner.ref, []).extend(hook_guards(args[1]))
        elif method == "register" and args:
            self._register(call, owner, args)

    def _shorthand(self, call: Node, owner: Instance, method: str, args: list[Node]) -> None:
        options = self.object_of(args[1]) if len(args) > 2 else {}
        if len(args) == 2 and "handler" in self.object_of(args[1]):
            options = self.object_of(args[1])
        handler = options.get("handler") or (args[-1] if len(args) > 1 else None)
        verbs = ("ANY",) if method == "all" else (method.upper(),)
        self._add(call, owner, verbs, path_node=args[0], options=options, handler=handler)

    def _route(self, call: Node, owner: Instance, options: dict[str, Node]) -> None:
        method = strip(options.get("method"))
        names = [method] if method is None or method.type != "array" else method.named_children
        verbs = tuple(v.upper() for v in map(string_value, names) if v)
        url = options.get("url") or options.get("path")
        if verbs and url is not None:
            self._add(
                call, owner, verbs, path_node=url, options=options, handler=options.get("handler")
            )

    def _add(
        self,
        call: Node,
        owner: Instance,
        verbs: tuple[str, ...],
        *,
        path_node: Node,
        options: dict[str, Node],
        handler: Node | None,
    ) -> None:
        paths = self.text.paths(path_node)
        if paths is None:
            self.out.unreadable.append(call)
            return
        self.limit(options.get("bodyLimit"), "bodyLimit")
        for path in paths:
            reg = RouteReg(owner, verbs, to_template(path), options, handler, call)
            self.out.routes.append(reg)

    def _register(self, call: Node, owner: Instance, args: list[Node]) -> None:
        plugin = strip(args[0])
        options = self.object_of(args[1]) if len(args) > 1 else {}
        module = self._package(plugin)
        if module in _RATE_LIMIT:
            scope = strip(options.get("global"))
            if scope is None or scope.type != "false":
                limited = Guard(GuardKind.RATE_LIMIT, names=("rateLimit",))
                self.out.hooks.setdefault(owner.ref, []).append(limited)
            return
        if module in _HELMET:
            self.out.helmet = True
            return
        child = self._plugin_ref(plugin)
        if child is not None:
            prefix = self.text.constant_text(options.get("prefix")) or ""
            self.out.mounts.append(PluginMount(owner, child, to_template(prefix), call))

    def _package(self, plugin: Node | None) -> str:
        spec = require_spec(plugin)
        if spec is not None:
            return spec
        name = identifier(plugin)
        bound = self.index.imports.get(name) if name is not None else None
        return bound.spec if bound is not None else ""

    def _plugin_ref(self, plugin: Node | None) -> RouterRef | None:
        """A local plugin: imported from a relative module, `require('./x')`,
        `import('./x')`, or a function of this module."""
        spec = require_spec(plugin) or _dynamic_import(plugin)
        if spec is not None:
            module = resolve_module(self.code.path, spec)
            return RouterRef(module=module, name="default") if module is not None else None
        local = self.plugins.get(plugin.id) if plugin is not None else None
        name = identifier(plugin)
        if local is None and name is not None and name in self.index.functions:
            local = self.plugins.get(self.index.functions[name].id)
        if local is not None:
            return local.ref
        bound = self.index.imports.get(name) if name is not None else None
        if bound is not None:
            module = resolve_module(self.code.path, bound.spec)
            if module is None:
                return None
            return RouterRef(module=module, name="default" if bound.name == "*" else bound.name)
        return None

    def limit(self, node: Node | None, name: str) -> None:
        size = limit_bytes(node)
        if node is None or size is None or not is_raised(size):
            return
        self.out.facts.append(
            CodeFact(
                kind=FactKind.BODY_LIMIT_RAISED,
                location=self.code.location(node),
                name=name,
                from_input=Tri.NO,
                detail=f"request body limit {name} set to {describe(size)}",
            )
        )


def _dynamic_import(node: Node | None) -> str | None:
    """`import('./routes')` (tree-sitter reads it as a call of `import`)."""
    node = strip(node)
    if node is None or node.type != "call_expression":
        return None
    fn = node.child_by_field_name("function")
    if fn is None or fn.type != "import":
        return None
    args = arguments(node)
    return string_value(args[0]) if args else None


def receiver_of(call: Node) -> str | None:
    fn = strip(call.child_by_field_name("function"))
    if fn is None or fn.type != "member_expression":
        return None
    names = chain(fn.child_by_field_name("object"))
    return names[0] if len(names) == 1 else None
