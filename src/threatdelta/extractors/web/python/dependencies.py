"""FastAPI dependencies as controls: `Depends(get_current_user)`, `Security(...)`, security
scheme instances (`OAuth2PasswordBearer`, `HTTPBearer`, `APIKeyHeader`), dependency
functions of this module followed through their own parameters, and `Annotated` aliases."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.guards import (
    NEUTRAL,
    UNKNOWN,
    Guard,
    GuardKind,
    guard_by_name,
    name_words,
)
from threatdelta.extractors.web.python.hooks import classify_body
from threatdelta.extractors.web.python.module_index import ModuleIndex, VarKind
from threatdelta.extractors.web.python.syntax import FunctionNode, arg, dotted, kwarg, str_items

_MAX_DEPTH = 4
_DEPENDS = frozenset({"Depends", "Security"})


def dependency_call(node: ast.expr | None, index: ModuleIndex) -> ast.Call | None:
    """The `Depends(...)`/`Security(...)` call in a default or an `Annotated[...]`."""
    if isinstance(node, ast.Call):
        name = index.imports.qualify(node.func).rsplit(".", 1)[-1]
        return node if name in _DEPENDS else None
    if isinstance(node, ast.Name) and node.id in index.aliases:
        return dependency_call(index.aliases[node.id], index)
    if isinstance(node, ast.Subscript) and dotted(node.value) in ("Annotated", "typing.Annotated"):
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else []
        for item in items[1:]:
            found = dependency_call(item, index)
            if found is not None:
                return found
    return None


def param_dependencies(fn: FunctionNode, index: ModuleIndex) -> list[tuple[ast.arg, ast.Call]]:
    """(parameter, Depends call) for each parameter that is a dependency."""
    args = [*fn.args.posonlyargs, *fn.args.args]
    defaults: list[ast.expr | None] = [None] * (len(args) - len(fn.args.defaults))
    defaults += fn.args.defaults
    pairs = list(zip(args, defaults, strict=True))
    pairs += list(zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True))
    found: list[tuple[ast.arg, ast.Call]] = []
    for param, default in pairs:
        call = dependency_call(default, index) or dependency_call(param.annotation, index)
        if call is not None:
            found.append((param, call))
    return found


def classify_dependency(
    call: ast.Call, index: ModuleIndex, annotation: ast.expr | None = None, depth: int = 0
) -> Guard:
    """What one `Depends(x)` / `Security(x, scopes=[...])` contributes."""
    target = arg(call, 0, "dependency") or _annotated_type(annotation)
    if target is not None and _is_form(target):
        return NEUTRAL  # Depends() on a form class: request input, e.g. the login form
    guard = _classify_target(target, index, depth) if target is not None else NEUTRAL
    is_security = index.imports.qualify(call.func).endswith("Security")
    if is_security and guard.kind in (GuardKind.NEUTRAL, GuardKind.UNKNOWN):
        label = dotted(target) if target is not None else None
        guard = Guard(GuardKind.AUTH, label or "security")
    if str_items(kwarg(call, "scopes")) and guard.kind is GuardKind.AUTH:
        guard = Guard(GuardKind.PERMISSION, guard.scheme)
    return guard


def _annotated_type(annotation: ast.expr | None) -> ast.expr | None:
    """`Annotated[X, Depends()]` -> X (what a bare `Depends()` instantiates)."""
    if isinstance(annotation, ast.Subscript) and dotted(annotation.value) in (
        "Annotated",
        "typing.Annotated",
    ):
        items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
        return items[0] if items else None
    return annotation


def _is_form(node: ast.expr) -> bool:
    return (dotted(node) or "").endswith("Form")


def imported_dependency_alias(annotation: ast.expr | None, index: ModuleIndex) -> Guard | None:
    """An imported annotation that names a dependency alias (`CurrentUser`, `SessionDep`,
    `TokenDep`) defined as `Annotated[..., Depends(...)]` in another module."""
    name = dotted(annotation) if annotation is not None else None
    if not name or not index.imports.imported(name.split(".")[0]) or name in index.aliases:
        return None
    short = name.rsplit(".", 1)[-1]
    found = name_words(short)
    if short.endswith(("Dep", "Deps", "Dependency")):
        return guard_by_name(short)
    if found & {"current_user", "current_active_user", "current_superuser", "principal"}:
        return guard_by_name(short)
    return None


def _classify_target(target: ast.expr, index: ModuleIndex, depth: int) -> Guard:
    if isinstance(target, ast.Call):  # Depends(RoleChecker(["admin"])), Depends(require("x"))
        inner = _classify_target(target.func, index, depth)
        return inner if inner.kind is not GuardKind.UNKNOWN else UNKNOWN
    name = dotted(target)
    if name is None:
        return UNKNOWN
    binding = index.bindings.get(name)
    if binding is not None and binding.kind is VarKind.SECURITY_SCHEME:
        return Guard(GuardKind.AUTH, binding.scheme)
    local_fn = index.functions.get(name)
    if local_fn is not None and not index.imports.imported(name) and depth < _MAX_DEPTH:
        return _classify_function(local_fn, index, depth + 1)
    local_cls = index.classes.get(name)
    if local_cls is not None and depth < _MAX_DEPTH:
        call_method = next(
            (
                n
                for n in local_cls.body
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == "__call__"
            ),
            None,
        )
        if call_method is not None:
            return _classify_function(call_method, index, depth + 1, own_name=name)
    return guard_by_name(name)


def _classify_function(
    fn: FunctionNode, index: ModuleIndex, depth: int, own_name: str = ""
) -> Guard:
    """A dependency function of this module: auth if any of its own dependencies is, or if
    it checks a credential and rejects; else by its name."""
    name = own_name or fn.name
    sub = [
        classify_dependency(c, index, p.annotation, depth) for p, c in param_dependencies(fn, index)
    ]
    by_name = guard_by_name(name)
    auth = [g for g in sub if g.kind in (GuardKind.AUTH, GuardKind.PERMISSION)]
    if auth:
        permission = by_name.kind is GuardKind.PERMISSION or any(
            g.kind is GuardKind.PERMISSION for g in auth
        )
        return Guard(GuardKind.PERMISSION if permission else GuardKind.AUTH, auth[0].scheme)
    body = classify_body(fn, index.imports)
    if body.kind in (GuardKind.AUTH, GuardKind.PERMISSION):
        kind = GuardKind.PERMISSION if by_name.kind is GuardKind.PERMISSION else body.kind
        return Guard(kind, body.scheme if body.scheme != fn.name else name)
    if by_name.kind in (GuardKind.AUTH, GuardKind.PERMISSION):
        return by_name
    return NEUTRAL
