"""SARIF `fixes` (SARIF 2.1.0 §3.55) from a threat's proven patch (`Fix.edits`).

One `fix` per threat: its description is the fix's summary, and it holds one `artifactChange`
per file the edits touch (URIs relative to `%SRCROOT%`, like the result locations), each with
one `replacement` per line edit, in file order. Regions are line based:

- a replacement of lines `s..e` deletes the region `startLine: s, endLine: e` (without
  columns, a region ends before the newline of its last line, §3.30) and inserts the new lines
  joined with the file's newline;
- an insertion before line `s` deletes nothing: a zero-length region `startLine: s,
  startColumn: 1, endColumn: 1`, and inserts the new lines, each followed by the newline;
- a deletion of lines `s..e` deletes from the start of line `s` to the start of line `e + 1`
  and inserts nothing (so the newlines go too).

The file's newline (LF or CRLF) and its line count come from the file text, read before
rendering like the line hashes (`FileShape`). A patch is emitted only when every edit can be
expressed this way: its files' shapes are known, and no edit appends to or deletes the end of
a file that lacks a trailing newline (that needs a column on the last line, which the shape
does not carry); otherwise the result carries no fix (the patch is still in the register).
Only proven patches (non-empty `edits`) become fixes; a fix summary alone stays a property.
"""

from __future__ import annotations

from collections.abc import Mapping

import sarif_om as om

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Fix
from threatdelta.model.base import Frozen
from threatdelta.reporters.sarif_results import artifact_location, plain_text


class FileShape(Frozen):
    """What a line edit needs to know of a file to become a SARIF replacement."""

    path: str  # repo-relative POSIX path
    newline: str  # "\n" or "\r\n"
    line_count: int  # lines, not counting the empty one after a trailing newline
    trailing_newline: bool


def file_shape(path: str, text: str) -> FileShape | None:
    """The shape of `text`, or None when its newlines are mixed (no fix can keep them)."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    if text.count("\r") != crlf or (crlf and lf):
        return None
    newline = "\r\n" if crlf else "\n"
    trailing = text.endswith("\n")
    lines = text.split(newline) if text else []
    if trailing:
        lines.pop()
    return FileShape(path=path, newline=newline, line_count=len(lines), trailing_newline=trailing)


def _replacement(edit: TextEdit, shape: FileShape) -> om.Replacement | None:
    nl = shape.newline
    at_end = edit.end >= shape.line_count
    if edit.start > shape.line_count + 1 or edit.end > shape.line_count:
        return None  # the edit does not fit this file
    if edit.is_insertion or not edit.lines:
        if at_end and not shape.trailing_newline and shape.line_count:
            return None  # needs the column after the last character of the file
        if edit.is_insertion:
            region = om.Region(start_line=edit.start, start_column=1, end_column=1)
        else:
            region = om.Region(
                start_line=edit.start, start_column=1, end_line=edit.end + 1, end_column=1
            )
        text = "".join(line + nl for line in edit.lines)
    else:
        region = om.Region(start_line=edit.start, end_line=edit.end)
        text = nl.join(edit.lines)
    return om.Replacement(deleted_region=region, inserted_content=om.ArtifactContent(text=text))


def _change(path: str, edits: list[TextEdit], shape: FileShape) -> om.ArtifactChange | None:
    replacements = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        replacement = _replacement(edit, shape)
        if replacement is None:
            return None
        replacements.append(replacement)
    return om.ArtifactChange(artifact_location=artifact_location(path), replacements=replacements)


def sarif_fixes(fix: Fix | None, shapes: Mapping[str, FileShape]) -> list[om.Fix] | None:
    """The `fixes` of a result whose threat has `fix`, or None (no proven patch, or one that
    cannot be expressed for these files; see the module docstring)."""
    if fix is None or not fix.edits:
        return None
    by_path: dict[str, list[TextEdit]] = {}
    for edit in fix.edits:
        by_path.setdefault(edit.path, []).append(edit)
    changes = []
    for path, edits in by_path.items():
        shape = shapes.get(path)
        change = _change(path, edits, shape) if shape is not None else None
        if change is None:
            return None
        changes.append(change)
    description = om.Message(text=plain_text(fix.summary))
    return [om.Fix(description=description, artifact_changes=changes)]
