"""Router- and app-wide controls: `before_request` hooks, HTTP middleware, router and app
`dependencies=[...]`, Flask-Limiter / slowapi default limits, blueprint-wide limits; and the
names of those hooks, middleware and dependencies, whatever they do."""

from __future__ import annotations

import ast
from collections import defaultdict

from threatdelta.extractors.web.python.dependencies import classify_dependency, dependency_call
from threatdelta.extractors.web.python.guard_names import expr_names, list_dependency_names
from threatdelta.extractors.web.python.guards import (
    NEUTRAL,
    UNKNOWN,
    Guard,
    GuardKind,
    guard_by_name,
)
from threatdelta.extractors.web.python.hooks import classify_body
from threatdelta.extractors.web.python.module_index import ModuleIndex, VarKind
from threatdelta.extractors.web.python.syntax import ModuleNodes, dotted, kwarg, last_name

_HOOKS = frozenset({"before_request", "before_app_request", "middleware"})
_NEUTRAL_MIDDLEWARE = frozenset(
    {
        "CORSMiddleware",
        "GZipMiddleware",
        "TrustedHostMiddleware",
        "HTTPSRedirectMiddleware",
        "SessionMiddleware",
        "ProxyHeadersMiddleware",
        "ProxyFix",
        "SharedDataMiddleware",
        "DispatcherMiddleware",
        "WhiteNoise",
        "PrometheusMiddleware",
        "CorrelationIdMiddleware",
    }
)
_LIMITERS = (VarKind.FLASK_LIMITER, VarKind.SLOWAPI_LIMITER)


def dependency_guards(call: ast.Call, index: ModuleIndex) -> list[Guard]:
    """Guards of a `dependencies=[Depends(a), Security(b)]` keyword."""
    deps = kwarg(call, "dependencies")
    if not isinstance(deps, ast.List | ast.Tuple):
        return []
    found = [dependency_call(e, index) for e in deps.elts]
    return [classify_dependency(c, index) for c in found if c is not None]


def _has_defaults(call: ast.Call) -> bool:
    limits = kwarg(call, "default_limits") or kwarg(call, "application_limits")
    return limits is not None and not (isinstance(limits, ast.List | ast.Tuple) and not limits.elts)


def _limiter_app(call: ast.Call, index: ModuleIndex) -> str | None:
    """The app a `Limiter(...)` constructor binds to, if any."""
    app = kwarg(call, "app")
    if app is None:
        app = next((a for a in call.args if index.kind(a) is VarKind.FLASK_APP), None)
    return dotted(app) if app is not None else None


class RouterControls:
    """Guards contributed to each router variable of the module, by variable name."""

    def __init__(self, nodes: ModuleNodes, index: ModuleIndex) -> None:
        self.index = index
        self.guards: dict[str, list[Guard]] = defaultdict(list)
        self.names: dict[str, list[str]] = defaultdict(list)
        self._slowapi_middleware: set[str] = set()
        for binding in index.bindings.values():
            if binding.kind in (VarKind.FASTAPI_APP, VarKind.API_ROUTER):
                self.guards[binding.name].extend(dependency_guards(binding.call, index))
                self.names[binding.name].extend(list_dependency_names(binding.call, index))
            elif binding.kind is VarKind.FLASK_LIMITER:
                app = _limiter_app(binding.call, index)
                if app and _has_defaults(binding.call):
                    self.guards[app].append(Guard(GuardKind.RATE_LIMIT))
        for fn in nodes.functions:
            self._hook_decorators(fn)
        for call in nodes.calls:
            self._call(call)
        for assign in nodes.assigns:
            if isinstance(assign, ast.Assign):
                self._assign(assign)
        self._slowapi_defaults()

    def _hook_decorators(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for dec in fn.decorator_list:
            func = dec.func if isinstance(dec, ast.Call) else dec
            if isinstance(func, ast.Attribute) and func.attr in _HOOKS:
                owner = dotted(func.value)
                if owner:
                    self.guards[owner].append(classify_body(fn, self.index.imports))
                    self.names[owner].append(fn.name)

    def _call(self, call: ast.Call) -> None:
        func = call.func
        if not isinstance(func, ast.Attribute):
            if isinstance(func, ast.Call) and last_name(func.func) == "limit" and call.args:
                target = dotted(call.args[0])  # limiter.limit("10/minute")(bp)
                if target and self.index.kind(call.args[0]) is VarKind.BLUEPRINT:
                    self.guards[target].append(Guard(GuardKind.RATE_LIMIT))
                    self.names[target].extend(expr_names(func, self.index))
            return
        owner = dotted(func.value)
        if not owner or not call.args:
            return
        if func.attr in ("before_request", "before_app_request"):
            self.guards[owner].append(self._function_guard(call.args[0]))
            self.names[owner].extend(expr_names(call.args[0], self.index))
        elif func.attr == "add_middleware":
            self.guards[owner].append(self._middleware_guard(call.args[0], owner))
            self.names[owner].extend(expr_names(call.args[0], self.index))
        elif func.attr == "init_app" and self.index.kind(func.value) in _LIMITERS:
            self._limiter_init(owner, call.args[0])
        elif func.attr == "init_app" and "limiter" in owner.lower():
            target = dotted(call.args[0])
            if target:
                self.guards[target].append(Guard(GuardKind.LIMIT_UNKNOWN))

    def _limiter_init(self, owner: str, app: ast.expr) -> None:
        """`limiter.init_app(app)` with a limiter of this module: its default limits."""
        binding = self.index.bindings[owner]
        target = dotted(app)
        if target and _has_defaults(binding.call):
            self.guards[target].append(Guard(GuardKind.RATE_LIMIT))

    def _assign(self, node: ast.Assign) -> None:
        """`app.wsgi_app = Middleware(app.wsgi_app)`, `app.state.limiter = limiter`."""
        for target in node.targets:
            name = dotted(target) or ""
            if name.endswith(".wsgi_app") and isinstance(node.value, ast.Call):
                owner = name.rsplit(".", 1)[0]
                self.guards[owner].append(self._middleware_guard(node.value.func, owner))
                self.names[owner].extend(expr_names(node.value.func, self.index))

    def _function_guard(self, node: ast.expr) -> Guard:
        name = dotted(node)
        fn = self.index.functions.get(name or "")
        if fn is not None and not self.index.imports.imported(name or ""):
            return classify_body(fn, self.index.imports)
        return guard_by_name(name) if name else UNKNOWN

    def _middleware_guard(self, node: ast.expr, owner: str) -> Guard:
        name = dotted(node) or ""
        short = name.rsplit(".", 1)[-1]
        if short == "SlowAPIMiddleware":
            self._slowapi_middleware.add(owner)
            return NEUTRAL
        if short in _NEUTRAL_MIDDLEWARE:
            return NEUTRAL
        if short == "AuthenticationMiddleware":
            return UNKNOWN  # Starlette's sets request.user; routes enforce with @requires
        cls = self.index.classes.get(name)
        if cls is not None and not self.index.imports.imported(name):
            return classify_body(cls, self.index.imports)
        return guard_by_name(short) if short else UNKNOWN

    def _slowapi_defaults(self) -> None:
        limited = any(
            b.kind is VarKind.SLOWAPI_LIMITER and _has_defaults(b.call)
            for b in self.index.bindings.values()
        )
        for owner in self._slowapi_middleware:
            if limited:
                self.guards[owner].append(Guard(GuardKind.RATE_LIMIT))
