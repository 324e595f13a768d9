"""Link data stores across fragments: merge what several files say of one store, and turn
the data-store accesses of handlers into flows from the endpoints those handlers serve.

A handler and the store it uses are often in different files (`from .models import
Patient`), and the endpoint's full path is known only once mounts are resolved, so an
extractor records a `StoreAccess` by handler location and symbol; here the symbol is
resolved to the `StoreSymbol` that declares it (exact module, else by path suffix or as a
package re-export, nearest to the using file first) and the handler to its endpoints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from threatdelta.model.base import DataClass, Level, Location, Notification
from threatdelta.model.elements import DataFlow, DataStore, Endpoint
from threatdelta.model.fragment import ModelFragment, SymbolRef


def merge_datastores(stores: Iterable[DataStore]) -> tuple[DataStore, ...]:
    """One store per key: evidence, fields and data classes of every view, first seen first
    (two model classes on one table, a single-table subclass adding columns)."""
    views: dict[str, list[DataStore]] = defaultdict(list)
    for store in stores:
        views[store.key].append(store)
    return tuple(_merge_views(found) for found in views.values())


def _merge_views(views: list[DataStore]) -> DataStore:
    if len(views) == 1:
        return views[0]
    found = {c for view in views for c in view.data_classes}
    return views[0].model_copy(
        update={
            "evidence": tuple(dict.fromkeys(ev for view in views for ev in view.evidence)),
            "fields": tuple(dict.fromkeys(f for view in views for f in view.fields)),
            "data_classes": tuple(c for c in DataClass if c in found),
        }
    )


def _contains_module(declared: str, wanted: str) -> bool:
    """Does the import candidate `wanted` name the module `declared`? Exact, by path suffix
    (`app/models` for `src/app/models`), the other way round, or as the package that
    re-exports it (`app/models` for `app/models/patient`)."""
    return f"/{wanted}/" in f"/{declared}/" or wanted.endswith("/" + declared) or declared == wanted


def _shared_folders(module: str, path: str) -> int:
    """How many leading folders two repository paths have in common."""
    a, b = module.split("/")[:-1], path.split("/")[:-1]
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


class _Symbols:
    """Declared store symbols, and the resolution of the refs handlers use."""

    def __init__(self, fragments: Sequence[ModelFragment]) -> None:
        self.exact: dict[SymbolRef, str] = {}
        self.by_name: dict[str, list[SymbolRef]] = defaultdict(list)
        self.ambiguous: dict[tuple[SymbolRef, str], tuple[str, ...]] = {}
        self._memo: dict[tuple[SymbolRef, str], str | None] = {}
        for frag in fragments:
            for decl in frag.store_symbols:
                if decl.symbol not in self.exact:
                    self.exact[decl.symbol] = decl.datastore
                    self.by_name[decl.symbol.name].append(decl.symbol)

    def resolve(self, ref: SymbolRef, near: str) -> str | None:
        """The data store key `ref` stands for, seen from the file `near`; None when it
        names no store, or several equally near ones."""
        memo_key = (ref, near)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._resolve(ref, near)
        return self._memo[memo_key]

    def _resolve(self, ref: SymbolRef, near: str) -> str | None:
        if ref in self.exact:
            return self.exact[ref]
        found = [
            d for d in self.by_name.get(ref.name, ()) if _contains_module(d.module, ref.module)
        ]
        if len({self.exact[d] for d in found}) > 1:
            closeness = {d: _shared_folders(d.module, near) for d in found}
            best = max(closeness.values())
            found = [d for d in found if closeness[d] == best]
        keys = tuple(dict.fromkeys(self.exact[d] for d in found))
        if len(keys) > 1:
            self.ambiguous[(ref, near)] = keys
        return keys[0] if len(keys) == 1 else None


def _by_handler(endpoints: Iterable[Endpoint]) -> dict[Location, list[Endpoint]]:
    served: dict[Location, list[Endpoint]] = defaultdict(list)
    for ep in endpoints:
        if ep.handler is not None:
            served[ep.handler].append(ep)
    return served


def _ambiguity_notes(symbols: _Symbols) -> list[Notification]:
    return [
        Notification(
            level=Level.NOTE,
            code="ambiguous-datastore",
            path=near,
            message=f"'{ref.name}' from '{ref.module}' matches several data stores "
            f"({', '.join(keys)}); no data flow is recorded for it",
        )
        for (ref, near), keys in symbols.ambiguous.items()
    ]


def store_flows(
    fragments: Sequence[ModelFragment],
    endpoints: Iterable[Endpoint],
    stores: Iterable[DataStore],
) -> tuple[tuple[DataFlow, ...], tuple[Notification, ...]]:
    """Flows `endpoint -> datastore` (protocol: the store's kind) for every access whose
    symbol names a known store and whose handler serves a linked endpoint. Accesses
    through names that are not stores (an imported schema class) are dropped silently."""
    symbols = _Symbols(fragments)
    served = _by_handler(endpoints)
    by_key = {s.key: s for s in stores}
    flows: dict[str, DataFlow] = {}
    for frag in fragments:
        for access in frag.store_accesses:
            targets = served.get(access.handler)
            key = symbols.resolve(access.symbol, frag.path) if targets else None
            store = by_key.get(key) if key else None
            if store is None or targets is None:
                continue
            for ep in targets:
                flow = DataFlow(
                    source=ep.key,
                    target=store.key,
                    protocol=store.kind_of,
                    evidence=access.evidence,
                    data_classes=store.data_classes,
                )
                old = flows.get(flow.key)
                if old is not None:
                    evidence = tuple(dict.fromkeys((*old.evidence, *flow.evidence)))
                    flow = old.model_copy(update={"evidence": evidence})
                flows[flow.key] = flow
    ordered = tuple(sorted(flows.values(), key=lambda f: f.key))
    return ordered, tuple(_ambiguity_notes(symbols))
