"""Finding routers, groups, middleware, routes and mounts in one Go file, function by
function, with the names each function binds (a chi `Route` callback's parameter is the
subrouter; a function's router parameter is a router declared to the linker)."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.golang.imports import Framework, Imports, is_standard
from threatdelta.extractors.web.golang.registrations import guard_of, registration
from threatdelta.extractors.web.golang.routers import Guard, MountReg, Router, RouteReg
from threatdelta.extractors.web.golang.syntax import (
    arguments,
    assigned_names,
    callee,
    chain,
    function_name,
    parameters,
    string_value,
    strip,
    text_of,
)
from threatdelta.model.fragment import RouterRef
from threatdelta.model.link import module_of

_CONSTRUCTORS = {
    Framework.GIN: frozenset({"Default", "New"}),
    Framework.ECHO: frozenset({"New"}),
    Framework.CHI: frozenset({"NewRouter", "NewMux"}),
    Framework.GORILLA: frozenset({"NewRouter"}),
    Framework.NET_HTTP: frozenset({"NewServeMux"}),
}
_ENGINES = frozenset({Framework.GIN, Framework.ECHO})  # never mounted under another router
_PARAM_TYPES = {
    Framework.GIN: ("RouterGroup", "Engine", "IRouter", "IRoutes"),
    Framework.ECHO: ("Echo", "Group"),
    Framework.CHI: ("Router", "Mux"),
    Framework.GORILLA: ("Router",),
    Framework.NET_HTTP: ("ServeMux",),
}
# names of functions that register routes on the router they are given
_REGISTERS = re.compile(
    r"route|regist|mount|setup|endpoint|attach|wire|install|init|add", re.IGNORECASE
)
Env = dict[str, Router]


class RouteScanner:
    def __init__(self, path: str, root: Node, imports: Imports) -> None:
        self.path = path
        self.folder = path.rpartition("/")[0]
        self.root = root
        self.imports = imports
        self.routers: list[Router] = []
        self.routes: list[RouteReg] = []
        self.mounts: list[MountReg] = []
        self.unreadable: list[Node] = []
        self._default: Router | None = None

    def scan(self) -> None:
        for fn in self.root.named_children:
            if fn.type in ("function_declaration", "method_declaration"):
                self._function(fn)

    def _function(self, fn: Node) -> None:
        env: Env = {}
        for name, kind in parameters(fn):
            framework = self._param_framework(kind)
            if framework is not None and not any(r.parent is None for r in env.values()):
                ref = RouterRef(module=self.folder, name=function_name(fn))
                env[name] = self._new(framework, fn, ref, is_app=False)
        body = fn.child_by_field_name("body")
        if body is not None:
            self._walk(body, env, fn)

    def _param_framework(self, kind: str) -> Framework | None:
        package, _, name = kind.lstrip("*").partition(".")
        framework = self.imports.framework(package)
        if framework is not None and name in _PARAM_TYPES[framework]:
            return framework
        return None

    def _new(self, framework: Framework, node: Node, ref: RouterRef, is_app: bool) -> Router:
        router = Router(framework=framework, node=node, ref=ref, is_app=is_app)
        self.routers.append(router)
        return router

    def _walk(self, body: Node, env: Env, fn: Node) -> None:
        stack: list[tuple[Node, Env]] = [(body, env)]
        scopes: dict[tuple[int, int], Env] = {}  # func literals that bind a subrouter
        while stack:
            node, scope = stack.pop()
            scope = scopes.get((node.start_byte, node.end_byte), scope)
            if node.type in ("short_var_declaration", "assignment_statement", "var_spec"):
                self._assign(node, scope, fn)
            elif node.type == "call_expression":
                scopes.update(self._call(node, scope))
            elif node.type == "return_statement":
                self._returned(node, scope, fn)
            stack.extend((c, scope) for c in reversed(node.named_children))

    def _assign(self, statement: Node, env: Env, fn: Node) -> None:
        names, values = assigned_names(statement)
        if len(names) != len(values):
            return
        for name, value in zip(names, values, strict=True):
            router = self.router_value(value, env, f"{function_name(fn) or 'func'}.{name}")
            if router is not None and name != "_":
                env[name] = router

    def _returned(self, statement: Node, env: Env, fn: Node) -> None:
        """A mux built and returned by a function is mounted where the function is called:
        it is declared as that function's router, not as an app."""
        for value in statement.named_children:
            for item in value.named_children if value.type == "expression_list" else [value]:
                router = env.get(text_of(strip(item))) if strip(item) is not None else None
                if router is None or router.parent is not None or router.framework in _ENGINES:
                    continue
                if router.is_app and fn.type != "func_literal":
                    router.ref = RouterRef(module=self.folder, name=function_name(fn))
                    router.is_app = False

    def router_value(self, node: Node | None, env: Env, name: str = "") -> Router | None:
        """The router an expression evaluates to: a variable, a constructor, a group."""
        value = strip(node)
        if value is None:
            return None
        if value.type == "identifier":
            return env.get(text_of(value))
        if value.type == "unary_expression":
            return self.router_value(value.child_by_field_name("operand"), env, name)
        if value.type != "call_expression":
            return None
        names = callee(value)
        framework = self.imports.framework(names[0]) if len(names) == 2 else None
        if framework is not None and names[1] in _CONSTRUCTORS[framework]:
            ref = RouterRef(
                module=module_of(self.path), name=name or f"line{value.start_point.row + 1}"
            )
            return self._new(framework, value, ref, is_app=True)
        return self._derived(value, env)

    def _derived(self, call: Node, env: Env) -> Router | None:
        function = strip(call.child_by_field_name("function"))
        if function is None or function.type != "selector_expression":
            return None
        method = text_of(function.child_by_field_name("field"))
        operand = function.child_by_field_name("operand")
        if method == "Subrouter":
            inner = strip(operand)
            if inner is not None and inner.type == "call_expression":
                inner_fn = strip(inner.child_by_field_name("function"))
                if inner_fn is not None and inner_fn.type == "selector_expression":
                    parent = self.router_value(inner_fn.child_by_field_name("operand"), env)
                    field = text_of(inner_fn.child_by_field_name("field"))
                    args = arguments(inner)
                    if parent is not None and field == "PathPrefix" and args:
                        return parent.group(call, string_value(args[0]) or "", [])
            parent = self.router_value(operand, env)
            return parent.group(call, "", []) if parent is not None else None
        parent = self.router_value(operand, env)
        if parent is None:
            return None
        args = arguments(call)
        if method == "Group" and parent.framework in _ENGINES and args:
            return parent.group(call, string_value(args[0]) or "", self._guards(args[1:]))
        if method == "With" and parent.framework is Framework.CHI:
            return parent.group(call, "", self._guards(args))
        return None

    def _guards(self, nodes: list[Node]) -> list[Guard]:
        return [guard_of(n, self.imports) for n in nodes]

    def _call(self, call: Node, env: Env) -> dict[tuple[int, int], Env]:
        function = strip(call.child_by_field_name("function"))
        if function is None:
            return {}
        if function.type != "selector_expression":
            return self._maybe_mount(call, env)
        method = text_of(function.child_by_field_name("field"))
        receiver = self.router_value(function.child_by_field_name("operand"), env)
        if (
            receiver is None
            and callee(call)[:1] == ("http",)
            and method in ("Handle", "HandleFunc")
        ):
            receiver = self._default_mux(call)
        if receiver is None:
            return self._maybe_mount(call, env)
        args = arguments(call)
        if method in ("Use", "Pre"):
            receiver.guards.extend(self._guards(args))
            receiver.uses.append(call)
            return {}
        if receiver.framework is Framework.CHI and method in ("Route", "Group", "Mount"):
            return self._chi(receiver, method, call, args, env)
        reg = registration(receiver, method, call, args, self.imports)
        if reg is None:
            return {}
        if reg.path is None:
            self.unreadable.append(call)
            return {}
        if not reg.methods and self._mounted(receiver, reg.path, reg.handler, call, env):
            return {}
        for verb in reg.methods or ("",):
            self.routes.append(RouteReg(receiver, verb, reg.path, reg.handler, reg.guards, call))
        return {}

    def _mounted(self, parent: Router, path: str, handler: Node, call: Node, env: Env) -> bool:
        """`mux.Handle("/api/", http.StripPrefix("/api", api))` with `api` a router of this
        file: `api` hangs off `mux` (below the stripped prefix), middleware wrapped around
        it applying to all its routes."""
        wrappers: list[Guard] = []
        prefix, current = "", strip(handler)
        while current is not None and current.type == "call_expression":
            names, args = callee(current), arguments(current)
            if not args:
                return False
            if names[-1:] == ("StripPrefix",):
                prefix = string_value(args[0]) or ""
            elif names[-1:] != ("HandlerFunc",):
                wrappers.append(guard_of(current, self.imports))
            current = strip(args[-1])
        child = self.router_value(current, env) if current is not None else None
        if child is None or child.parent is not None or child is parent:
            return False
        child.attach(parent, prefix, call.start_byte)
        child.guards[:0] = wrappers
        return True

    def _default_mux(self, call: Node) -> Router | None:
        if self.imports.framework("http") is not Framework.NET_HTTP:
            return None
        if self._default is None:
            ref = RouterRef(module=module_of(self.path), name="http.DefaultServeMux")
            self._default = self._new(Framework.NET_HTTP, call, ref, is_app=True)
        return self._default

    def _chi(
        self, router: Router, method: str, call: Node, args: list[Node], env: Env
    ) -> dict[tuple[int, int], Env]:
        if method == "Mount":
            if len(args) < 2:
                return {}
            prefix = string_value(args[0])
            if prefix is None:
                self.unreadable.append(call)
                return {}
            child = self.router_value(args[1], env)
            if child is not None:
                child.attach(router, prefix, call.start_byte)
                return {}
            ref = self._function_ref(args[1])
            if ref is not None:
                self.mounts.append(MountReg(router, ref, prefix, (), call))
            return {}
        literal = strip(args[-1]) if args else None
        if literal is None or literal.type != "func_literal":
            return {}
        prefix = string_value(args[0]) if method == "Route" and len(args) == 2 else ""
        group = router.group(call, prefix or "", [])
        inner = dict(env)
        for name, _ in parameters(literal)[:1]:
            inner[name] = group
        return {(literal.start_byte, literal.end_byte): inner}

    def _maybe_mount(self, call: Node, env: Env) -> dict[tuple[int, int], Env]:
        """`RegisterRoutes(api)`, `items.Register(v1.Group("/items"), db)`, `h.Routes(r)`: a
        function that registers routes on a router of this file, declared where it is
        defined."""
        for arg in arguments(call):
            router = self.router_value(arg, env)
            if router is None:
                continue
            ref = self._function_ref(call.child_by_field_name("function"))
            if ref is not None and _REGISTERS.search(ref.name):
                self.mounts.append(MountReg(router, ref, "", (), call))
            return {}
        return {}

    def _function_ref(self, node: Node | None) -> RouterRef | None:
        """Where a router-taking or router-returning function is declared: `F` and `h.F` in
        this package, `pkg.F` in the imported package; the standard library is not."""
        node = strip(node)
        if node is not None and node.type == "call_expression":
            node = strip(node.child_by_field_name("function"))
        names = chain(node)
        if not names:
            return None
        if len(names) >= 2 and self.imports.is_package(names[0]):
            path = self.imports.paths[names[0]]
            if is_standard(path) or self.imports.framework(names[0]) is not None:
                return None  # `http.ListenAndServe(addr, r)`, `gin.WrapH(r)`
            return RouterRef(module=path, name=names[-1])
        return RouterRef(module=self.folder, name=names[-1])
