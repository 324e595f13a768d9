"""Django URLconfs and DRF routers as routers and mounts, resolved across files by the
linker.

- `urlpatterns` of a module is a router (`RouterRef(<module>, "urlpatterns")`). Each
  `path()` / `re_path()` / `url()` entry is a mount of what it routes to, at its route:
  a view function or `View.as_view()` (the view is a router of its own, see
  `django_views`), `include("app.urls")` (that module's `urlpatterns`), `include(router.urls)`
  or `urlpatterns += router.urls` (a DRF router), or an inline `include([...])`.
- Converters become parameters: `<int:pk>` -> `{pk}`; in a regular expression a named
  group `(?P<pk>...)` -> `{pk}`, an unnamed one `{arg1}`, `{arg2}`, ... (the positional
  arguments Django passes), anchors and a trailing `/?$` are dropped.
- `DefaultRouter()` / `SimpleRouter()` are routers; `router.register("patients", ViewSet)`
  mounts the ViewSet at `patients`.
- `ViewSet.as_view({"get": "retrieve"})` mounts the named actions' routers.
- A view wrapped where it is routed (`login_required(view)`, `csrf_exempt(View.as_view())`)
  gives the mount its controls; `csrf_exempt(...)` there is a CSRF_DISABLED fact.
- Known login / token views of Django, DRF and simplejwt are endpoints of the URLconf
  (`django_library_views`); other library views (`admin.site.urls`, Django's
  `TemplateView.as_view()`, schema and debug pages) are not mounted.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.decorators import classify_decorator
from threatdelta.extractors.web.python.django_library_views import QUIET, library_endpoints
from threatdelta.extractors.web.python.drf_permissions import CONFIG_DECORATORS
from threatdelta.extractors.web.python.guards import summarize
from threatdelta.extractors.web.python.imports import package_of
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.routes import template
from threatdelta.extractors.web.python.syntax import arg, const_str, last_name, span
from threatdelta.extractors.web.python.taint import binop_leaves
from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind
from threatdelta.model.fragment import Mount, RoutedEndpoint, RouterDecl, RouterRef

_ROUTE_CALLS = frozenset({"path", "re_path", "url"})
_ROUTERS = frozenset(
    {"DefaultRouter", "SimpleRouter", "ExtendedDefaultRouter", "NestedSimpleRouter"}
)
_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
_UNNAMED = re.compile(r"\((?!\?)[^)]*\)")
_LIBRARIES = ("django.", "rest_framework.")


def route_template(route: str, regex: bool) -> str:
    if not regex:
        return template(route)
    route = _GROUP.sub(r"{\1}", route.lstrip("^"))
    count = iter(range(1, len(route) + 1))
    route = _UNNAMED.sub(lambda _: f"{{arg{next(count)}}}", route)  # positional groups
    for tail in ("/?$", "$", "/?"):
        route = route.removesuffix(tail)
    return route


@dataclass
class UrlConf:
    path: str
    index: ModuleIndex
    ctx: ScanContext  # for facts (csrf_exempt wrappers) on the module's service
    star: str = ""  # the module of the one `from ... import *`, if there is exactly one
    routers: list[RouterDecl] = field(default_factory=list)
    endpoints: list[RoutedEndpoint] = field(default_factory=list)  # library views routed here
    mounts: list[Mount] = field(default_factory=list)

    @property
    def patterns(self) -> RouterRef:
        return RouterRef(module=self.index.imports.module, name="urlpatterns")

    def read(self, tree: ast.Module) -> None:
        self.star = _star_module(self.path, tree)
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign | ast.AugAssign) and self._targets(stmt) == [
                "urlpatterns"
            ]:
                if not any(r.ref == self.patterns for r in self.routers):
                    self.routers.append(self._decl(self.patterns, stmt))
                self._patterns(stmt.value, "")
            elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                if last_name(stmt.value.func) in _ROUTERS:
                    for name in self._targets(stmt):
                        ref = RouterRef(module=self.index.imports.module, name=name)
                        self.routers.append(self._decl(ref, stmt))
            elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
                self._register(stmt.value)

    def _targets(self, stmt: ast.Assign | ast.AugAssign) -> list[str]:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return [t.id for t in targets if isinstance(t, ast.Name)]

    def _decl(self, ref: RouterRef, node: ast.AST) -> RouterDecl:
        return RouterDecl(
            ref=ref,
            location=span(self.path, node),
            authentication=Tri.NO,
            rate_limited=Tri.NO,
        )

    def _patterns(self, node: ast.expr, prefix: str) -> None:
        if isinstance(node, ast.BinOp):  # a + b + ...: without recursion, chains nest deep
            for part in binop_leaves(node):
                self._patterns(part, prefix)
        elif isinstance(node, ast.List | ast.Tuple):
            for entry in node.elts:
                if isinstance(entry, ast.Call) and last_name(entry.func) in _ROUTE_CALLS:
                    self._entry(entry, prefix)
        elif isinstance(node, ast.Attribute) and node.attr == "urls":  # += router.urls
            self._mount(node.value, prefix, node, [])

    def _entry(self, call: ast.Call, prefix: str) -> None:
        route = const_str(arg(call, 0, "route"))
        view = arg(call, 1, "view")
        if route is None or view is None:
            return
        regex = last_name(call.func) != "path"
        full = prefix + route_template(route, regex)
        wrappers: list[ast.expr] = []
        while (
            isinstance(view, ast.Call)
            and view.args
            and last_name(view.func) not in ("as_view", "include")
        ):
            wrappers.append(view.func)
            view = view.args[0]
        if isinstance(view, ast.Call) and last_name(view.func) == "include" and view.args:
            self._include(view.args[0], full, call, wrappers)
            return
        if isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute):  # X.as_view()
            if view.args and isinstance(view.args[0], ast.Dict):  # a ViewSet's actions
                self._actions(view.func.value, view.args[0], full, call)
                return
            view = view.func.value
        found = library_endpoints(self.index.imports.qualify(view), full, span(self.path, call))
        self.endpoints += [RoutedEndpoint(router=self.patterns, endpoint=e) for e in found]
        if not found:
            self._mount(view, full, call, wrappers)

    def _include(
        self, target: ast.expr, prefix: str, call: ast.Call, wrappers: list[ast.expr]
    ) -> None:
        if isinstance(target, ast.Tuple) and target.elts:  # include(("app.urls", "ns"))
            target = target.elts[0]
        module = const_str(target)
        if module is not None:
            child = RouterRef(module=module.replace(".", "/"), name="urlpatterns")
            self._add(child, prefix, call, wrappers)
        elif isinstance(target, ast.List | ast.Tuple):
            self._patterns(target, prefix)
        elif isinstance(target, ast.Attribute) and target.attr == "urls":
            self._mount(target.value, prefix, call, wrappers)
        elif isinstance(target, ast.Name | ast.Attribute):  # an imported urls module
            qualified = self.index.imports.qualify(target)
            child = RouterRef(module=qualified.replace(".", "/"), name="urlpatterns")
            self._add(child, prefix, call, wrappers)

    def _mount(self, view: ast.expr, prefix: str, call: ast.AST, wrappers: list[ast.expr]) -> None:
        qualified = self.index.imports.qualify(view)
        if not qualified or qualified.startswith((*_LIBRARIES, *QUIET, "admin.")):
            return
        child = self._view_ref(view)
        if child is not None:
            self._add(child, prefix, call, wrappers)

    def _actions(self, viewset: ast.expr, mapping: ast.Dict, prefix: str, call: ast.Call) -> None:
        """`ViewSet.as_view({"get": "retrieve", "delete": "destroy"})`: each action's router
        (see `django_endpoints`) is mounted at the route."""
        ref = self._view_ref(viewset)
        if ref is None:
            return
        for action in dict.fromkeys(const_str(v) for v in mapping.values):
            if action:
                child = RouterRef(module=ref.module, name=f"{ref.name}.{action}")
                self._add(child, prefix, call, [])

    def _view_ref(self, view: ast.expr) -> RouterRef | None:
        """The view a name refers to: defined here, imported, or (a name neither defined nor
        imported) from the module's one `from .views import *`."""
        local = frozenset(self.index.classes) | frozenset(self.index.functions)
        if (
            isinstance(view, ast.Name)
            and self.star
            and view.id not in local
            and not self.index.imports.imported(view.id)
        ):
            return RouterRef(module=self.star, name=view.id)
        return self.index.imports.ref(view, local)

    def _add(self, child: RouterRef, prefix: str, call: ast.AST, wrappers: list[ast.expr]) -> None:
        guards = [
            classify_decorator(w, self.index)
            for w in wrappers
            if last_name(w) not in CONFIG_DECORATORS
        ]
        for wrapper in wrappers:
            if last_name(wrapper) == "csrf_exempt":
                self.ctx.add(
                    FactKind.CSRF_DISABLED, call, child.name, Tri.NO, "csrf_exempt in the URLconf"
                )
        controls = summarize(guards)
        self.mounts.append(
            Mount(
                parent=self.patterns,
                child=child,
                prefix=prefix,
                location=span(self.path, call),
                authentication=controls.authentication,
                auth_schemes=controls.auth_schemes,
                rate_limited=controls.rate_limited,
                guards=tuple(last_name(w) for w in wrappers),
            )
        )

    def _register(self, call: ast.Call) -> None:
        """`router.register(r"patients", PatientViewSet, basename=...)`."""
        func = call.func
        if not isinstance(func, ast.Attribute) or func.attr != "register":
            return
        router = RouterRef(module=self.index.imports.module, name=last_name(func.value))
        if not any(r.ref == router for r in self.routers):
            return
        prefix = const_str(arg(call, 0, "prefix"))
        viewset = arg(call, 1, "viewset")
        child = self._view_ref(viewset) if viewset is not None else None
        if prefix is None or child is None:
            return
        self.mounts.append(
            Mount(
                parent=router,
                child=child,
                prefix=route_template(prefix, True),
                location=span(self.path, call),
                authentication=Tri.NO,
                rate_limited=Tri.NO,
            )
        )


def _star_module(path: str, tree: ast.Module) -> str:
    """`from .views import *` in `app/urls.py` -> `app/views` (only when it is the one)."""
    found = [
        node
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names)
    ]
    if len(found) != 1:
        return ""
    node = found[0]
    if not node.level:
        return (node.module or "").replace(".", "/")
    parts = package_of(path).split(".") if package_of(path) else []
    parts = parts[: max(0, len(parts) - (node.level - 1))] + (node.module or "").split(".")
    return "/".join(p for p in parts if p)
