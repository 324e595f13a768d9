"""The extraction of one commit, read from git (never from the work tree) and cached by
content: a file's fragments are keyed by (code fingerprint, path, git blob id), so a warm
cache re-parses only the files a change touched, and a whole commit by its id."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from threatdelta.cache.entry import CacheNamespace
from threatdelta.cache.models import ModelCache
from threatdelta.cache.store import CacheStore
from threatdelta.diff.context import CommitContext
from threatdelta.diff.git_objects import TreeEntry
from threatdelta.extractors.base import Extractor, SourceFile
from threatdelta.findings.threat import Threat
from threatdelta.model.base import Frozen, Level, Notification
from threatdelta.model.fragment import ModelFragment
from threatdelta.sources import ReadLimits, decode_source, is_skipped_dir, selection_of

if TYPE_CHECKING:
    from threatdelta.diff.git import Repository

Extract = Callable[[SourceFile], tuple[list[ModelFragment], list[Notification]]]

FILES = CacheNamespace(name="file-extraction", version="1")
CONTEXTS = CacheNamespace(name="commit-context", version="1")
THREATS = CacheNamespace(name="commit-threats", version="1")


class FileAnalysis(Frozen):
    path: str
    blob_id: str
    fragments: tuple[ModelFragment, ...] = ()
    notifications: tuple[Notification, ...] = ()

    @property
    def analysed(self) -> bool:
        return bool(self.fragments)


class Snapshot(Frozen):
    commit: str
    files: tuple[FileAnalysis, ...] = ()
    notifications: tuple[Notification, ...] = ()  # budget hits

    def fragments(self) -> list[ModelFragment]:
        return [frag for f in self.files for frag in f.fragments]

    def file_notifications(self) -> list[Notification]:
        return [n for f in self.files for n in f.notifications]


class CommitThreats(Frozen):
    """The threats of a whole commit and what its analysis reported."""

    commit: str
    threats: tuple[Threat, ...]
    notifications: tuple[Notification, ...]


class SnapshotCaches:
    """The cache levels, for one code fingerprint (any change to threatdelta's code makes
    every entry miss: the cache never changes results, only speed): each file's extraction
    by blob, and per base commit its link context and its threats."""

    def __init__(self, store: CacheStore, fingerprint: str) -> None:
        self.files = ModelCache(store, FILES, FileAnalysis)
        self.contexts = ModelCache(store, CONTEXTS, CommitContext)
        self.threats = ModelCache(store, THREATS, CommitThreats)
        self.fingerprint = fingerprint


def candidate_entries(
    repo: Repository, commit: str, extractors: Sequence[Extractor]
) -> list[TreeEntry]:
    selection = selection_of(extractors)
    return [
        e
        for e in repo.list_files(commit)
        if selection.selects(e.path) and not is_skipped_dir(e.path)
    ]


def _analyse_entry(
    repo: Repository, entry: TreeEntry, extract: Extract, limits: ReadLimits
) -> FileAnalysis:
    content = repo.read_blob(entry, limits.max_file_bytes)
    if isinstance(content, Notification):
        return FileAnalysis(path=entry.path, blob_id=entry.blob_id, notifications=(content,))
    source = decode_source(entry.path, content.data)
    if isinstance(source, Notification):
        return FileAnalysis(path=entry.path, blob_id=entry.blob_id, notifications=(source,))
    fragments, notes = extract(source)
    return FileAnalysis(
        path=entry.path,
        blob_id=entry.blob_id,
        fragments=tuple(fragments),
        notifications=tuple(notes),
    )


def build_snapshot(
    repo: Repository,
    commit: str,
    entries: Sequence[TreeEntry],
    extract: Extract,
    limits: ReadLimits,
    *,
    caches: SnapshotCaches | None = None,
) -> Snapshot:
    """Every candidate file of `commit`, each from the file cache or extracted."""
    files: list[FileAnalysis] = []
    notes: list[Notification] = []
    total = 0
    for entry in entries:
        if len(files) >= limits.max_files or total >= limits.max_total_bytes:
            notes.append(_budget_note(limits, len(entries) - len(files)))
            break
        total += entry.size
        files.append(file_analysis(repo, entry, extract, limits, caches))
    return Snapshot(commit=commit, files=tuple(files), notifications=tuple(notes))


def file_analysis(
    repo: Repository,
    entry: TreeEntry,
    extract: Extract,
    limits: ReadLimits,
    caches: SnapshotCaches | None,
) -> FileAnalysis:
    """One file at one blob: from the cache, else read from git and extracted."""
    key = (caches.fingerprint, entry.path, entry.blob_id) if caches else ()
    if caches is not None:
        hit = caches.files.get(key)
        if hit is not None:
            return hit
    analysis = _analyse_entry(repo, entry, extract, limits)
    if caches is not None:
        caches.files.put(key, analysis)
    return analysis


def _budget_note(limits: ReadLimits, left: int) -> Notification:
    return Notification(
        level=Level.ERROR,
        code="budget-exhausted",
        message=f"read budget reached ({limits.max_files} files / {limits.max_total_bytes} "
        f"bytes); {left} file(s) of the commit were not analysed",
    )
