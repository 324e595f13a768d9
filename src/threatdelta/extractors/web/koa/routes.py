"""Koa apps and routers of one module and what is registered on them, in source order:
`new Koa()`, `new Router({ prefix })` / `require('koa-router')()`, `router.prefix()`,
`router.get(path, ...mw, handler)`, `router.use(mw)`, `router.use('/x', child.routes())`
and `app.use(router.routes())`; middleware used on the app before a router is mounted
applies to its routes."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.middleware import Guard, GuardKind, by_name
from threatdelta.extractors.web.express.paths import ConstantText, to_template
from threatdelta.extractors.web.express.syntax import (
    arguments,
    chain,
    identifier,
    object_pairs,
    property_name,
    strip,
)

ROUTER_MODULES = frozenset({"@koa/router", "koa-router"})
METHODS = frozenset({"get", "post", "put", "patch", "delete", "del", "head", "options", "all"})
_AUTH_MODULES = {"koa-jwt": "jwt", "koa-passport": "session", "koa-basic-auth": "basic"}
_LIMIT_MODULES = frozenset({"koa-ratelimit", "koa2-ratelimit", "koa-rate-limit"})
_HELMET = frozenset({"koa-helmet"})


@dataclass(slots=True)
class KoaRouter:
    name: str
    is_app: bool
    node: Node
    prefix: str = ""
    guards: list[Guard] = field(default_factory=list)  # used before any route or mount


@dataclass(frozen=True, slots=True)
class RouteReg:
    router: str
    method: str
    path: str
    guards: tuple[Guard, ...]
    handler: Node | None
    call: Node


@dataclass(frozen=True, slots=True)
class MountReg:
    parent: str
    child: str
    prefix: str
    guards: tuple[Guard, ...]
    call: Node


@dataclass(slots=True)
class KoaTable:
    routers: dict[str, KoaRouter]
    routes: list[RouteReg] = field(default_factory=list)
    mounts: list[MountReg] = field(default_factory=list)
    helmet: bool = False
    unreadable: list[Node] = field(default_factory=list)


def find_routers(index: ModuleIndex) -> dict[str, KoaRouter]:
    found: dict[str, KoaRouter] = {}
    for decl in index.declarators:
        name = identifier(decl.child_by_field_name("name"))
        value = strip(decl.child_by_field_name("value"))
        if name is None or value is None or value.type not in ("new_expression", "call_expression"):
            continue
        target = value.child_by_field_name(
            "constructor" if value.type == "new_expression" else "function"
        )
        module = index.callee(target).module
        if module == "koa":
            found[name] = KoaRouter(name, True, value)
        elif module in ROUTER_MODULES:
            options = object_pairs(arguments(value)[0]) if arguments(value) else {}
            prefix = ConstantText(index).constant_text(options.get("prefix")) or ""
            found[name] = KoaRouter(name, False, value, to_template(prefix))
    return found


class KoaScanner:
    def __init__(self, index: ModuleIndex) -> None:
        self.index = index
        self.text = ConstantText(index)
        self.table = KoaTable(find_routers(index))
        self._used: dict[str, bool] = {}  # router name -> something registered already
        self._later: dict[str, list[Guard]] = {}  # middleware used after the first route

    def scan(self) -> KoaTable:
        for call in self.index.calls:
            fn = strip(call.child_by_field_name("function"))
            receiver = chain(fn.child_by_field_name("object")) if fn is not None else ()
            if fn is None or fn.type != "member_expression" or len(receiver) != 1:
                continue
            router = self.table.routers.get(receiver[0])
            if router is not None:
                self._call(call, router, property_name(fn), arguments(call))
        return self.table

    def _call(self, call: Node, router: KoaRouter, method: str, args: list[Node]) -> None:
        if method == "prefix" and args:
            router.prefix = to_template(self.text.constant_text(args[0]) or router.prefix)
        elif method == "use":
            self._use(call, router, args)
        elif method in METHODS and len(args) >= 2:
            self._route(call, router, method, args)

    def _route(self, call: Node, router: KoaRouter, method: str, args: list[Node]) -> None:
        if len(args) >= 3 and self.text.paths(args[1]) is not None:
            args = args[1:]  # a named route: router.get('user', '/users/:id', handler)
        paths = self.text.paths(args[0])
        if paths is None:
            self.table.unreadable.append(call)
            return
        own = [self.classify(a) for a in args[1:-1]]
        guards = (*self._later.get(router.name, []), *own)
        verb = {"del": "DELETE", "all": "ANY"}.get(method, method.upper())
        for path in paths:
            reg = RouteReg(router.name, verb, to_template(path), guards, args[-1], call)
            self.table.routes.append(reg)
        self._used[router.name] = True

    def _use(self, call: Node, router: KoaRouter, args: list[Node]) -> None:
        prefix = self.text.constant_text(args[0]) if args else None
        rest = args[1:] if prefix is not None else args
        for arg in rest:
            child = self._routes_of(arg)
            if child is not None:
                guards = tuple(self._later.get(router.name, []))
                mount = MountReg(router.name, child, to_template(prefix or ""), guards, call)
                self.table.mounts.append(mount)
                self._used[router.name] = True
            elif self._used.get(router.name):
                self._later.setdefault(router.name, []).append(self.classify(arg))
            else:
                router.guards.append(self.classify(arg))

    def _routes_of(self, node: Node) -> str | None:
        """`router.routes()` -> `router`."""
        call = strip(node)
        names = chain(call.child_by_field_name("function")) if call is not None else ()
        if len(names) == 2 and names[1] == "routes":
            return names[0]
        return None

    def classify(self, node: Node | None) -> Guard:
        node = strip(node)
        if node is None:
            return Guard(GuardKind.UNKNOWN)
        target = node.child_by_field_name("function") if node.type == "call_expression" else node
        names = chain(target)
        callee = self.index.callee(target)
        if names[-1:] == ("unless",):
            return Guard(GuardKind.UNKNOWN, names=("unless",))  # some paths are exempt
        if callee.module in _AUTH_MODULES:
            return Guard(GuardKind.AUTH, (_AUTH_MODULES[callee.module],), names[-1:])
        if callee.module in _LIMIT_MODULES:
            return Guard(GuardKind.RATE_LIMIT, names=names[-1:])
        if callee.module in _HELMET:
            self.table.helmet = True
            return Guard(GuardKind.PLAIN, names=names[-1:])
        name = names[-1] if names else ""
        guard = by_name(name) if name else Guard(GuardKind.UNKNOWN)
        return Guard(guard.kind, guard.schemes, (name,) if name else ())
