"""Build the `ChangeSet` of a diff range: git's `--raw` records give the files (exact names,
statuses, blob ids, similarity), git's patch gives the hunks, section by section in the
same order. Budgets stop git early; what they leave out is listed and reported."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from threatdelta.diff.changes import ChangeSet, DiffLimits, FileChange, SkipReason, SubmoduleChange
from threatdelta.diff.git import Repository
from threatdelta.diff.git_objects import DiffRange, RawChange, display_path
from threatdelta.diff.git_output import patch_header
from threatdelta.diff.patch import ParsedSection, PatchSection, parse_section, split_sections
from threatdelta.model.base import Level, Notification

_NOTHING = ParsedSection()


class _Read(NamedTuple):
    """What reading the patch gave for one raw record."""

    raw: RawChange
    parsed: ParsedSection
    skipped: SkipReason | None


def _note(
    code: str, message: str, path: str | None = None, level: Level = Level.WARNING
) -> Notification:
    return Notification(level=level, code=code, message=message, path=path)


def _path(raw: bytes | None) -> str | None:
    return None if raw is None else display_path(raw)


def _take(raw: RawChange, sections: Iterator[PatchSection]) -> list[PatchSection]:
    """The sections git printed for `raw`; ValueError when they do not line up."""
    expected = patch_header(raw)
    taken: list[PatchSection] = []
    for _ in range(raw.patch_count):
        section = next(sections, None)
        if section is None or section.header != expected:
            found = "the end of the output" if section is None else display_path(section.header)
            raise ValueError(f"expected the section of {display_path(expected)!r}, found {found!r}")
        taken.append(section)
    return taken


def _parse(sections: Sequence[PatchSection]) -> ParsedSection:
    """One file's sections (two for a type change: a deletion, then a creation)."""
    parsed = [parse_section(s.text or "") for s in sections]
    if len(parsed) == 1:
        return parsed[0]
    return ParsedSection(
        binary=any(p.binary for p in parsed),
        hunks=tuple(h for p in parsed for h in p.hunks),
        added=tuple(a for p in parsed for a in p.added),
    )


def _read_one(
    raw: RawChange, sections: list[PatchSection], limits: DiffLimits, notes: list[Notification]
) -> _Read:
    path = _path(raw.new_path if raw.new_path is not None else raw.old_path)
    if raw.is_submodule:
        return _Read(raw, _NOTHING, None)
    size = sum(s.size for s in sections)
    if any(s.text is None for s in sections):
        notes.append(
            _note(
                "diff-too-large",
                f"the diff of this file is {size} bytes, over the {limits.max_file_patch_bytes}"
                "-byte limit (a generated file?); its changed lines are not analysed",
                path,
            )
        )
        return _Read(raw, _NOTHING, SkipReason.TOO_LARGE)
    try:
        return _Read(raw, _parse(sections), None)
    except ValueError as exc:
        notes.append(_note("diff-parse-error", f"cannot read this file's diff: {exc}", path))
        return _Read(raw, _NOTHING, SkipReason.PARSE_ERROR)


def _read_all(
    raws: Sequence[RawChange], sections: Iterator[PatchSection], limits: DiffLimits
) -> tuple[list[_Read], list[Notification]]:
    reads: list[_Read] = []
    notes: list[Notification] = []
    total = 0
    for index, raw in enumerate(raws):
        rest = raws[index:]
        try:
            taken = _take(raw, sections)
        except ValueError as exc:
            notes.append(
                _note(
                    "diff-parse-error",
                    f"git's diff output could not be matched to the changed files ({exc}): "
                    f"{len(rest)} changed file(s) were not analysed; the analysis is incomplete",
                )
            )
            return reads + [_Read(r, _NOTHING, SkipReason.PARSE_ERROR) for r in rest], notes
        total += sum(s.size for s in taken)
        if total > limits.max_patch_bytes:
            notes.append(
                _note(
                    "diff-byte-budget",
                    f"the diff text reached its budget of {limits.max_patch_bytes} bytes: "
                    f"{len(rest)} changed file(s) were not analysed (listed as skipped); the "
                    "analysis is incomplete",
                )
            )
            return reads + [_Read(r, _NOTHING, SkipReason.BYTE_BUDGET) for r in rest], notes
        reads.append(_read_one(raw, taken, limits, notes))
    return reads, notes


def _file_change(read: _Read) -> FileChange:
    raw = read.raw
    return FileChange(
        status=raw.status,
        old_path=_path(raw.old_path),
        new_path=_path(raw.new_path),
        old_blob=raw.old_blob,
        new_blob=raw.new_blob,
        old_mode=raw.old_mode,
        new_mode=raw.new_mode,
        similarity=raw.score,
        binary=read.parsed.binary,
        hunks=read.parsed.hunks,
        added_lines=read.parsed.added,
        skipped=read.skipped,
    )


def _submodule(raw: RawChange) -> SubmoduleChange:
    path = _path(raw.new_path if raw.new_path is not None else raw.old_path) or ""
    return SubmoduleChange(
        path=path, status=raw.status, old_commit=raw.old_blob, new_commit=raw.new_blob
    )


def _assemble(
    reads: Sequence[_Read],
) -> tuple[list[FileChange], list[SubmoduleChange], list[Notification]]:
    files: list[FileChange] = []
    submodules: list[SubmoduleChange] = []
    notes: list[Notification] = []
    for read in reads:
        if read.raw.is_submodule:
            sub = _submodule(read.raw)
            submodules.append(sub)
            notes.append(
                _note(
                    "submodule-not-analysed",
                    f"submodule {sub.status.value} ({(sub.old_commit or 'none')[:12]} -> "
                    f"{(sub.new_commit or 'none')[:12]}); its content is not analysed",
                    sub.path,
                    Level.NOTE,
                )
            )
            continue
        change = _file_change(read)
        files.append(change)
        if change.binary:
            notes.append(
                _note(
                    "binary-file",
                    "binary file changed; no line information",
                    change.path,
                    Level.NOTE,
                )
            )
    return files, submodules, notes


def collect_changes(
    repo: Repository, diff_range: DiffRange, limits: DiffLimits | None = None
) -> ChangeSet:
    """The files changed in `diff_range.merge_base..diff_range.head`, with hunks and added
    lines, within `limits`."""
    limits = limits or DiffLimits()
    old, new = diff_range.merge_base, diff_range.head.commit
    raws = repo.raw_changes(old, new, detect_copies=limits.detect_copies)
    analysed, over = raws[: limits.max_files], raws[limits.max_files :]
    lines = repo.patch_lines(old, new, detect_copies=limits.detect_copies)
    try:
        reads, read_notes = _read_all(
            analysed, split_sections(lines, limits.max_file_patch_bytes), limits
        )
    finally:
        lines.close()
    budget_notes: list[Notification] = []
    if over:
        reads += [_Read(r, _NOTHING, SkipReason.FILE_BUDGET) for r in over]
        budget_notes.append(
            _note(
                "diff-file-budget",
                f"the diff changes {len(raws)} files, over the budget of {limits.max_files}: "
                f"{len(over)} file(s) were not analysed (listed as skipped); the analysis is "
                "incomplete",
            )
        )
    files, submodules, file_notes = _assemble(reads)
    return ChangeSet(
        range=diff_range,
        files=tuple(files),
        submodules=tuple(submodules),
        notifications=(*diff_range.notifications, *budget_notes, *read_notes, *file_notes),
    )
