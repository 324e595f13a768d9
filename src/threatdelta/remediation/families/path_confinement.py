"""A client-supplied file name confined to its folder (TD-T002).

Flask `send_file(os.path.join(folder, name))` on the flagged line becomes
`send_from_directory(folder, name)`, which answers 404 for a name that leaves the folder;
`send_from_directory` joins the `from flask import ...` line when the module lacks it.
Express `res.sendFile(path.join(folder, name))` becomes
`res.sendFile(name, { root: folder })`: send answers 403 for a name with `..` segments.
Go `os.Open(filepath.Join(dir, name))` opens through `os.DirFS(dir)` instead (see
`path_go`). Unsafe: a name with `..` or an absolute path that reached a file before is
now refused, and the call changes. Java `Files.*(new File(dir, name).toPath())` gets a
normalise-and-`startsWith` check before the read (see `path_java`).
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.path_arguments import split_arguments
from threatdelta.remediation.families.path_go import go_edits
from threatdelta.remediation.families.path_java import java_edits
from threatdelta.remediation.families.source_file import (
    SCRIPT_SUFFIXES,
    SourceFile,
    editable_file,
    primary_location,
)

_SEND_FILE = re.compile(r"\bsend_file\(\s*os\.path\.join\((?P<args>.*)\)\s*\)")
_FLASK_IMPORT = re.compile(r"^from flask import (?P<names>[^()\\#]+?)\s*$")
_HELPER = "send_from_directory"
_FLASK = "Serve the file with send_from_directory, which refuses names that leave the folder."
_EXPRESS = "Send the file relative to a root folder, which refuses names that leave it."
_SEND_JOINED = re.compile(
    r"\b(?P<call>(?:res|response)\.sendFile)\(\s*path\.join\((?P<args>[^;]*)\)\s*\)"
)
_JAVA = "Resolve the name inside the normalised folder and answer 404 when it leaves it."
_GO = "Open the file through os.DirFS, which refuses names that leave the folder."


class PathConfinement:
    name = "path-confinement"
    rules = frozenset({"TD-T002"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        source = editable_file(request, where.path)
        if source is None:
            return None
        if where.path.endswith(".py"):
            edits, summary = _flask_edits(source, where.start_line), _FLASK
        elif where.path.endswith(".go"):
            edits, summary = go_edits(source, where.start_line), _GO
        elif where.path.endswith(".java"):
            edits, summary = java_edits(source, where.start_line), _JAVA
        elif where.path.endswith(SCRIPT_SUFFIXES):
            edits, summary = _express_edits(source, where.start_line), _EXPRESS
        else:
            return None
        if not edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary=summary,
            edits=edits,
            guidance="A name containing '..' or an absolute path is now refused.",
        )


def _flask_edits(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    new = _confined_line(source.line(number))
    if new is None:
        return ()
    edits = [TextEdit(path=source.path, start=number, end=number, lines=(new,))]
    if not re.search(rf"\b{_HELPER}\b", source.text):
        imported = _import_edit(source)
        if imported is None:
            return ()
        edits.insert(0, imported)
    return tuple(edits)


def _express_edits(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    line = source.line(number)
    found = _SEND_JOINED.search(line)
    args = split_arguments(found.group("args")) if found else None
    if found is None or args is None or len(args) != 2:
        return ()
    call = f"{found.group('call')}({args[1]}, {{ root: {args[0]} }})"
    new = line[: found.start()] + call + line[found.end() :]
    return (TextEdit(path=source.path, start=number, end=number, lines=(new,)),)


def _confined_line(line: str) -> str | None:
    found = _SEND_FILE.search(line)
    if found is None:
        return None
    args = split_arguments(found.group("args"))
    if args is None or len(args) != 2:
        return None
    call = f"{_HELPER}({args[0]}, {args[1]})"
    return line[: found.start()] + call + line[found.end() :]


def _import_edit(source: SourceFile) -> TextEdit | None:
    for number, line in enumerate(source.lines, start=1):
        found = _FLASK_IMPORT.match(line)
        if found:
            names = [n.strip() for n in found.group("names").split(",")]
            merged = ", ".join(sorted({*names, _HELPER}))
            new = f"from flask import {merged}"
            return TextEdit(path=source.path, start=number, end=number, lines=(new,))
    return None
