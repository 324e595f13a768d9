"""Rate limiting for Python handlers: a Flask-Limiter decorator under the route decorator
(reusing the module's or the repository's limiter, or setting one up beside the app), DRF
`throttle_classes` on a view class, and django-ratelimit on a plain Django view."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.handler_source import HandlerSource
from threatdelta.remediation.families.python_source import (
    body_insertion,
    first_line,
    handler_function,
    import_insertion,
    imported_modules,
    insertions,
    limiter_name,
    missing_imports,
    module_names,
    parse,
    repository_limiter,
)
from threatdelta.remediation.families.rate_limit_drf_settings import anon_rate_edit
from threatdelta.remediation.families.rate_limit_drf_token import drf_token_throttle
from threatdelta.remediation.families.rate_limit_fastapi import slowapi_limit

_ROUTE_ATTRS = frozenset({"route", "get", "post", "put", "patch", "delete"})
_DRF_PACKAGES = frozenset({"rest_framework", "rest_framework_simplejwt", "rest_framework_jwt"})


@dataclass(frozen=True)
class LimitEdits:
    edits: tuple[TextEdit, ...]
    new_dependency: bool  # a limiter set up or a library the module did not use before
    what: str  # the control, for the patch summary


def python_limit(source: HandlerSource, rate: str, others: dict[str, str]) -> LimitEdits | None:
    tree = parse(source.text)
    if tree is None:
        return None
    modules = {m.split(".")[0] for m in imported_modules(tree)}
    if modules & _DRF_PACKAGES:  # a token view of DRF or a JWT package, or its subclass
        token = drf_token_throttle(source, tree, others, rate.replace(" per ", "/"))
        if token is not None:
            return LimitEdits(token[0], False, token[1])
    if "rest_framework" in modules:
        view = _view_class(tree, source)
        if view is not None:
            return _drf_throttle(source, tree, view, others, rate.replace(" per ", "/"))
    function = handler_function(tree, source)
    if function is None:
        return None
    route = _route_decorator(function)
    if route is not None and "fastapi" in modules:
        found = slowapi_limit(
            source, tree, function, route, rate.replace(" per ", "/"), others=others
        )
        return LimitEdits(found[0], found[1], "slowapi") if found else None
    if route is not None:
        return _flask_limit(source, tree, route, rate, others)
    if "django" in modules:
        return _django_ratelimit(source, tree, function, rate)
    return None


def _route_decorator(function: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.expr | None:
    for decorator in function.decorator_list:
        call = decorator.func if isinstance(decorator, ast.Call) else None
        if isinstance(call, ast.Attribute) and call.attr in _ROUTE_ATTRS:
            return decorator
    return None


def _flask_limit(
    source: HandlerSource, tree: ast.Module, route: ast.expr, rate: str, others: dict[str, str]
) -> LimitEdits | None:
    indent = indentation(source.line(route.lineno))
    after = (route.end_lineno or route.lineno) + 1
    name = limiter_name(tree)
    wanted: list[tuple[int, tuple[str, ...]]] = []
    new = False
    if name is None:
        setup = _limiter_setup(tree, route) or repository_limiter(source.path, tree, others)
        if setup is None:
            return None
        name, wanted, new = setup
    wanted.append((after, (f'{indent}@{name}.limit("{rate}")',)))
    return LimitEdits(insertions(source.path, wanted), new, f"Flask-Limiter ({rate})")


def _limiter_setup(
    tree: ast.Module, route: ast.expr
) -> tuple[str, list[tuple[int, tuple[str, ...]]], bool] | None:
    """`limiter = Limiter(get_remote_address, app=app)` after the module's `app = Flask(...)`."""
    call = route.func if isinstance(route, ast.Call) else None
    app = getattr(getattr(call, "value", None), "id", None)
    node = module_names(tree).get(app or "")
    if app is None or not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
        return None
    if getattr(node.value.func, "id", "") != "Flask" or "limiter" in module_names(tree):
        return None
    end = node.end_lineno or node.lineno
    return (
        "limiter",
        [
            *missing_imports(
                tree,
                "from flask_limiter import Limiter",
                "from flask_limiter.util import get_remote_address",
            ),
            (end + 1, (f"limiter = Limiter(get_remote_address, app={app})",)),
        ],
        True,
    )


def _view_class(tree: ast.Module, source: HandlerSource) -> ast.ClassDef | None:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and source.start <= first_line(node) <= source.end:
            return node
    return None


def _drf_throttle(
    source: HandlerSource, tree: ast.Module, view: ast.ClassDef, others: dict[str, str], rate: str
) -> LimitEdits | None:
    """`throttle_classes = [AnonRateThrottle]` on the view, and the `anon` rate it needs in
    the settings' REST_FRAMEWORK when they have no rates yet."""
    names = {
        t.id
        for n in view.body
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    place = body_insertion(source, view)
    if "throttle_classes" in names or place is None:
        return None
    line, indent = place
    wanted: list[tuple[int, tuple[str, ...]]] = [
        (line, (f"{indent}throttle_classes = [AnonRateThrottle]",))
    ]
    if "AnonRateThrottle" not in module_names(tree):
        wanted.insert(
            0, import_insertion(tree, "from rest_framework.throttling import AnonRateThrottle")
        )
    edits = insertions(source.path, wanted)
    settings = anon_rate_edit(others, rate)
    if settings is not None and settings.path != source.path:
        edits = (*edits, settings)
    return LimitEdits(edits, True, "DRF AnonRateThrottle")


def _django_ratelimit(
    source: HandlerSource,
    tree: ast.Module,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    rate: str,
) -> LimitEdits | None:
    """`@ratelimit(key="ip", rate="5/m", block=True)` as the view's outermost decorator."""
    if "ratelimit" in module_names(tree):
        return None
    top = first_line(function)
    indent = indentation(source.line(top))
    per = rate.replace(" per minute", "/m").replace(" per hour", "/h")
    wanted = [
        import_insertion(tree, "from django_ratelimit.decorators import ratelimit"),
        (top, (f'{indent}@ratelimit(key="ip", rate="{per}", block=True)',)),
    ]
    return LimitEdits(insertions(source.path, wanted), True, f"django-ratelimit ({per})")
