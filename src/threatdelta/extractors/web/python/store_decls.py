"""What one module declares about data stores: the stores, and the module-level names (model
classes, table objects, clients) that stand for them."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import DataStore
from threatdelta.model.fragment import StoreSymbol, SymbolRef


@dataclass
class DeclaredStores:
    module: str  # this file's module path, as `SymbolRef.module`
    stores: list[DataStore] = field(default_factory=list)
    symbols: list[StoreSymbol] = field(default_factory=list)
    _keys: dict[str, str] = field(default_factory=dict)  # local name -> store key

    def add(self, store: DataStore, *names: str) -> None:
        self.stores.append(store)
        self.alias(store.key, *names)

    def alias(self, key: str, *names: str) -> None:
        """Let more local names stand for the store `key` (a client's database handle)."""
        for name in names:
            if name in self._keys:
                continue
            self._keys[name] = key
            self.symbols.append(
                StoreSymbol(symbol=SymbolRef(module=self.module, name=name), datastore=key)
            )

    def names(self) -> frozenset[str]:
        return frozenset(self._keys)


def definition_evidence(path: str, node: ast.stmt) -> tuple[Evidence, ...]:
    """The declaring statement, from its first decorator to its last line."""
    decorators = getattr(node, "decorator_list", ())
    start = min([node.lineno, *(d.lineno for d in decorators)])
    end = max(start, node.end_lineno or start)
    return (Evidence(location=Location(path=path, start_line=start, end_line=end)),)
