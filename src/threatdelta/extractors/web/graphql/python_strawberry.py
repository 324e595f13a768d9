"""Strawberry: methods of `@strawberry.type` root classes decorated with `@strawberry.field`,
`@strawberry.mutation` or `@strawberry.subscription`, and annotated attributes given
`strawberry.field(resolver=fn)`; `permission_classes=[...]` are the field's guards."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from types import MappingProxyType

from threatdelta.extractors.web.graphql.operations import Operation, camel, operation_of_type
from threatdelta.extractors.web.graphql.python_fields import PyResolver, function_args, type_shape
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import FunctionNode, const_str, kwarg, last_name

_PACKAGES = ("strawberry", "strawberry_django")
_KINDS = MappingProxyType(
    {
        "field": None,
        "mutation": Operation.MUTATION,
        "subscription": Operation.SUBSCRIPTION,
        "connection": None,
    }
)


def _strawberry_call(node: ast.expr, index: ModuleIndex) -> str | None:
    """`field` for `@strawberry.field(...)`, `mutation` for `strawberry.mutation`, ..."""
    func = node.func if isinstance(node, ast.Call) else node
    qualified = index.imports.qualify(func)
    package, _, kind = qualified.rpartition(".")
    if package.split(".")[0] in _PACKAGES and kind in _KINDS:
        return kind
    return None


def is_strawberry_type(cls: ast.ClassDef, index: ModuleIndex) -> bool:
    for dec in cls.decorator_list:
        func = dec.func if isinstance(dec, ast.Call) else dec
        qualified = index.imports.qualify(func)
        if qualified.split(".")[0] in _PACKAGES and qualified.rsplit(".", 1)[-1] == "type":
            return True
    return False


def strawberry_resolvers(index: ModuleIndex) -> Iterator[PyResolver]:
    for cls in index.classes.values():
        root = operation_of_type(cls.name)
        if root is None or not is_strawberry_type(cls, index):
            continue
        for stmt in cls.body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                found = _method(stmt, root, index)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.value, ast.Call):
                found = _attribute(stmt, stmt.value, root, index)
            else:
                found = None
            if found is not None:
                yield found


def _operation(kind: str, root: Operation) -> Operation:
    return _KINDS.get(kind) or root


def _method(fn: FunctionNode, root: Operation, index: ModuleIndex) -> PyResolver | None:
    for dec in fn.decorator_list:
        kind = _strawberry_call(dec, index)
        if kind is None:
            continue
        call = dec if isinstance(dec, ast.Call) else None
        name = (const_str(kwarg(call, "name")) if call else None) or camel(fn.name)
        return PyResolver(
            operation=_operation(kind, root),
            field=name,
            anchor=dec,
            function=fn,
            guards=tuple(d for d in fn.decorator_list if d is not dec),
            permission_classes=_permissions(call),
            shape=type_shape(fn.returns, function_args(fn)),
        )
    return None


def _attribute(
    stmt: ast.AnnAssign, call: ast.Call, root: Operation, index: ModuleIndex
) -> PyResolver | None:
    kind = _strawberry_call(call, index)
    resolver = kwarg(call, "resolver")
    if kind is None or resolver is None or not isinstance(stmt.target, ast.Name):
        return None
    fn = index.functions.get(last_name(resolver))
    name = const_str(kwarg(call, "name")) or camel(stmt.target.id)
    args = function_args(fn) if fn is not None else ()
    return PyResolver(
        operation=_operation(kind, root),
        field=name,
        anchor=stmt,
        function=fn,
        guards=tuple(fn.decorator_list) if fn is not None else (),
        permission_classes=_permissions(call),
        shape=type_shape(stmt.annotation, args),
    )


def _permissions(call: ast.Call | None) -> tuple[ast.expr, ...]:
    """`permission_classes=[IsAuthenticated]` and the newer
    `extensions=[PermissionExtension(permissions=[IsAuthenticated()])]`."""
    if call is None:
        return ()
    found = list(_items(kwarg(call, "permission_classes")))
    for ext in _items(kwarg(call, "extensions")):
        if isinstance(ext, ast.Call) and last_name(ext.func) == "PermissionExtension":
            found += _items(kwarg(ext, "permissions") or (ext.args[0] if ext.args else None))
    return tuple(found)


def _items(value: ast.expr | None) -> list[ast.expr]:
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return list(value.elts)
    return [value] if value is not None else []
