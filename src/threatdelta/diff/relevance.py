"""Which changed files matter: a file matters when an extractor claims it at base or head.
Reads only the changed files, so a change that touches nothing we model is decided fast."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from threatdelta.diff.changes import ChangeSet, FileChange
from threatdelta.diff.definitions import definition_bodies
from threatdelta.diff.delta import ChangedFile
from threatdelta.diff.git_objects import DiffRange
from threatdelta.extractors.base import Extractor, SourceFile, wants
from threatdelta.model.base import Frozen, Level, Notification
from threatdelta.sources import ReadLimits, decode_source, is_skipped_dir, selection_of

if TYPE_CHECKING:
    from threatdelta.diff.git import Repository


class FileRelevance(Frozen):
    files: tuple[ChangedFile, ...]
    notifications: tuple[Notification, ...]
    base_bodies: tuple[tuple[str, tuple[str, ...]], ...]  # definition name -> its bodies
    head_bodies: tuple[tuple[str, tuple[str, ...]], ...]
    complete: bool = True  # False when a changed source file could not be read

    @property
    def any_analysed(self) -> bool:
        return any(f.analysed for f in self.files)


def _read(
    repo: Repository, commit: str, path: str | None, limits: ReadLimits
) -> SourceFile | Notification | None:
    if path is None:
        return None
    content = repo.read_file(commit, path, limits.max_file_bytes)
    if content is None or isinstance(content, Notification):
        return content
    return decode_source(path, content.data)


def _claimed(source: SourceFile | Notification | None, extractors: Sequence[Extractor]) -> bool:
    if not isinstance(source, SourceFile):
        return False
    for extractor in extractors:
        if wants(extractor, source):
            try:
                if extractor.claims(source):
                    return True
            except Exception:  # a faulty claims() is reported by extraction itself
                return True
    return False


def _why_not(change: FileChange, sources: Sequence[SourceFile | Notification | None]) -> str:
    if change.skipped is not None:
        return f"not read: {change.skipped.value}"
    if change.binary:
        return "binary file"
    for source in sources:
        if isinstance(source, Notification):
            return source.message
    return "no extractor reads this file"


def classify_files(
    repo: Repository,
    rng: DiffRange,
    changes: ChangeSet,
    extractors: Sequence[Extractor],
    limits: ReadLimits,
) -> FileRelevance:
    selection = selection_of(extractors)
    files: list[ChangedFile] = []
    notes: list[Notification] = []
    incomplete = False
    bodies: dict[str, dict[str, list[str]]] = {"base": defaultdict(list), "head": defaultdict(list)}
    for change in changes.files:
        wanted = any(
            p is not None and selection.selects(p) and not is_skipped_dir(p)
            for p in (change.old_path, change.new_path)
        )
        sides: list[SourceFile | Notification | None] = []
        if wanted and change.lines_known:
            sides = [
                _read(repo, rng.merge_base, change.old_path, limits),
                _read(repo, rng.head.commit, change.new_path, limits),
            ]
        analysed = any(_claimed(s, extractors) for s in sides)
        if wanted and not analysed:
            unread = [s for s in sides if isinstance(s, Notification)]
            notes += unread
            incomplete = incomplete or bool(unread) or change.skipped is not None
            if change.binary:
                notes.append(_binary_note(change.path))
        for side, source in zip(("base", "head"), sides, strict=False):
            if analysed and isinstance(source, SourceFile):
                for name, body in definition_bodies(source.path, source.text).items():
                    bodies[side][name].append(body)
        files.append(
            ChangedFile(
                path=change.path,
                old_path=change.old_path if change.old_path != change.new_path else None,
                status=change.status.value,
                analysed=analysed,
                note="" if analysed else _why_not(change, sides),
            )
        )
    return FileRelevance(
        files=tuple(files),
        notifications=tuple(notes),
        base_bodies=_frozen(bodies["base"]),
        head_bodies=_frozen(bodies["head"]),
        complete=not incomplete,
    )


def _frozen(bodies: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((name, tuple(sorted(b))) for name, b in bodies.items()))


def _binary_note(path: str) -> Notification:
    return Notification(
        level=Level.WARNING, code="binary-file", message="binary file; not analysed", path=path
    )
