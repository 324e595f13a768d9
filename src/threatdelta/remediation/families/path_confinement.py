"""A client-supplied file name confined to its folder (TD-T002).

Flask `send_file(os.path.join(folder, name))` on the flagged line becomes
`send_from_directory(folder, name)`, which answers 404 for a name that leaves the folder;
`send_from_directory` joins the `from flask import ...` line when the module lacks it.
Unsafe: a name with `..` or an absolute path that reached a file before is now refused,
and `send_from_directory` is a different call a reviewer should look at. Express, Go and
Java paths get no patch yet: their extractors still report a name passed through
`path.basename` / `filepath.Base` / `getFileName`, so such a patch could not be proven.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.source_file import SourceFile, editable_file, primary_location

_SEND_FILE = re.compile(r"\bsend_file\(\s*os\.path\.join\((?P<args>.*)\)\s*\)")
_FLASK_IMPORT = re.compile(r"^from flask import (?P<names>[^()\\#]+?)\s*$")
_HELPER = "send_from_directory"


class PathConfinement:
    name = "path-confinement"
    rules = frozenset({"TD-T002"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        source = editable_file(request, where.path) if where.path.endswith(".py") else None
        if source is None:
            return None
        new = _confined_line(source.line(where.start_line))
        if new is None:
            return None
        edits = [
            TextEdit(path=source.path, start=where.start_line, end=where.start_line, lines=(new,))
        ]
        if not re.search(rf"\b{_HELPER}\b", source.text):
            imported = _import_edit(source)
            if imported is None:
                return None
            edits.insert(0, imported)
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary="Serve the file with send_from_directory, which refuses names that leave "
            "the folder.",
            edits=tuple(edits),
            guidance="A name containing '..' or an absolute path now gets a 404.",
        )


def _confined_line(line: str) -> str | None:
    found = _SEND_FILE.search(line)
    if found is None:
        return None
    args = split_arguments(found.group("args"))
    if args is None or len(args) != 2:
        return None
    call = f"{_HELPER}({args[0]}, {args[1]})"
    return line[: found.start()] + call + line[found.end() :]


def split_arguments(text: str) -> list[str] | None:
    """Top-level comma-separated arguments of a call's inside (None when unbalanced)."""
    parts, depth, start, quote = [], 0, 0, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote and text[index - 1] != "\\" else quote
            continue
        if char in "\"'`":
            quote = char
        depth += char in "([{"
        depth -= char in ")]}"
        if depth < 0:
            return None
        if char == "," and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts if depth == 0 and not quote and all(parts) else None


def _import_edit(source: SourceFile) -> TextEdit | None:
    for number, line in enumerate(source.lines, start=1):
        found = _FLASK_IMPORT.match(line)
        if found:
            names = [n.strip() for n in found.group("names").split(",")]
            merged = ", ".join(sorted({*names, _HELPER}))
            new = f"from flask import {merged}"
            return TextEdit(path=source.path, start=number, end=number, lines=(new,))
    return None
