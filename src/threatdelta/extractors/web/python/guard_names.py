"""The names of what guards a route, whatever it does, so a pull request that edits one of
those functions can list every route behind it: decorators (`@limiter.limit(...)` ->
`limit`), FastAPI dependencies (`Depends(get_current_user)` -> `get_current_user`, and the
dependencies of a dependency defined in the same module), hooks and middleware.

A name is the last identifier as written, then the name it was imported under when an
import renamed it (`from .deps import load_tenant as tenant` -> `tenant`, `load_tenant`)."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from threatdelta.extractors.web.python.dependencies import (
    dependency_call,
    param_dependencies,
)
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import FunctionNode, arg, dotted, kwarg, last_name

_MAX_DEPTH = 4


def expr_names(node: ast.expr, index: ModuleIndex) -> tuple[str, ...]:
    """`limiter.limit("5/minute")` -> ('limit',); `tenant` imported as `load_tenant` ->
    ('tenant', 'load_tenant'); () for an expression without a name."""
    func = node.func if isinstance(node, ast.Call) else node
    own = last_name(func)
    if not own or dotted(func) is None:
        return ()
    original = index.imports.qualify(func).rsplit(".", 1)[-1]
    return uniq((own, original))


def decorator_names(decorators: Iterable[ast.expr], index: ModuleIndex) -> tuple[str, ...]:
    return uniq(n for d in decorators for n in expr_names(d, index))


def dependency_names(
    call: ast.Call, index: ModuleIndex, annotation: ast.expr | None = None, depth: int = 0
) -> tuple[str, ...]:
    """`Depends(x)` / `Security(x)`: the name of `x` (of the class of `Depends(X())` and of
    `Annotated[X, Depends()]`), then, for a function or callable class of this module, the
    names of its own dependencies."""
    target = arg(call, 0, "dependency") or _annotated_type(annotation, index)
    if target is None:
        return ()
    own = expr_names(target, index)
    name = dotted(target.func if isinstance(target, ast.Call) else target) or ""
    return uniq((*own, *_nested(name, index, depth)))


def list_dependency_names(call: ast.Call, index: ModuleIndex) -> tuple[str, ...]:
    """The names in a `dependencies=[Depends(a), Security(b)]` keyword."""
    deps = kwarg(call, "dependencies")
    if not isinstance(deps, ast.List | ast.Tuple):
        return ()
    found = (dependency_call(e, index) for e in deps.elts)
    return uniq(n for c in found if c is not None for n in dependency_names(c, index))


def _nested(name: str, index: ModuleIndex, depth: int) -> tuple[str, ...]:
    if depth >= _MAX_DEPTH or not name or index.imports.imported(name):
        return ()
    fn: FunctionNode | None = index.functions.get(name)
    cls = index.classes.get(name)
    if fn is None and cls is not None:
        fn = next(
            (
                n
                for n in cls.body
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == "__call__"
            ),
            None,
        )
    if fn is None:
        return ()
    return uniq(
        n
        for param, call in param_dependencies(fn, index)
        for n in dependency_names(call, index, param.annotation, depth + 1)
    )


def _annotated_type(annotation: ast.expr | None, index: ModuleIndex) -> ast.expr | None:
    """`Annotated[X, Depends()]` -> X, also through an alias of this module; a bare
    `x: X = Depends()` -> X."""
    if isinstance(annotation, ast.Name) and annotation.id in index.aliases:
        annotation = index.aliases[annotation.id]
    if isinstance(annotation, ast.Subscript) and last_name(annotation.value) == "Annotated":
        items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
        return items[0] if items else None
    return annotation


def uniq(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))
