"""An object-building decoder replaced by a data-only one (TD-T003).

Python `yaml.load(x)`, `yaml.load(x, Loader=yaml.Loader|FullLoader|UnsafeLoader)` and
`yaml.unsafe_load(x)` on the flagged line become `yaml.safe_load(x)`: safe, plain YAML
documents decode the same and only the tags that build Python objects are refused.
JavaScript node-serialize `unserialize(x)` becomes `JSON.parse(x)`, dropping an import of
`unserialize` left unused: unsafe, the sender must send plain JSON (functions and the
`_$$ND_FUNC$$_` marker are no longer decoded). Anything else gets no patch.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.path_arguments import split_arguments
from threatdelta.remediation.families.source_file import (
    SCRIPT_SUFFIXES,
    SourceFile,
    editable_file,
    primary_location,
)

_YAML = re.compile(
    r"\b(?P<module>yaml)\.(?:load|unsafe_load|full_load)\((?P<args>[^()]*(?:\([^()]*\)[^()]*)*)\)"
)
_UNSAFE_LOADER = re.compile(r"^Loader\s*=\s*(?:yaml\.)?(?:Loader|FullLoader|UnsafeLoader)$")
_UNSERIALIZE = re.compile(r"\b(?:\w+\.)?unserialize\(")
_JS_IMPORT = re.compile(
    r"""^(?:import\s*\{\s*unserialize\s*\}\s*from|(?:const|let|var)\s*\{\s*unserialize\s*\}"""
    r"""\s*=\s*require\()\s*\(?\s*['"]node-serialize['"]\)?;?\s*$"""
)


class SafeDeserialization:
    name = "safe-deserialization"
    rules = frozenset({"TD-T003"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        source = editable_file(request, where.path)
        if source is None:
            return None
        line = source.line(where.start_line)
        if where.path.endswith(".py"):
            new = _safe_yaml(line)
            edits: tuple[TextEdit, ...] = (
                () if new is None else (_replace(source, where.start_line, new),)
            )
            applicability, summary = Applicability.SAFE, "Decode the YAML with yaml.safe_load."
        elif where.path.endswith(SCRIPT_SUFFIXES):
            edits = _json_parse(source, where.start_line)
            applicability = Applicability.UNSAFE
            summary = "Decode the payload as JSON instead of node-serialize's format."
        else:
            return None
        if not edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=applicability,
            summary=summary,
            edits=edits,
            guidance=""
            if applicability is Applicability.SAFE
            else "The sender has to post plain JSON: check the partner's format before applying.",
        )


def _replace(source: SourceFile, number: int, new: str) -> TextEdit:
    return TextEdit(path=source.path, start=number, end=number, lines=(new,))


def _safe_yaml(line: str) -> str | None:
    found = _YAML.search(line)
    if found is None:
        return None
    args = split_arguments(found.group("args"))
    if not args or len(args) > 2 or (len(args) == 2 and not _UNSAFE_LOADER.match(args[1])):
        return None
    call = f"{found.group('module')}.safe_load({args[0]})"
    return line[: found.start()] + call + line[found.end() :]


def _json_parse(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    line = source.line(number)
    found = _UNSERIALIZE.search(line)
    if found is None or _UNSERIALIZE.search(line, found.end()):
        return ()
    new = line[: found.start()] + "JSON.parse(" + line[found.end() :]
    edits = [_replace(source, number, new)]
    uses = [n for n, text in enumerate(source.lines, 1) if n != number and "unserialize" in text]
    imports = [n for n in uses if _JS_IMPORT.match(source.line(n).strip())]
    if len(uses) == 1 and imports:
        edits.insert(0, TextEdit(path=source.path, start=imports[0], end=imports[0], lines=()))
    return tuple(edits)
