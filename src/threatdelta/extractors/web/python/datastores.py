"""The data stores a module declares and the ones its handlers use: ORM model classes and
table objects (`orm_models`), module-level clients (`store_clients`), and the accesses of
handler bodies (`store_access`), which the linker turns into endpoint -> data store flows."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.orm_models import model_classes, table_objects
from threatdelta.extractors.web.python.store_access import StoreAccessFinder
from threatdelta.extractors.web.python.store_clients import client_stores
from threatdelta.extractors.web.python.store_decls import DeclaredStores
from threatdelta.extractors.web.python.syntax import FunctionNode, ModuleNodes
from threatdelta.model.elements import DataStore
from threatdelta.model.fragment import StoreAccess, StoreSymbol


@dataclass(frozen=True)
class ModuleStores:
    datastores: tuple[DataStore, ...] = ()
    symbols: tuple[StoreSymbol, ...] = ()
    accesses: tuple[StoreAccess, ...] = ()


def module_stores(
    path: str,
    tree: ast.Module,
    nodes: ModuleNodes,
    index: ModuleIndex,
    handlers: Sequence[FunctionNode],
) -> ModuleStores:
    declared = DeclaredStores(module=index.imports.module)
    if nodes.classes:
        model_classes(nodes.classes, index, path, declared)
    table_objects(tree, index, path, declared)
    client_stores(tree, index, path, declared)
    accesses: list[StoreAccess] = []
    if handlers:
        finder = StoreAccessFinder(path, nodes.calls, index, declared.names())
        accesses = finder.accesses(handlers)
    return ModuleStores(
        datastores=tuple(declared.stores),
        symbols=tuple(declared.symbols),
        accesses=tuple(accesses),
    )
