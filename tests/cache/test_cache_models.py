"""Typed caching of pydantic models: round trip, validation on read, schema changes."""

from __future__ import annotations

from pathlib import Path

from threatdelta.cache.entry import CacheNamespace, RejectReason
from threatdelta.cache.models import ModelCache, schema_fingerprint
from threatdelta.cache.store import CacheStore
from threatdelta.model.base import Evidence, Frozen, Level, Location, Notification, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.fragment import ModelFragment, RoutedEndpoint, RouterRef

NS = CacheNamespace(name="fragments", version="1")
KEY = ("flask", "1", "app/users.py", "c" * 40)


def _fragment() -> ModelFragment:
    handler = Location(path="app/users.py", start_line=10, end_line=24)
    endpoint = Endpoint(
        method="POST",
        path="/users/{id}",
        service="app",
        handler=handler,
        evidence=(Evidence(location=handler),),
        authentication=Tri.NO,
    )
    return ModelFragment(
        path="app/users.py",
        extractor="flask",
        endpoints=(
            RoutedEndpoint(router=RouterRef(module="app/users", name="bp"), endpoint=endpoint),
        ),
        notifications=(Notification(level=Level.NOTE, code="x", message="y"),),
    )


def test_fragment_round_trips_equal(tmp_path: Path) -> None:
    cache = ModelCache(CacheStore(tmp_path), NS, ModelFragment)
    assert cache.get(KEY) is None
    assert cache.put(KEY, _fragment())
    assert cache.get(KEY) == _fragment()


def test_payload_that_does_not_validate_is_a_miss_and_is_dropped(tmp_path: Path) -> None:
    store = CacheStore(tmp_path)
    cache = ModelCache(store, NS, ModelFragment)
    cache.put(KEY, _fragment())
    raw_key = ("ModelFragment", schema_fingerprint(ModelFragment), *KEY)
    assert store.get(NS, raw_key) is not None
    store.put(NS, raw_key, b'{"path": "app/users.py", "extractor": 3, "surprise": true}')
    assert cache.get(KEY) is None
    assert store.stats().rejected == {RejectReason.INVALID_MODEL: 1}
    assert store.get(NS, raw_key) is None  # dropped, to be rebuilt


class _Old(Frozen):
    path: str


class _New(Frozen):
    path: str
    lines: int = 0


def test_a_model_whose_shape_changed_does_not_read_old_entries(tmp_path: Path) -> None:
    store = CacheStore(tmp_path)
    ModelCache(store, NS, _Old).put(KEY, _Old(path="a.py"))
    assert schema_fingerprint(_Old) != schema_fingerprint(_New)
    assert ModelCache(store, NS, _New).get(KEY) is None
    assert ModelCache(store, NS, _Old).get(KEY) == _Old(path="a.py")
