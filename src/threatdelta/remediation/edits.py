"""Apply line edits to a file's text in memory, keeping the file's conventions: its newline
(LF or CRLF), its trailing newline or the lack of one. A file whose conventions cannot be kept
(mixed newlines, a declared non-UTF-8 encoding) gets no patch."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from threatdelta.findings.edit import TextEdit

_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
_UTF8_NAMES = frozenset({"utf-8", "utf8", "utf_8", "ascii", "us-ascii"})


class EditError(ValueError):
    """The edits cannot be applied to this text; the message says why."""


@dataclass(frozen=True)
class FileConventions:
    newline: str  # "\n" or "\r\n"
    trailing_newline: bool
    indent_unit: str  # "    ", "  ", "\t", ... the smallest indentation step seen

    def indent(self, depth: int) -> str:
        return self.indent_unit * depth


def conventions(text: str) -> FileConventions:
    """The file's newline, trailing newline and indentation step; EditError when the
    newlines are mixed or an encoding other than UTF-8 is declared."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    lone_cr = text.count("\r") - crlf
    if lone_cr or (crlf and lf):
        raise EditError("the file mixes line endings; a patch could not keep them")
    for first in text.split("\n", 2)[:2]:
        match = _CODING.match(first.encode("utf-8", "replace"))
        if match and match.group(1).decode().lower() not in _UTF8_NAMES:
            raise EditError(f"the file declares the {match.group(1).decode()} encoding")
    return FileConventions(
        newline="\r\n" if crlf else "\n",
        trailing_newline=text.endswith("\n"),
        indent_unit=_indent_unit(text),
    )


def _indent_unit(text: str) -> str:
    widths: set[int] = set()
    for line in text.splitlines():
        stripped = line.lstrip(" \t")
        if not stripped or stripped == line:
            continue
        lead = line[: len(line) - len(stripped)]
        if lead.startswith("\t"):
            return "\t"
        widths.add(len(lead))
    return " " * (min(widths) if widths else 4)


def indentation(line: str) -> str:
    """The leading whitespace of one line."""
    return line[: len(line) - len(line.lstrip(" \t"))]


def apply_edits(text: str, edits: Sequence[TextEdit]) -> str:
    """`text` with the edits applied (all for one file); EditError when they overlap or fall
    outside the file, or the file's conventions cannot be kept."""
    style = conventions(text)
    lines = text.split(style.newline) if text else []
    if style.trailing_newline:
        lines.pop()
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for before, after in itertools.pairwise(ordered):
        if after.start <= before.end or (after.start == before.start and after.is_insertion):
            raise EditError("edits overlap")
    for edit in reversed(ordered):
        if edit.start > len(lines) + 1 or edit.end > len(lines):
            raise EditError(f"edit at line {edit.start} is outside the file ({len(lines)} lines)")
        lines[edit.start - 1 : edit.end] = list(edit.lines)
    body = style.newline.join(lines)
    return body + style.newline if (style.trailing_newline or not text) and lines else body
