"""Graphene: fields of root `ObjectType` classes (`Query`, `Mutation`, mixins such as
`UserQuery`) with their `resolve_<name>` methods, and mutations declared as
`create_user = CreateUser.Field()` resolved by `CreateUser.mutate`."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from threatdelta.extractors.web.graphql.operations import FieldShape, camel, operation_of_type
from threatdelta.extractors.web.graphql.python_fields import (
    PyResolver,
    call_args,
    function_args,
    type_shape,
)
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import FunctionNode, const_str, kwarg, last_name

_OBJECT_TYPES = frozenset({"ObjectType", "DjangoObjectType", "SQLAlchemyObjectType"})
_MUTATIONS = frozenset({"Mutation", "ClientIDMutation", "DjangoModelFormMutation"})
_MUTATE = ("mutate", "mutate_and_get_payload", "perform_mutate")


def _qualified_bases(cls: ast.ClassDef, index: ModuleIndex) -> list[str]:
    return [index.imports.qualify(b) for b in cls.bases]


def _is_graphene(qualified: str, names: frozenset[str]) -> bool:
    return qualified.startswith("graphene") and qualified.rsplit(".", 1)[-1] in names


def is_object_type(cls: ast.ClassDef, index: ModuleIndex, depth: int = 0) -> bool:
    """A Graphene object type, directly or through a base class of this module."""
    for base, qualified in zip(cls.bases, _qualified_bases(cls, index), strict=True):
        if _is_graphene(qualified, _OBJECT_TYPES):
            return True
        local = index.classes.get(last_name(base))
        deeper = local is not None and local is not cls and depth < 4
        if deeper and local is not None and is_object_type(local, index, depth + 1):
            return True
    return False


def graphene_resolvers(index: ModuleIndex) -> Iterator[PyResolver]:
    for cls in index.classes.values():
        operation = operation_of_type(cls.name)
        if operation is None or not is_object_type(cls, index):
            continue
        methods = {
            s.name: s for s in cls.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        for stmt in cls.body:
            if not (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)):
                continue
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    found = _field(target.id, stmt.value, methods, index)
                    if found is not None:
                        fn, shape = found
                        name = const_str(kwarg(stmt.value, "name")) or camel(target.id)
                        guards = tuple(fn.decorator_list) if fn is not None else ()
                        yield PyResolver(operation, name, stmt, fn, guards, shape=shape)


def _field(
    attr: str, call: ast.Call, methods: dict[str, FunctionNode], index: ModuleIndex
) -> tuple[FunctionNode | None, FieldShape] | None:
    """The resolver and shape of `attr = <field call>`, None when the call is no field."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "Field":
        mutation = index.classes.get(last_name(func.value))
        if mutation is not None and _mutation_class(mutation, index):
            return _mutate(mutation), FieldShape(args=_mutation_args(mutation))
    qualified = index.imports.qualify(func)
    if not (qualified.startswith("graphene") or last_name(func).endswith("Field")):
        return None
    args = call_args(call)
    resolver = kwarg(call, "resolver")
    fn = methods.get(f"resolve_{attr}")
    if resolver is not None:
        fn = index.functions.get(last_name(resolver)) or methods.get(last_name(resolver))
    if fn is not None:
        args = tuple(dict.fromkeys((*args, *function_args(fn))))
    return fn, type_shape(call, args)


def _mutation_class(cls: ast.ClassDef, index: ModuleIndex) -> bool:
    quals = _qualified_bases(cls, index)
    return any(_is_graphene(q, _MUTATIONS) or q.endswith("Mutation") for q in quals) or any(
        isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) and s.name in _MUTATE
        for s in cls.body
    )


def _mutate(cls: ast.ClassDef) -> FunctionNode | None:
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name in _MUTATE:
            return stmt
    return None


def _mutation_args(cls: ast.ClassDef) -> tuple[str, ...]:
    names: list[str] = []
    for stmt in cls.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name in ("Arguments", "Input"):
            for inner in stmt.body:
                if isinstance(inner, ast.Assign):
                    names += [t.id for t in inner.targets if isinstance(t, ast.Name)]
    return tuple(names)
