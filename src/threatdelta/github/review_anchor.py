"""Where an introduced threat's inline comment goes: a head line inside the diff.

GitHub accepts a review comment only on a line its diff shows (side RIGHT: the head). The
change's hunks are read without context, so `CommentableFile.spans` are exactly the added or
modified head lines, a subset of what GitHub's own diff shows.

For each piece of the threat's evidence (primary first), in a file of the change:

1. the fix's proven patch, when it is one line edit of this file lying inside one hunk and on
   the evidence's lines: the comment covers exactly the replaced lines and carries a
   `suggestion` (the replacement lines). An insertion replaces nothing, so it becomes a
   suggestion only through a neighbour line: the line before which it inserts (suggestion:
   the inserted lines, then that line) or else the line after which it inserts (that line,
   then the inserted lines), whichever is on the diff and on the evidence. The neighbour's
   text is read from the patch's unified diff, whose context lines are head lines. A
   suggestion over `MAX_SUGGESTION_LINES` lines or `MAX_SUGGESTION_CHARS` characters is not
   made (the comment body has a size limit);
2. else the element's first line (the route decorator or registration line), when changed;
3. else the element's first changed line;
4. else (no line of the element in the diff, or the file's lines unknown) a file-level
   comment, used only when no evidence gives a line.

A patch that is not a suggestion is shown as a `diff` block in the comment body. A threat
whose evidence lies outside the change's files gets no anchor (it is summarised).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from threatdelta.diff.delta import CommentableFile
from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Fix, Threat
from threatdelta.model.base import Evidence, EvidenceRole, Frozen, Location

MAX_SUGGESTION_LINES = 80
MAX_SUGGESTION_CHARS = 6_000
_UNSHOWN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")


class Anchor(Frozen):
    path: str
    line: int | None = None  # None: a file-level comment
    start_line: int | None = None  # set only when lower than `line`
    suggestion: tuple[str, ...] | None = None  # replace lines start_line (or line) .. line


def head_lines(patch: str, path: str) -> dict[int, str]:
    """Head line number -> text of the lines `patch` shows of `path` (context and removed
    lines: the patch is made against the head content), without their newline."""
    found: dict[int, str] = {}
    current: str | None = None
    number = 0
    for line in patch.split("\n"):
        raw = line.removesuffix("\r")
        if raw.startswith("+++ "):
            name = raw[4:].split("\t")[0].strip()
            current = name[2:] if name.startswith("b/") else None
        elif (match := _HUNK.match(raw)) is not None:
            number = int(match.group(1))
        elif current == path and number and raw[:1] in (" ", "-"):
            found[number] = raw[1:]
            number += 1
    return found


def _on_diff(file: CommentableFile, where: Location, start: int, end: int) -> bool:
    inside = any(s.start <= start and end <= s.end for s in file.spans)
    return inside and start <= where.end_line and where.start_line <= end


def _range_anchor(path: str, start: int, end: int, lines: list[str]) -> Anchor | None:
    if any(_UNSHOWN.search(line) for line in lines):
        return None  # a suggestion is committed as shown: no hidden or reordering characters
    if len(lines) > MAX_SUGGESTION_LINES or sum(map(len, lines)) > MAX_SUGGESTION_CHARS:
        return None  # too long for a comment: the capped diff and the fix command instead
    first = start if start < end else None
    return Anchor(path=path, line=end, start_line=first, suggestion=tuple(lines))


def _insertion(fix: Fix, edit: TextEdit, file: CommentableFile, where: Location) -> Anchor | None:
    known = head_lines(fix.patch or "", file.path)
    before, after = edit.start, edit.start - 1  # the lines that follow and precede it
    if before in known and _on_diff(file, where, before, before):
        return _range_anchor(file.path, before, before, [*edit.lines, known[before]])
    if after in known and _on_diff(file, where, after, after):
        return _range_anchor(file.path, after, after, [known[after], *edit.lines])
    return None


def _suggestion(fix: Fix | None, file: CommentableFile, where: Location) -> Anchor | None:
    if fix is None or len(fix.edits) != 1 or fix.edits[0].path != file.path:
        return None
    edit = fix.edits[0]
    if edit.is_insertion:
        return _insertion(fix, edit, file, where)
    if not _on_diff(file, where, edit.start, edit.end):
        return None  # off the diff, or a patch elsewhere: not this comment's to suggest
    return _range_anchor(file.path, edit.start, edit.end, list(edit.lines))


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
