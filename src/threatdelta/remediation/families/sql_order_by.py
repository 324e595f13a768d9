"""Fix family: a MyBatis `ORDER BY ${column}` becomes an allow-list of known columns (TD-T001).

A column name cannot be a bound parameter, so `#{}` is no fix there. The statement instead
picks the column with `<choose>`: one `<when>` per known column of the table and the first
as `<otherwise>`, so the input selects among fixed names and never reaches the SQL text. An
annotation mapper (`@Select("...")` on one line, Java) gets a `<script>` statement split
over concatenated lines; an XML mapper gets the `<choose>` in place. The columns come from
`sql_columns.known_columns` (the table's entity, else the repository's SQL on that table);
with none, or a statement over several tables, or another `${}` on the line, no patch.
Unsafe: an input outside the list now sorts by the default column instead of failing, and
the list may lack a column users sort by.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.source_file import SourceFile, editable_file
from threatdelta.remediation.families.sql_columns import known_columns

_ORDER_HOLE = re.compile(
    r"\bORDER\s+BY\s+(?:[\w.]+(?:\s+(?:ASC|DESC))?\s*,\s*)*(?P<hole>\$\{(?P<name>\w+)\})",
    re.IGNORECASE,
)
_TABLE = re.compile(r"\bFROM\s+(?P<table>\w+)(?P<rest>.*)$", re.IGNORECASE)
_ANNOTATION = re.compile(r'^(?P<indent>\s*)@(?P<kind>Select)\("(?P<sql>(?:[^"\\]|\\.)*)"\)\s*$')


class SqlOrderByAllowList:
    name = "sql-order-by-allow-list"
    rules = frozenset({"TD-T001"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = request.threat.evidence[0].location
        source = editable_file(request, where.path)
        if request.threat.rule_id not in self.rules or source is None:
            return None
        line = source.line(where.start_line)
        hole = _ORDER_HOLE.search(line)
        table = _table(line[: hole.start()]) if hole else None
        if hole is None or table is None or line.count("${") != 1:
            return None
        columns = known_columns(request.model, request.files, table)
        if not columns:
            return None
        choose = _choose(hole.group("name"), columns)
        edits = _edits(source, where.start_line, hole, choose)
        if edits is None:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary=f"Sort by one of the known columns of {table} chosen from "
            f"`{hole.group('name')}` instead of pasting it into the SQL.",
            edits=edits,
            guidance=f"The allow-list holds the columns of `{table}` the repository names "
            f"({', '.join(columns)}); keep the ones users may sort by. A value outside the "
            f"list now sorts by `{default(columns)}`: validate it in the caller if it should fail.",
        )


def _table(before: str) -> str | None:
    """The one table the statement reads, from the SQL before the ORDER BY."""
    found = _TABLE.search(before)
    if found is None or re.search(r"\bJOIN\b|^\s*,", found.group("rest"), re.IGNORECASE):
        return None
    return found.group("table")


def _choose(name: str, columns: tuple[str, ...]) -> list[str]:
    """The `<choose>` element, one piece a line."""
    whens = [f"<when test=\"{name} == '{c}'\">{c}</when>" for c in columns]
    return ["<choose>", *whens, f"<otherwise>{default(columns)}</otherwise>", "</choose>"]


def default(columns: tuple[str, ...]) -> str:
    """The column a value outside the list sorts by: `id` when known, else the first."""
    return "id" if "id" in columns else columns[0]


def _edits(
    source: SourceFile, number: int, hole: re.Match[str], choose: list[str]
) -> tuple[TextEdit, ...] | None:
    line = source.line(number)
    if source.path.endswith(".xml"):
        new = line[: hole.start("hole")] + "".join(choose) + line[hole.end("hole") :]
        return (TextEdit(path=source.path, start=number, end=number, lines=(new,)),)
    annotation = _ANNOTATION.match(line)
    if not source.path.endswith(".java") or annotation is None:
        return None
    sql = annotation.group("sql")
    start = hole.start("hole") - annotation.start("sql")
    end = hole.end("hole") - annotation.start("sql")
    head = _xml_text(sql[:start])
    tail = _xml_text(sql[end:])
    indent = annotation.group("indent")
    inner = indent + source.style.indent_unit * 2
    pieces = [*choose[:-1], choose[-1] + tail + "</script>"]
    lines = [f'{indent}@{annotation.group("kind")}("<script>{head}"']
    lines += [f'{inner}+ "{_java(p)}"' for p in pieces]
    lines[-1] += ")"
    return (TextEdit(path=source.path, start=number, end=number, lines=tuple(lines)),)


def _xml_text(sql: str) -> str:
    """SQL text (as written in a Java literal) made safe inside `<script>`."""
    return sql.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _java(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
