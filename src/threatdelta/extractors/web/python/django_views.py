"""Django and DRF views of a module and the routes each answers, relative to where a
URLconf or a DRF router mounts it (`""` for the view itself, `{pk}` for a detail route).

- Function views: module-level functions with a view decorator, or taking `request` first
  in a `views` / `api` module and building a response. Methods from `@api_view([...])`
  (default GET), `@require_http_methods([...])`, `@require_POST` / `@require_GET` /
  `@require_safe`; a plain function view without one of these answers any method and is
  reported as GET and POST.
- Class-based views (bases from `django.views` / `rest_framework`, followed through local
  base classes; a project base by the Django / DRF name it ends in): the `get`/`post`/...
  methods they define, plus those their generic base provides (`ListAPIView` GET,
  `CreateView` GET and POST, ...), limited by `http_method_names`.
- ViewSets: the routes a `DefaultRouter` / `SimpleRouter` generates for the actions the
  class has (list, create, retrieve, update, partial_update, destroy, from `ModelViewSet`,
  the mixins, or methods of those names) and `@action(detail=..., methods=[...])`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from threatdelta.extractors.web.python.django_library_views import KNOWN, inherited_routes
from threatdelta.extractors.web.python.django_routes import (
    ViewRoute,
    class_routes,
    known_base,
    methods_of,
)
from threatdelta.extractors.web.python.drf_permissions import ViewSource, unwrap
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import (
    FunctionNode,
    arg,
    descendants,
    last_name,
    str_items,
)

_RESPONSE_CALLS = frozenset({"render", "redirect", "render_to_response"})
_ACTION_OPTIONS = frozenset({"permission_classes", "throttle_classes", "authentication_classes"})
_CONCRETE_ATTRS = frozenset({"queryset", "serializer_class", "model", "template_name"})
_VERB_NAMES = frozenset({"get", "post", "put", "patch", "delete"})
_FRAMEWORKS = ("django.", "rest_framework.")
_VIEW_PACKAGES = ("django.views", "rest_framework.", "django.contrib.auth.mixins")
_METHOD_DECORATORS = {"require_POST": ("POST",), "require_GET": ("GET",), "require_safe": ("GET",)}
_VIEW_DECORATORS = frozenset(
    {
        *_METHOD_DECORATORS,
        "api_view",
        "require_http_methods",
        "login_required",
        "permission_required",
        "csrf_exempt",
    }
)


@dataclass(frozen=True)
class View:
    name: str
    node: ast.ClassDef | FunctionNode
    source: ViewSource
    routes: tuple[ViewRoute, ...]
    method_sources: dict[str, ViewSource]  # per handler function name: with its decorators


def _bases(cls: ast.ClassDef, index: ModuleIndex, depth: int = 0) -> list[str]:
    """Qualified names of the bases, local base classes followed."""
    found: list[str] = []
    for base in cls.bases:
        local = index.classes.get(last_name(base))
        if local is not None and local is not cls and depth < 5 and isinstance(base, ast.Name):
            found += _bases(local, index, depth + 1)
        found.append(index.imports.qualify(base))
    return found


def _attrs(cls: ast.ClassDef, index: ModuleIndex, depth: int = 0) -> dict[str, ast.Assign]:
    """Class attributes, local bases first so the class's own win."""
    found: dict[str, ast.Assign] = {}
    for base in cls.bases:
        local = index.classes.get(last_name(base))
        if local is not None and local is not cls and depth < 5 and isinstance(base, ast.Name):
            found.update(_attrs(local, index, depth + 1))
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign):
            found.update({t.id: stmt for t in stmt.targets if isinstance(t, ast.Name)})
    return found


def _foreign(bases: list[str]) -> list[str]:
    """Bases imported from the project: a dotted name outside Django and DRF."""
    return [b for b in bases if "." in b and not b.startswith(_FRAMEWORKS)]


def _is_drf(bases: list[str]) -> bool:
    return any(
        b.startswith("rest_framework.")
        or b.endswith(("APIView", "ViewSet"))
        or (b in KNOWN and KNOWN[b].drf)
        for b in bases
    )


def _class_source(cls: ast.ClassDef, bases: list[str], index: ModuleIndex) -> ViewSource:
    attrs = _attrs(cls, index)
    return ViewSource(
        drf=_is_drf(bases),
        decorators=tuple(d for dec in cls.decorator_list for d in unwrap(dec)),
        bases=tuple(bases),
        attrs={k: v.value for k, v in attrs.items()},
        anchors=dict(attrs),
        dynamic_permissions="get_permissions" in methods_of(cls),
        foreign_bases=tuple(_foreign(bases)),
    )


def _with_method(source: ViewSource, fn: FunctionNode) -> ViewSource:
    """The view's controls for one of its methods: the method's own decorators added, and
    `@action(permission_classes=[...], throttle_classes=[...], ...)` replacing the class's."""
    own = tuple(d for dec in fn.decorator_list for d in unwrap(dec))
    attrs, anchors = dict(source.attrs), dict(source.anchors)
    for dec in fn.decorator_list:
        if isinstance(dec, ast.Call) and last_name(dec.func) == "action":
            for keyword in dec.keywords:
                if keyword.arg in _ACTION_OPTIONS:
                    attrs[keyword.arg], anchors[keyword.arg] = keyword.value, dec
    return ViewSource(
        drf=source.drf,
        decorators=(*source.decorators, *own),
        bases=source.bases,
        attrs=attrs,
        anchors=anchors,
        dynamic_permissions=source.dynamic_permissions,
        foreign_bases=source.foreign_bases,
    )


