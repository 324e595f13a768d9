"""Where an introduced threat's inline comment goes: a head line inside the diff.

GitHub accepts a review comment only on a line its diff shows (side RIGHT: the head). The
change's hunks are read without context, so `CommentableFile.spans` are exactly the added or
modified head lines, a subset of what GitHub's own diff shows.

For each piece of the threat's evidence (primary first), in a file of the change:

1. the fix's patch, when it replaces exactly a range of head lines that lies inside one hunk:
   the comment covers that range and carries a suggestion;
2. else the element's first line (the route decorator or registration line), when changed;
3. else the element's first changed line;
4. else (no line of the element in the diff, or the file's lines unknown) a file-level
   comment, used only when no evidence gives a line.

A threat whose evidence lies outside the change's files gets no anchor (it is summarised).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from threatdelta.diff.delta import CommentableFile
from threatdelta.diff.lines import LineSpan
from threatdelta.findings.threat import Fix, Threat
from threatdelta.model.base import Evidence, EvidenceRole, Frozen, Location

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")


class Replacement(Frozen):
    """A patch that replaces head lines `start..end` of `path` with `text`."""

    path: str
    start: int
    end: int
    text: str


class Anchor(Frozen):
    path: str
    line: int | None = None  # None: a file-level comment
    start_line: int | None = None  # set only when lower than `line`
    suggestion: str | None = None  # replaces lines start_line (or line) .. line


def _patch_path(lines: list[str]) -> str | None:
    for text in lines:
        if text.startswith("+++ "):
            name = text[4:].split("\t")[0].strip()
            return name[2:] if name.startswith("b/") else None
    return None


def parse_replacement(patch: str) -> Replacement | None:
    """The replacement a one-file, one-hunk patch makes, or None for anything else."""
    lines = patch.splitlines()
    headers = [i for i, t in enumerate(lines) if _HUNK.match(t)]
    path = _patch_path(lines)
    if len(headers) != 1 or path is None or sum(t.startswith("+++ ") for t in lines) != 1:
        return None
    match = _HUNK.match(lines[headers[0]])
    assert match is not None
    start, length = int(match.group(1)), int(match.group(2) or "1")
    body = lines[headers[0] + 1 :]
    if length < 1 or any(t[:1] not in ("+", "-", " ") for t in body):
        return None
    old = [t for t in body if t[:1] in ("-", " ")]
    new = [t[1:] for t in body if t[:1] in ("+", " ")]
    if len(old) != length or not new:
        return None
    return Replacement(path=path, start=start, end=start + length - 1, text="\n".join(new))


def _within_one_hunk(spans: tuple[LineSpan, ...], start: int, end: int) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)


def _suggestion(fix: Fix | None, file: CommentableFile, where: Location) -> Anchor | None:
    if fix is None or fix.patch is None:
        return None
    rep = parse_replacement(fix.patch)
    if rep is None or rep.path != file.path or not _within_one_hunk(file.spans, rep.start, rep.end):
        return None
    if rep.end < where.start_line or where.end_line < rep.start:
        return None  # a patch elsewhere is not this comment's to suggest
    start = rep.start if rep.start < rep.end else None
    return Anchor(path=file.path, line=rep.end, start_line=start, suggestion=rep.text)


def _first_changed(file: CommentableFile, where: Location) -> int | None:
    starts = [
        max(s.start, where.start_line)
        for s in file.spans
        if s.overlaps(where.start_line, where.end_line)
    ]
    return min(starts, default=None)


def _evidence_order(threat: Threat) -> list[Evidence]:
    primary = [e for e in threat.evidence if e.role is EvidenceRole.PRIMARY]
    return primary + [e for e in threat.evidence if e.role is not EvidenceRole.PRIMARY]


def anchor_for(threat: Threat, files: Mapping[str, CommentableFile]) -> Anchor | None:
    """The anchor of `threat`'s comment, or None when no evidence is in a changed file."""
    file_level: Anchor | None = None
    for evidence in _evidence_order(threat):
        where = evidence.location
        file = files.get(where.path)
        if file is None:
            continue
        if file.lines_known:
            line = _first_changed(file, where)
            if line is not None:
                suggested = _suggestion(threat.fix, file, where)
                return suggested or Anchor(path=file.path, line=line)
        file_level = file_level or Anchor(path=file.path)
    return file_level
