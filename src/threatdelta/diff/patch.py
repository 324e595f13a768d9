"""Git's unified diff, cut into one section per file and read with unidiff.

A line of git's patch output that starts with `diff --git ` always begins a file's section
(hunk lines start with ` `, `+`, `-` or `\\`), so sections are split without parsing, and a
section over the size cap is counted but never held in memory. File names are not taken
from the patch text: `changes.py` pairs each section with its `--raw` record, so names with
spaces, quotes or newlines are never guessed from a header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from unidiff.errors import UnidiffParseError
from unidiff.patch import PatchSet

from threatdelta.diff.lines import Hunk, LineSpan, spans_of
from threatdelta.model.base import Frozen

_SECTION_START = b"diff --git "
_FILE_HEADER = re.compile(r"^--- ", re.MULTILINE)
_BINARY = re.compile(r"^(Binary files .* differ|GIT binary patch)$", re.MULTILINE)


class PatchSection(Frozen):
    """One file's part of the patch: its `diff --git` line, and its text unless too large."""

    header: bytes
    text: str | None
    size: int


class ParsedSection(Frozen):
    binary: bool = False
    hunks: tuple[Hunk, ...] = ()
    added: tuple[LineSpan, ...] = ()  # head lines added or modified


def _section(parts: list[bytes], size: int, over: bool) -> PatchSection:
    text = None if over else b"".join(parts).decode("utf-8", errors="replace")
    return PatchSection(header=parts[0].rstrip(b"\n"), text=text, size=size)


def split_sections(lines: Iterable[bytes], max_section_bytes: int) -> Iterator[PatchSection]:
    """Sections of git's patch output; the text of one over `max_section_bytes` is dropped."""
    parts: list[bytes] = []
    size = 0
    over = False
    for line in lines:
        if line.startswith(_SECTION_START):
            if parts:
                yield _section(parts, size, over)
            parts, size, over = [line], len(line), False
            continue
        if not parts:
            raise ValueError("patch output does not start with a `diff --git` line")
        size += len(line)
        if over:
            continue
        if size > max_section_bytes:
            over = True
            del parts[1:]
            continue
        parts.append(line)
    if parts:
        yield _section(parts, size, over)


def parse_section(text: str) -> ParsedSection:
    """Hunks and added head lines of one file's section; ValueError when malformed."""
    start = _FILE_HEADER.search(text)
    preamble = text if start is None else text[: start.start()]
    if _BINARY.search(preamble):
        return ParsedSection(binary=True)
    if start is None:  # a pure rename, a mode change or an empty file: no lines changed
        return ParsedSection()
    try:
        files = PatchSet(text[start.start() :])
    except UnidiffParseError as exc:
        raise ValueError(f"malformed diff: {exc}") from None
    if len(files) != 1:
        raise ValueError(f"expected one file in the section, found {len(files)}")
    hunks: list[Hunk] = []
    added: list[int] = []
    for hunk in files[0]:
        hunks.append(
            Hunk(
                old_start=hunk.source_start,
                old_length=hunk.source_length,
                new_start=hunk.target_start,
                new_length=hunk.target_length,
            )
        )
        added.extend(
            line.target_line_no
            for line in hunk
            if line.is_added and line.target_line_no is not None
        )
    return ParsedSection(hunks=tuple(hunks), added=spans_of(added))
