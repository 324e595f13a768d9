"""Resolve the `entity:<module>#<Name>` store references of Spring Data repositories: a
repository interface stands for the store of its entity class, which is usually declared
in another file. Each reference becomes the entity's store key (matched like any symbol:
exact module, else by path suffix, nearest to the repository on a tie); an unresolved one
is dropped, so the repository names no store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from threatdelta.model.fragment import ModelFragment, StoreSymbol, SymbolRef

ENTITY_REF = "entity:"


def resolve_entity_symbols(fragments: Sequence[ModelFragment]) -> list[ModelFragment]:
    declared: dict[str, list[tuple[SymbolRef, str]]] = defaultdict(list)
    for frag in fragments:
        for sym in frag.store_symbols:
            if not sym.datastore.startswith(ENTITY_REF):
                declared[sym.symbol.name].append((sym.symbol, sym.datastore))
    return [_resolved(frag, declared) for frag in fragments]


def _resolved(
    frag: ModelFragment, declared: dict[str, list[tuple[SymbolRef, str]]]
) -> ModelFragment:
    if not any(s.datastore.startswith(ENTITY_REF) for s in frag.store_symbols):
        return frag
    symbols: list[StoreSymbol] = []
    for sym in frag.store_symbols:
        if not sym.datastore.startswith(ENTITY_REF):
            symbols.append(sym)
            continue
        module, _, name = sym.datastore[len(ENTITY_REF) :].rpartition("#")
        key = _lookup(declared.get(name, []), module, frag.path)
        if key is not None:
            symbols.append(sym.model_copy(update={"datastore": key}))
    return frag.model_copy(update={"store_symbols": tuple(symbols)})


def _lookup(candidates: list[tuple[SymbolRef, str]], module: str, near: str) -> str | None:
    found = [(ref, key) for ref, key in candidates if _same_module(ref.module, module)]
    keys = {key for _, key in found}
    if len(keys) > 1:
        best = max(_shared(ref.module, near) for ref, _ in found)
        keys = {key for ref, key in found if _shared(ref.module, near) == best}
    return keys.pop() if len(keys) == 1 else None


def _same_module(declared: str, wanted: str) -> bool:
    return declared == wanted or declared.endswith("/" + wanted) or wanted.endswith("/" + declared)


def _shared(module: str, path: str) -> int:
    a, b = module.split("/"), path.split("/")
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
