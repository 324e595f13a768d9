"""Express apps, routers, route registrations and mounts of one module, in source order.

`app.use(mw)` applies to what is registered after it: middleware used before the first
route or mount of a router is router-wide (its `RouterDecl`); a later one, or one with a
path prefix, is folded into the routes and mounts registered after it under that prefix."""

from __future__ import annotations

from dataclasses import dataclass, replace

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex, require_spec, resolve_module
from threatdelta.extractors.web.express.middleware import Classifier, Guard, GuardKind, by_name
from threatdelta.extractors.web.express.names import ROUTERISH
from threatdelta.extractors.web.express.paths import ConstantText, to_template
from threatdelta.extractors.web.express.routers import (
    METHODS,
    RouterVar,
    find_router_parameters,
    find_routers,
)
from threatdelta.extractors.web.express.syntax import (
    arguments,
    chain,
    field,
    identifier,
    property_name,
    strip,
)
from threatdelta.model.elements import normalize_path
from threatdelta.model.fragment import RouterRef
from threatdelta.model.link import module_of

_NOT_ROUTER_KINDS = frozenset({GuardKind.AUTH, GuardKind.PERMISSION, GuardKind.RATE_LIMIT})
_CONTROLS = frozenset({GuardKind.AUTH, GuardKind.PERMISSION})


@dataclass(frozen=True, slots=True)
class RouteReg:
    router: str
    method: str
    path: str
    guards: tuple[Guard, ...]  # the route's own middleware and the layers before it
    handler: Node | None
    call: Node
    anchor: Node  # the `get` of `router.get(`: the registration line


@dataclass(frozen=True, slots=True)
class MountReg:
    router: str
    prefix: str
    child: RouterRef
    guards: tuple[Guard, ...]
    call: Node


@dataclass(frozen=True, slots=True)
class RouterPlan:
    var: RouterVar
    guards: tuple[Guard, ...]  # router-wide: used before any route or mount
    uses: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class RouteTable:
    routers: tuple[RouterPlan, ...]
    routes: tuple[RouteReg, ...]
    mounts: tuple[MountReg, ...]
    unreadable: tuple[Node, ...]  # registrations whose path is not a literal


@dataclass(frozen=True, slots=True)
class _Site:
    """A registration call: on which router, which method, where."""

    key: str
    method: str
    call: Node
    anchor: Node


@dataclass(frozen=True, slots=True)
class _Layer:
    router: str
    prefix: str
    guards: tuple[Guard, ...]
    pos: int
    node: Node


