"""Spring Data repositories resolved to the store of their entity across files."""

from __future__ import annotations

from threatdelta.model.fragment import ModelFragment, StoreSymbol, SymbolRef
from threatdelta.model.link_spring_stores import resolve_entity_symbols


def _fragment(path: str, *symbols: tuple[str, str, str]) -> ModelFragment:
    return ModelFragment(
        path=path,
        extractor="spring",
        store_symbols=tuple(
            StoreSymbol(symbol=SymbolRef(module=module, name=name), datastore=key)
            for module, name, key in symbols
        ),
    )


ENTITY = _fragment(
    "svc/src/main/java/com/x/model/Account.java",
    ("svc/src/main/java/com/x/model/Account", "Account", "datastore:sql:accounts"),
)


def test_entity_reference_becomes_the_entitys_store_key() -> None:
    repo = _fragment(
        "svc/src/main/java/com/x/repo/AccountRepository.java",
        (
            "svc/src/main/java/com/x/repo/AccountRepository",
            "AccountRepository",
            "entity:com/x/model/Account#Account",
        ),
    )
    resolved = resolve_entity_symbols([ENTITY, repo])
    assert [s.datastore for s in resolved[1].store_symbols] == ["datastore:sql:accounts"]
    assert resolved[0] == ENTITY


def test_unresolved_entity_reference_is_dropped() -> None:
    repo = _fragment(
        "svc/src/main/java/com/x/repo/CardRepository.java",
        ("svc/src/main/java/com/x/repo/CardRepository", "CardRepository", "entity:com/x/Card#Card"),
    )
    assert resolve_entity_symbols([ENTITY, repo])[1].store_symbols == ()
