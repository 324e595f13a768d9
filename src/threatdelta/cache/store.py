"""A content-addressed cache on disk: bytes under a key, never trusted blindly.

Entries live at `<root>/v<format>/<namespace>/<2 hex>/<62 hex>`; the name is a hash of
(format, namespace, namespace version, key parts), and the entry repeats all of them plus a
checksum (`entry.py`), so a corrupt, truncated, foreign or misplaced file is a miss: it is
counted, deleted and rebuilt by the next `put`. Writes go to a temporary file in the same
folder and are renamed into place, so a reader never sees half an entry. When the folder
grows over `max_bytes`, the least recently used entries are deleted first.

The cache never changes results, only speed: every failure to read or write is a miss.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from pydantic import Field

from threatdelta.cache.entry import (
    ENTRY_FORMAT,
    CacheNamespace,
    RejectReason,
    decode_entry,
    encode_entry,
    entry_digest,
)
from threatdelta.model.base import Frozen, Level, Notification

DEFAULT_CACHE_FOLDER = Path(".threatdelta") / "cache"
_ENTRY_FILE = re.compile(r"^[0-9a-f]{62}$")
_TEMP_PREFIX = ".tmp-"
_STALE_TEMP_SECONDS = 3600
_LOW_WATER = 0.8  # eviction frees space down to this share of max_bytes
_GITIGNORE = "# Created by threatdelta: the cache is not part of the repository.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by threatdelta.\n"
)


class CacheSettings(Frozen):
    folder: Path | None = None  # None: .threatdelta/cache; a relative folder: under the repo
    max_bytes: int = Field(default=512 * 1024 * 1024, ge=1)
    max_entry_bytes: int = Field(default=32 * 1024 * 1024, ge=1)
    enabled: bool = True


class CacheStats(Frozen):
    hits: int = 0
    misses: int = 0
    writes: int = 0
    write_failures: int = 0
    evicted: int = 0
    rejected: dict[RejectReason, int] = Field(default_factory=dict)


class _Stored(NamedTuple):
    path: Path
    size: int
    mtime: float


def _symlink_between(top: Path, inner: Path) -> Path | None:
    """The first symbolic link on the way from `top` down to `inner`, if any."""
    current = top
    for part in inner.relative_to(top).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


class CacheStore:
    """One cache folder. Counters live on the instance; nothing is shared between stores."""

    def __init__(self, root: Path | None, settings: CacheSettings | None = None) -> None:
        self._settings = settings or CacheSettings()
        self._root = root if self._settings.enabled else None
        self._disabled_reason: str | None = None
        self._counts: Counter[str] = Counter()
        self._rejected: Counter[RejectReason] = Counter()
        self._last_write_error = ""
        self._size: int | None = None  # bytes on disk, learnt at the first write
        self._marked = False

    @classmethod
    def for_repository(cls, repo_root: Path, settings: CacheSettings | None = None) -> CacheStore:
        """The cache of a repository: `.threatdelta/cache/` unless configured. A folder
        inside the repository that is (or goes through) a symbolic link is refused."""
        settings = settings or CacheSettings()
        folder = settings.folder or DEFAULT_CACHE_FOLDER
        if folder.is_absolute():
            return cls(folder, settings)
        repo_root = repo_root.resolve()
        root = repo_root / folder
        link = _symlink_between(repo_root, root)
        if link is None:
            return cls(root, settings)
        store = cls(None, settings)
        store._disabled_reason = f"{link} is a symbolic link; the cache is disabled for this run"
        return store

    @property
    def root(self) -> Path | None:
        return self._root

    def _entry_path(self, root: Path, namespace: CacheNamespace, key_parts: Sequence[str]) -> Path:
        digest = entry_digest(namespace, key_parts)
        return root / f"v{ENTRY_FORMAT}" / namespace.name / digest[:2] / digest[2:]

    # -- reading ------------------------------------------------------------------------

    def get(self, namespace: CacheNamespace, key_parts: Sequence[str]) -> bytes | None:
        """The payload stored under the key, or None (missing, or not trustworthy)."""
        if self._root is None:
            return None
        path = self._entry_path(self._root, namespace, key_parts)
        payload = self._load(path, namespace, key_parts)
        if payload is None:
            self._counts["misses"] += 1
            return None
        self._counts["hits"] += 1
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: evicted last
        return payload

    def _load(
        self, path: Path, namespace: CacheNamespace, key_parts: Sequence[str]
    ) -> bytes | None:
        try:
            if path.stat().st_size > self._settings.max_entry_bytes:
                self._reject(path, RejectReason.TOO_LARGE)
                return None
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            self._reject(path, RejectReason.UNREADABLE)
            return None
        result = decode_entry(data, namespace, key_parts)
        if isinstance(result, RejectReason):
            self._reject(path, result)
            return None
        return result

    def discard(
        self, namespace: CacheNamespace, key_parts: Sequence[str], reason: RejectReason
    ) -> None:
        """Drop an entry a caller found unusable (e.g. it no longer validates as a model)."""
        if self._root is not None:
            self._reject(self._entry_path(self._root, namespace, key_parts), reason)

    def _reject(self, path: Path, reason: RejectReason) -> None:
        self._rejected[reason] += 1
        with contextlib.suppress(OSError):
            path.unlink()

    # -- writing ------------------------------------------------------------------------

    def put(self, namespace: CacheNamespace, key_parts: Sequence[str], payload: bytes) -> bool:
        """Store `payload` under the key, atomically; False when it was not stored."""
        if self._root is None:
            return False
        data = encode_entry(namespace, key_parts, payload)
        if len(data) > self._settings.max_entry_bytes:
            return False
        path = self._entry_path(self._root, namespace, key_parts)
        try:
            self._mark_root(self._root)
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, data)
        except OSError as exc:
            self._counts["write_failures"] += 1
            self._last_write_error = exc.strerror or type(exc).__name__
            return False
        self._counts["writes"] += 1
        self._size = (self._size if self._size is not None else self._disk_usage()) + len(data)
        if self._size > self._settings.max_bytes:
            self.prune()
        return True

    def _mark_root(self, root: Path) -> None:
        """Keep the folder out of git and out of backups, once per store."""
        if self._marked:
            return
        root.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            if not (root / name).exists():
                _write_atomically(root / name, text.encode())
        self._marked = True

    # -- size ---------------------------------------------------------------------------

    def _stored(self) -> Iterator[_Stored]:
        """Files this cache owns: entries, and temporary files left by crashed writers."""
        if self._root is None or not self._root.is_dir():
            return
        stale_before = time.time() - _STALE_TEMP_SECONDS
        for dirpath, _dirs, names in os.walk(self._root, followlinks=False):
            for name in names:
                path = Path(dirpath) / name
                try:
                    info = path.lstat()
                except OSError:
                    continue
                stale_temp = name.startswith(_TEMP_PREFIX) and info.st_mtime < stale_before
                if _ENTRY_FILE.match(name) or stale_temp:
                    yield _Stored(path, info.st_size, 0.0 if stale_temp else info.st_mtime)

    def _disk_usage(self) -> int:
        return sum(item.size for item in self._stored())

    def prune(self) -> int:
        """Delete least recently used entries until the cache is well under `max_bytes`;
        the number of files deleted."""
        stored = sorted(self._stored(), key=lambda item: item.mtime)
        total = sum(item.size for item in stored)
        evicted = 0
        if total > self._settings.max_bytes:
            target = int(self._settings.max_bytes * _LOW_WATER)
            for item in stored:
                if total <= target:
                    break
                with contextlib.suppress(OSError):
                    item.path.unlink()
                    total -= item.size
                    evicted += 1
        self._counts["evicted"] += evicted
        self._size = total
        return evicted

    # -- reporting ----------------------------------------------------------------------

    def stats(self) -> CacheStats:
        return CacheStats(
            hits=self._counts["hits"],
            misses=self._counts["misses"],
            writes=self._counts["writes"],
            write_failures=self._counts["write_failures"],
            evicted=self._counts["evicted"],
            rejected=dict(self._rejected),
        )

    def notifications(self) -> tuple[Notification, ...]:
        """What a report should say about the cache: refused, rejected or failed entries."""
        notes: list[Notification] = []
        if self._disabled_reason:
            notes.append(_note(Level.WARNING, "cache-disabled", self._disabled_reason))
        rejected = sum(self._rejected.values())
        if rejected:
            detail = ", ".join(f"{r.value}: {n}" for r, n in sorted(self._rejected.items()))
            notes.append(
                _note(
                    Level.NOTE,
                    "cache-entries-rejected",
                    f"{rejected} cache entries were corrupt, foreign or stale and were ignored "
                    f"and rebuilt ({detail})",
                )
            )
        if self._counts["write_failures"]:
            notes.append(
                _note(
                    Level.WARNING,
                    "cache-write-failed",
                    f"{self._counts['write_failures']} cache entries could not be written "
                    f"({self._last_write_error}); results are unaffected, runs are slower",
                )
            )
        return tuple(notes)


def _note(level: Level, code: str, message: str) -> Notification:
    return Notification(level=level, code=code, message=message)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file next to `path`, then rename it over `path`."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
