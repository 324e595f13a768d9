"""SQL built from input becomes a parameterised query in the same driver (TD-T001).

Only a statement whose whole SQL expression sits on the flagged line (or, for Java,
Kotlin and Go, in one assignment just before it) is rewritten; the placeholder style
follows the driver, or the repository's other parameterised calls to the same kind of
client (see `sql_python`, `sql_javascript`, `sql_go`, `sql_jvm`). A hole where SQL
expects an identifier, an unknown driver or a multi-line statement gets no patch. Safe:
the query sends the same values, bound instead of spliced.
"""

from __future__ import annotations

from collections.abc import Mapping

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families import sql_go, sql_javascript, sql_jvm, sql_python
from threatdelta.remediation.families.python_imports import parse_module
from threatdelta.remediation.families.source_file import (
    SCRIPT_SUFFIXES,
    SourceFile,
    editable_file,
    primary_location,
)


class SqlParameters:
    name = "sql-parameters"
    rules = frozenset({"TD-T001"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        source = editable_file(request, where.path)
        if source is None:
            return None
        edits = _edits(source, where.start_line, request.files)
        if not edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.SAFE,
            summary="Bind the input as query parameters instead of splicing it into the SQL text.",
            edits=edits,
        )


def _edits(source: SourceFile, number: int, files: Mapping[str, str]) -> tuple[TextEdit, ...]:
    line = source.line(number)
    path = source.path
    if path.endswith(".py"):
        tree = parse_module(source.text)
        new = sql_python.rewrite_line(source.text, line, tree, number) if tree else None
    elif path.endswith(SCRIPT_SUFFIXES):
        new = sql_javascript.rewrite_line(source.text, line, source.quote, files)
    elif path.endswith(".go"):
        return sql_go.edits(source, number, files)
    else:
        return sql_jvm.edits(source, number)
    if new is None or new == line:
        return ()
    return (TextEdit(path=path, start=number, end=number, lines=(new,)),)