def _class_view(cls: ast.ClassDef, index: ModuleIndex) -> View | None:
    bases = _bases(cls, index)
    named = {known_base(b.rsplit(".", 1)[-1]) for b in _foreign(bases)} - {None}
    if not named and not any(b.startswith(_VIEW_PACKAGES) for b in bases):
        return None
    shorts = {b.rsplit(".", 1)[-1] for b in bases} | {n for n in named if n}
    attrs = _attrs(cls, index)
    routes = class_routes(cls, shorts, attrs)
    routes += inherited_routes(cls, bases, routes)
    allowed = str_items(attrs["http_method_names"].value) if "http_method_names" in attrs else None
    if allowed is not None:  # `http_method_names = ["get", "post"]` turns the others away
        routes = [r for r in routes if r.method.lower() in allowed]
    if not routes:
        return None
    source = _class_source(cls, bases, index)
    per_method = {fn.name: _with_method(source, fn) for fn in methods_of(cls).values()}
    return View(cls.name, cls, source, tuple(routes), per_method)


def _function_methods(fn: FunctionNode) -> tuple[tuple[str, ...], bool]:
    """(methods, is a DRF view)."""
    for dec in fn.decorator_list:
        name = last_name(dec)
        if name == "api_view":
            given = None
            if isinstance(dec, ast.Call):
                given = str_items(arg(dec, 0, "http_method_names"))
            return tuple(m.upper() for m in given or ("GET",)), True
        if name == "require_http_methods" and isinstance(dec, ast.Call) and dec.args:
            return tuple(m.upper() for m in str_items(dec.args[0]) or ()), False
        if name in _METHOD_DECORATORS:
            return _METHOD_DECORATORS[name], False
    return ("GET", "POST"), False


def _function_view(fn: FunctionNode, index: ModuleIndex) -> View | None:
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    methods, drf = _function_methods(fn)
    if fn.name.startswith("_") or not (drf or (params and params[0] == "request")):
        return None
    attrs: dict[str, ast.expr] = {}
    anchors: dict[str, ast.AST] = {}
    for dec in fn.decorator_list:
        name = last_name(dec)
        if isinstance(dec, ast.Call) and dec.args and name.endswith("_classes"):
            attrs[name], anchors[name] = dec.args[0], dec
    source = ViewSource(
        drf=drf,
        decorators=tuple(fn.decorator_list),
        bases=(),
        attrs=attrs,
        anchors=anchors,
    )
    routes = tuple(ViewRoute(m, "", fn, fn.name) for m in methods)
    return View(fn.name, fn, source, routes, {fn.name: source})


def _view_module(path: str) -> bool:
    return any(w in path.rsplit("/", 1)[-1] or f"/{w}" in path for w in ("view", "api"))


def _decorated_view(fn: FunctionNode) -> bool:
    return any(last_name(d) in _VIEW_DECORATORS for d in fn.decorator_list)


def _builds_response(fn: FunctionNode) -> bool:
    """Calls `render`, `redirect` or a `...Response` class, or raises `Http404`."""
    for node in descendants(fn):
        if isinstance(node, ast.Call):
            name = last_name(node.func)
            if name in _RESPONSE_CALLS or name.endswith("Response") or name == "Http404":
                return True
    return False


def _concrete(cls: ast.ClassDef) -> bool:
    """A class other views derive from that is a view itself: it names its data
    (`queryset`, `serializer_class`, `model`, `template_name`) or answers a method."""
    names = {
        t.id
        for s in cls.body
        if isinstance(s, ast.Assign)
        for t in s.targets
        if isinstance(t, ast.Name)
    }
    return bool(names & _CONCRETE_ATTRS) or any(
        isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name in _VERB_NAMES
        for s in cls.body
    )


def uses_django(index: ModuleIndex) -> bool:
    """The module imports Django, DRF or a `rest_framework_*` package (simplejwt, ...)."""
    tops = {q.split(".", 1)[0] for q in index.imports.names.values()}
    return any(t == "django" or t.startswith("rest_framework") for t in tops)


def module_views(path: str, tree: ast.Module, index: ModuleIndex) -> list[View]:
    """The views of a module. Classes that other classes of the module derive from are
    bases, not views, unless they are concrete (`_concrete`); functions count with a view
    decorator, or in `views`/`api` modules when they build a response."""
    if not uses_django(index):
        return []
    local_bases = {last_name(b) for c in index.classes.values() for b in c.bases}
    functions = _view_module(path)
    views: list[View] = []
    for node in tree.body:
        view = None
        if isinstance(node, ast.ClassDef) and (node.name not in local_bases or _concrete(node)):
            view = _class_view(node, index)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (
            _decorated_view(node) or (functions and _builds_response(node))
        ):
            view = _function_view(node, index)
        if view is not None:
            views.append(view)
    return views
