"""Ariadne: `query = QueryType()` / `MutationType()` / `SubscriptionType()` /
`ObjectType("Query")` bindings, their `@query.field("x")` (and `@subscription.source("x")`)
resolvers and `query.set_field("x", fn)` calls; field shapes from SDL strings of the
module (`type_defs = gql(\"\"\"...\"\"\")`)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from types import MappingProxyType

from threatdelta.extractors.web.graphql.operations import Operation
from threatdelta.extractors.web.graphql.python_fields import PyResolver
from threatdelta.extractors.web.graphql.sdl import Sdl, looks_like_sdl
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import ModuleNodes, const_str, dotted, last_name

_ROOT_TYPES = MappingProxyType(
    {
        "QueryType": Operation.QUERY,
        "MutationType": Operation.MUTATION,
        "SubscriptionType": Operation.SUBSCRIPTION,
    }
)
_BY_NAME = MappingProxyType(
    {
        "Query": Operation.QUERY,
        "Mutation": Operation.MUTATION,
        "Subscription": Operation.SUBSCRIPTION,
    }
)
_DECORATORS = frozenset({"field", "source"})


def ariadne_roots(nodes: ModuleNodes, index: ModuleIndex) -> dict[str, Operation]:
    """Module names bound to Ariadne root types."""
    roots: dict[str, Operation] = {}
    for node in nodes.assigns:
        value = node.value
        if not isinstance(value, ast.Call):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        qualified = index.imports.qualify(value.func)
        if not qualified.startswith("ariadne"):
            continue
        kind = qualified.rsplit(".", 1)[-1]
        operation = _ROOT_TYPES.get(kind)
        if kind == "ObjectType" and value.args:
            operation = _BY_NAME.get(const_str(value.args[0]) or "")
        if operation is not None:
            roots.update((t.id, operation) for t in targets if isinstance(t, ast.Name))
    return roots


def ariadne_resolvers(
    nodes: ModuleNodes, index: ModuleIndex, roots: dict[str, Operation]
) -> Iterator[PyResolver]:
    for fn in nodes.functions:
        for dec in fn.decorator_list:
            root = _root_call(dec, roots, _DECORATORS)
            if root is None:
                continue
            operation, name = root
            others = tuple(d for d in fn.decorator_list if d is not dec)
            yield PyResolver(operation, name, dec, fn, others)
            break
    for call in nodes.calls:
        root = _root_call(call, roots, frozenset({"set_field", "set_source"}))
        if root is not None and len(call.args) > 1:
            target = index.functions.get(last_name(call.args[1]))
            guards = tuple(target.decorator_list) if target is not None else ()
            yield PyResolver(root[0], root[1], call, target, guards)


def _root_call(
    node: ast.expr, roots: dict[str, Operation], methods: frozenset[str]
) -> tuple[Operation, str] | None:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    if node.func.attr not in methods or not node.args:
        return None
    operation = roots.get(dotted(node.func.value) or "")
    name = const_str(node.args[0])
    return (operation, name) if operation is not None and name else None


def sdl_texts(nodes: ModuleNodes) -> list[str]:
    """String literals of the module that are schema text: `gql("...")` arguments and
    assigned strings that declare a type."""
    texts: list[str] = []
    for call in nodes.calls:
        if last_name(call.func) == "gql" and call.args:
            text = const_str(call.args[0])
            if text is not None:
                texts.append(text)
    for node in nodes.assigns:
        text = const_str(node.value)
        if text is not None and looks_like_sdl(text) and "{" in text:
            texts.append(text)
    return list(dict.fromkeys(texts))


def root_type_name(operation: Operation) -> str:
    return next(name for name, op in _BY_NAME.items() if op is operation)


def shape_from_sdl(sdl: Sdl, resolver: PyResolver) -> PyResolver:
    shape = sdl.shape(root_type_name(resolver.operation), resolver.field)
    if shape is None:
        return resolver
    return PyResolver(
        resolver.operation,
        resolver.field,
        resolver.anchor,
        resolver.function,
        resolver.guards,
        resolver.permission_classes,
        shape,
    )