class RouteScanner:
    """Collects the registrations of one module on its apps and routers."""

    def __init__(self, path: str, index: ModuleIndex, classifier: Classifier) -> None:
        self.path = path
        self.module = module_of(path)
        self.index = index
        self.classify = classifier
        self.routers = find_routers(index)
        self.routers.update(
            (k, v) for k, v in find_router_parameters(index).items() if k not in self.routers
        )
        self.text = ConstantText(index)
        self._layers: list[_Layer] = []
        self._routes: list[tuple[RouteReg, int]] = []
        self._mounts: list[tuple[MountReg, int]] = []
        self._unreadable: list[Node] = []

    def ref(self, key: str) -> RouterRef:
        var = self.routers.get(key)
        name = var.export if var is not None and var.export else self.index.exports.get(key, key)
        return RouterRef(module=self.module, name=name)

    def scan(self) -> RouteTable:
        if self.routers:
            for call in self.index.calls:
                self._registration(call)
        return self._table()

    def _registration(self, call: Node) -> None:
        fn = strip(call.child_by_field_name("function"))
        if fn is not None and fn.type != "member_expression":
            self._mount_call(call, fn)
        if fn is None or fn.type != "member_expression":
            return
        method = property_name(fn)
        receiver = field(fn, "object")
        anchor = fn.child_by_field_name("property") or call
        key = ".".join(chain(receiver)) if receiver is not None else ""
        if receiver is not None and receiver.type != "call_expression" and key in self.routers:
            args = arguments(call)
            if method == "use":
                self._use(key, args, call)
            elif method in METHODS and len(args) >= 2:
                self._route(_Site(key, method, call, anchor), args[0], args[1:])
        elif method in METHODS and method != "all" and receiver is not None:
            base = self._route_base(receiver)
            if base is not None:
                key, path_node, before = base
                self._route(_Site(key, method, call, anchor), path_node, arguments(call), before)

    def _route_base(self, node: Node) -> tuple[str, Node, tuple[Node, ...]] | None:
        """`router.route('/x').all(mw).get(h)`: the router, the path and the `.all` guards."""
        before: list[Node] = []
        current: Node | None = node
        while current is not None and current.type == "call_expression":
            fn = strip(current.child_by_field_name("function"))
            if fn is None or fn.type != "member_expression":
                return None
            prop, inner = property_name(fn), field(fn, "object")
            args = arguments(current)
            if prop == "route" and inner is not None and ".".join(chain(inner)) in self.routers:
                return (".".join(chain(inner)), args[0], tuple(before)) if args else None
            if prop == "all":
                before[:0] = args
            elif prop not in METHODS:
                return None
            current = inner
        return None

    def _route(
        self, site: _Site, path_node: Node, rest: list[Node], before: tuple[Node, ...] = ()
    ) -> None:
        key, method, call, anchor = site.key, site.method, site.call, site.anchor
        paths = self.text.paths(path_node)
        if paths is None:
            self._unreadable.append(call)
            return
        if not rest:
            return
        own = [g for n in (*before, *rest[:-1]) for g in self.classify.classify(n)]
        if method == "all" and any(p.endswith("*") for p in paths):
            prefix = paths[0].rstrip("*").rstrip("/")
            guards = own + self.classify.classify(rest[-1])
            self._layers.append(_Layer(key, prefix, tuple(guards), anchor.start_byte, call))
            return
        verb = "DELETE" if method == "del" else method.upper()
        for path in paths:
            reg = RouteReg(key, verb, to_template(path), tuple(own), rest[-1], call, anchor)
            self._routes.append((reg, anchor.start_byte))

    def _use(self, key: str, args: list[Node], call: Node) -> None:
        paths = self.text.paths(args[0]) if args and self.text.is_path_like(args[0]) else None
        rest = args[1:] if paths is not None else args
        if not rest:
            return
        prefix = to_template(paths[0]) if paths else ""
        child = self._mount_target(rest[-1], has_prefix=bool(paths))
        middleware = rest[:-1] if child is not None else rest
        guards = tuple(g for n in middleware for g in self.classify.classify(n))
        if prefix.strip("/*") == "":
            prefix = ""
        self._layers.append(_Layer(key, prefix, guards, call.start_byte, call))
        if child is not None:
            self._mounts.append((MountReg(key, prefix, child, guards, call), call.start_byte))

    def _mount_call(self, call: Node, fn: Node) -> None:
        """`require('./routes')(app)` or `registerRoutes(router)`: the imported function
        registers its routes on the router it is given (a mount without prefix)."""
        keys = [k for k in map(identifier, arguments(call)) if k is not None and k in self.routers]
        if not keys:
            return
        child = self._mount_target(fn, has_prefix=False)
        if (
            child is not None
            and child.module
            and (ROUTERISH.search(child.module) or child.name != "default")
        ):
            mount = MountReg(keys[0], "", child, (), call)
            self._mounts.append((mount, call.start_byte))

    def _mount_target(self, arg: Node, *, has_prefix: bool) -> RouterRef | None:
        node = strip(arg)
        if node is None:
            return None
        name = identifier(node)
        if name is not None:
            return self._named_target(name, has_prefix=has_prefix)
        spec = require_spec(node)
        if spec is not None:
            module = resolve_module(self.path, spec)
            return RouterRef(module=module, name="default") if module is not None else None
        factory = node.child_by_field_name("function")
        if node.type == "call_expression" and factory is not None:  # `require('./a')(passport)`
            made = self._mount_target(factory, has_prefix=False)
            return made if made is not None and _routerish(made) else None
        names = chain(node)
        bound = self.index.imports.get(names[0]) if len(names) == 2 else None
        if bound is not None and bound.name in ("*", "default"):
            module = resolve_module(self.path, bound.spec)
            if module is not None:
                return RouterRef(module=module, name=names[1])
        return None

    def _named_target(self, name: str, *, has_prefix: bool) -> RouterRef | None:
        if name in self.routers:
            return self.ref(name)
        bound = self.index.imports.get(name)
        if bound is None or bound.name == "*":
            return None
        module = resolve_module(self.path, bound.spec)
        if module is None or by_name(name).kind in _NOT_ROUTER_KINDS:
            return None
        segments = module.split("/")
        if any(s.startswith("middleware") for s in segments):
            return None
        if has_prefix or ROUTERISH.search(name) or ROUTERISH.search(segments[-1]):
            return RouterRef(module=module, name=bound.name)
        return None

    def _table(self) -> RouteTable:
        plans: list[RouterPlan] = []
        routes: list[RouteReg] = []
        mounts: list[MountReg] = []
        for key, var in self.routers.items():
            events = [p for r, p in self._routes if r.router == key]
            events += [p for m, p in self._mounts if m.router == key]
            first = min(events, default=1 << 62)
            layers = [la for la in self._layers if la.router == key]
            wide = [la for la in layers if la.prefix == "" and la.pos < first]
            later = [la for la in layers if la not in wide]
            guards = tuple(g for la in wide for g in la.guards)
            uses = tuple(la.node for la in wide if any(g.kind in _CONTROLS for g in la.guards))
            plans.append(RouterPlan(var, guards, uses))
            for reg, pos in self._routes:
                if reg.router == key:
                    extra = _applied(later, reg.path, pos)
                    routes.append(replace(reg, guards=(*reg.guards, *extra)))
            for mount, pos in self._mounts:
                if mount.router == key:
                    extra = _applied(later, mount.prefix, pos)
                    mounts.append(replace(mount, guards=(*mount.guards, *extra)))
        return RouteTable(tuple(plans), tuple(routes), tuple(mounts), tuple(self._unreadable))


def _routerish(ref: RouterRef) -> bool:
    return bool(ROUTERISH.search(ref.name)) or any(map(ROUTERISH.search, ref.module.split("/")))


def _applied(layers: list[_Layer], path: str, pos: int) -> list[Guard]:
    return [g for la in layers if la.pos < pos and _under(path, la.prefix) for g in la.guards]


def _under(path: str, prefix: str) -> bool:
    if not prefix:
        return True
    p, q = normalize_path(path), normalize_path(prefix)
    return q in ("/", p) or p.startswith(q + "/")
