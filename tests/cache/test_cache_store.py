"""The on-disk cache: hits and misses, untrustworthy entries, atomic writes, eviction."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from threatdelta.cache.entry import CacheNamespace, RejectReason
from threatdelta.cache.store import CacheSettings, CacheStore

NS = CacheNamespace(name="fragments", version="1")
KEY = ("python-web", "3", "app/api.py", "a" * 40)


@pytest.fixture
def store(tmp_path: Path) -> CacheStore:
    return CacheStore(tmp_path / "cache")


def _entry_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and len(p.name) == 62)


def _only_entry(root: Path) -> Path:
    [entry] = _entry_files(root)
    return entry


def test_miss_then_put_then_hit(store: CacheStore) -> None:
    assert store.get(NS, KEY) is None
    assert store.put(NS, KEY, b"payload \x00 bytes")
    assert store.get(NS, KEY) == b"payload \x00 bytes"
    stats = store.stats()
    assert (stats.hits, stats.misses, stats.writes) == (1, 1, 1)
    assert store.notifications() == ()


def test_every_key_part_and_the_namespace_version_matter(store: CacheStore) -> None:
    store.put(NS, KEY, b"v1")
    assert store.get(NS, (*KEY[:3], "b" * 40)) is None
    assert store.get(NS, KEY[:3]) is None
    assert store.get(CacheNamespace(name="fragments", version="2"), KEY) is None
    assert store.get(NS, ("python-web", "3", "app/api.py" + "a" * 40)) is None
    assert store.get(NS, KEY) == b"v1"


def test_entry_is_written_under_the_namespace_with_a_header(store: CacheStore) -> None:
    store.put(NS, KEY, b"payload")
    assert store.root is not None
    entry = _only_entry(store.root)
    assert entry.parent.parent.name == "fragments"
    data = entry.read_bytes()
    assert data.startswith(b"threatdelta-cache\n") and data.endswith(b"\npayload")
    assert b'"key":["python-web","3","app/api.py"' in data


def _rejected_then_rebuilt(store: CacheStore, reason: RejectReason) -> None:
    assert store.get(NS, KEY) is None
    assert store.stats().rejected == {reason: 1}
    assert store.root is not None and _entry_files(store.root) == []  # the bad entry is gone
    [note] = store.notifications()
    assert note.code == "cache-entries-rejected" and reason.value in note.message
    assert store.put(NS, KEY, b"rebuilt")
    assert store.get(NS, KEY) == b"rebuilt"


def test_truncated_entry_is_ignored_and_rebuilt(store: CacheStore) -> None:
    store.put(NS, KEY, b"a longer payload that gets cut")
    assert store.root is not None
    entry = _only_entry(store.root)
    entry.write_bytes(entry.read_bytes()[:-5])
    _rejected_then_rebuilt(store, RejectReason.TRUNCATED)


def test_entry_truncated_inside_its_header_is_ignored(store: CacheStore) -> None:
    store.put(NS, KEY, b"payload")
    assert store.root is not None
    entry = _only_entry(store.root)
    entry.write_bytes(entry.read_bytes()[:40])
    _rejected_then_rebuilt(store, RejectReason.TRUNCATED)


def test_flipped_payload_byte_fails_the_checksum(store: CacheStore) -> None:
    store.put(NS, KEY, b"payload")
    assert store.root is not None
    entry = _only_entry(store.root)
    data = bytearray(entry.read_bytes())
    data[-3] ^= 0x01
    entry.write_bytes(bytes(data))
    _rejected_then_rebuilt(store, RejectReason.CHECKSUM)


def test_flipped_header_byte_is_a_bad_header(store: CacheStore) -> None:
    store.put(NS, KEY, b"payload")
    assert store.root is not None
    entry = _only_entry(store.root)
    data = entry.read_bytes()
    entry.write_bytes(data.replace(b'"format":1', b'"format":1}', 1))
    _rejected_then_rebuilt(store, RejectReason.BAD_HEADER)


def test_entry_of_another_namespace_at_this_address_is_not_trusted(
    store: CacheStore, tmp_path: Path
) -> None:
    other = CacheStore(tmp_path / "other")
    other.put(CacheNamespace(name="llm-answers", version="1"), KEY, b"not a fragment")
    assert other.root is not None and store.root is not None
    store.put(NS, KEY, b"genuine")
    target = _only_entry(store.root)
    target.write_bytes(_only_entry(other.root).read_bytes())
    _rejected_then_rebuilt(store, RejectReason.KEY_MISMATCH)


def test_garbage_file_is_foreign(store: CacheStore) -> None:
    store.put(NS, KEY, b"payload")
    assert store.root is not None
    _only_entry(store.root).write_bytes(b"\x00\xffnot a cache entry at all")
    _rejected_then_rebuilt(store, RejectReason.FOREIGN)


def test_oversized_file_is_not_read(tmp_path: Path) -> None:
    store = CacheStore(tmp_path / "cache", CacheSettings(max_entry_bytes=1_000))
    store.put(NS, KEY, b"small")
    assert store.root is not None
    _only_entry(store.root).write_bytes(b"x" * 5_000)
    _rejected_then_rebuilt(store, RejectReason.TOO_LARGE)


def test_payload_over_the_entry_limit_is_not_stored(tmp_path: Path) -> None:
    store = CacheStore(tmp_path / "cache", CacheSettings(max_entry_bytes=1_000))
    assert not store.put(NS, KEY, b"x" * 2_000)
    assert store.get(NS, KEY) is None


def test_writes_leave_no_temporary_files_and_replace_entries_whole(store: CacheStore) -> None:
    store.put(NS, KEY, b"first")
    store.put(NS, KEY, b"second")
    assert store.root is not None
    leftovers = [p for p in store.root.rglob(".tmp-*")]
    assert leftovers == []
    assert store.get(NS, KEY) == b"second"


def test_failed_write_keeps_the_old_entry_and_is_reported(
    store: CacheStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.put(NS, KEY, b"old")

    def refuse(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    assert not store.put(NS, KEY, b"new")
    monkeypatch.undo()
    assert store.root is not None
    assert list(store.root.rglob(".tmp-*")) == []
    assert store.get(NS, KEY) == b"old"
    assert store.stats().write_failures == 1
    assert [n.code for n in store.notifications()] == ["cache-write-failed"]


def _age(store: CacheStore, key: tuple[str, ...], seconds_ago: int) -> None:
    assert store.root is not None
    for path in _entry_files(store.root):
        if f'"{key[-1]}"'.encode() in path.read_bytes()[:500]:
            stamp = path.stat().st_mtime - seconds_ago
            os.utime(path, (stamp, stamp))


def test_over_the_size_limit_the_least_recently_used_entries_go_first(tmp_path: Path) -> None:
    store = CacheStore(tmp_path / "cache", CacheSettings(max_bytes=2_000))
    keys = [("k", str(n)) for n in range(4)]
    for age, key in zip((400, 300, 200, 100), keys, strict=True):
        store.put(NS, key, b"x" * 300)
        _age(store, key, age)
    assert store.get(NS, keys[0]) is not None  # reading it makes it recent
    store.put(NS, ("k", "4"), b"x" * 300)  # 5 entries of 482 bytes: over 2,000
    present = [key for key in [*keys, ("k", "4")] if store.get(NS, key) is not None]
    assert present == [keys[0], keys[3], ("k", "4")]
    assert store.stats().evicted == 2


def test_prune_deletes_stale_temporary_files_but_nothing_it_does_not_own(
    tmp_path: Path,
) -> None:
    store = CacheStore(tmp_path / "cache", CacheSettings(max_bytes=1))
    store.put(NS, KEY, b"payload")
    assert store.root is not None
    stale = store.root / "v1" / ".tmp-crashed"
    stale.write_bytes(b"half")
    os.utime(stale, (1_000, 1_000))
    fresh = store.root / "v1" / ".tmp-writing"
    fresh.write_bytes(b"in progress")
    notes = store.root / "notes.txt"
    notes.write_text("mine")
    store.prune()
    assert not stale.exists()
    assert fresh.exists() and notes.exists()
    assert (store.root / ".gitignore").exists()


def test_repository_cache_lives_in_dot_threatdelta_and_is_ignored_by_git(
    tmp_path: Path,
) -> None:
    store = CacheStore.for_repository(tmp_path)
    assert store.root == tmp_path.resolve() / ".threatdelta" / "cache"
    store.put(NS, KEY, b"payload")
    assert (store.root / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (store.root / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f59")


def test_configured_folder_is_used_relative_to_the_repository(tmp_path: Path) -> None:
    store = CacheStore.for_repository(tmp_path, CacheSettings(folder=Path("build/td-cache")))
    assert store.root == tmp_path.resolve() / "build" / "td-cache"
    elsewhere = tmp_path / "elsewhere"
    absolute = CacheStore.for_repository(tmp_path, CacheSettings(folder=elsewhere))
    assert absolute.root == elsewhere


def test_cache_folder_linked_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    (repo / ".threatdelta").mkdir(parents=True)
    outside.mkdir()
    os.symlink(outside, repo / ".threatdelta" / "cache")
    store = CacheStore.for_repository(repo)
    assert not store.put(NS, KEY, b"payload")
    assert store.get(NS, KEY) is None
    assert list(outside.iterdir()) == []
    assert [n.code for n in store.notifications()] == ["cache-disabled"]


def test_disabled_cache_never_stores(tmp_path: Path) -> None:
    store = CacheStore(tmp_path / "cache", CacheSettings(enabled=False))
    assert not store.put(NS, KEY, b"payload")
    assert store.get(NS, KEY) is None
    assert not (tmp_path / "cache").exists()


def test_stores_do_not_share_counters(tmp_path: Path) -> None:
    first, second = CacheStore(tmp_path / "a"), CacheStore(tmp_path / "b")
    first.get(NS, KEY)
    assert (first.stats().misses, second.stats().misses) == (1, 0)


@pytest.mark.parametrize("name", ["", "Upper", "../escape", "a/b", "x" * 65])
def test_namespace_names_are_safe_folder_names(name: str) -> None:
    with pytest.raises(ValueError):
        CacheNamespace(name=name, version="1")
