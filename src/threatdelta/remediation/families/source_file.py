"""The text of the file a threat points at, as a family edits it: its lines, its
conventions, and whether it may be edited at all (generated code, mixed newlines and
declared non-UTF-8 encodings are not)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from threatdelta.findings.threat import Threat
from threatdelta.model.base import Location
from threatdelta.remediation.base import FixRequest
from threatdelta.remediation.edits import EditError, FileConventions, conventions

_GENERATED = re.compile(r"@generated|DO NOT EDIT|auto-?generated", re.IGNORECASE)
_HEAD_LINES = 12  # generated-code markers sit at the top of a file
# JavaScript and TypeScript sources the script-side patches of several families edit
SCRIPT_SUFFIXES = (".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx")


@dataclass(frozen=True)
class SourceFile:
    path: str
    text: str
    lines: tuple[str, ...]
    style: FileConventions

    def line(self, number: int) -> str:
        """Line `number` (1-based) without its newline; empty outside the file."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    @property
    def quote(self) -> str:
        """The string quote the file uses most (for JavaScript and TypeScript)."""
        return "'" if self.text.count("'") > self.text.count('"') else '"'


def is_generated(text: str) -> bool:
    head = "\n".join(text.splitlines()[:_HEAD_LINES])
    return bool(_GENERATED.search(head))


def primary_location(threat: Threat) -> Location:
    return threat.evidence[0].location


def editable_file(request: FixRequest, path: str) -> SourceFile | None:
    """The file at `path` when a family may edit it, else None."""
    text = request.text(path)
    if text is None or is_generated(text):
        return None
    try:
        style = conventions(text)
    except EditError:
        return None
    return SourceFile(path=path, text=text, lines=tuple(text.split(style.newline)), style=style)
