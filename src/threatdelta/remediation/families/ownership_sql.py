"""An owner-scoped raw SQL lookup in a NestJS handler: `query('... WHERE id = $1', [id])`
gains `AND user_id = $2` with the caller's id, when the module already scopes another
statement that way (the owner column) and already takes the caller with a parameter
decorator (`@CurrentUser() user: {...}`), which the handler then takes too."""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.source_file import SourceFile

_QUERY = re.compile(
    r"\.query\(\s*(?P<q>['\"])(?P<sql>[^'\"]*\bWHERE\b[^'\"]*?)(?P=q)\s*,\s*\[(?P<values>[^\]]*)\]\s*\)"
)
_OWNER_SCOPE = re.compile(r"\b(?P<column>user_id|owner_id|customer_id|account_id)\s*=\s*\$\d+")
_CALLER = re.compile(r"@CurrentUser\(\)\s*(?P<name>\w+)\s*:\s*(?:\{[^{}]*\}|[\w.<>\[\]]+)")
_SIGNATURE = re.compile(r"^\s*(?:async\s+)?\w+\((?P<params>.*)\)\s*(?::\s*[^{]+)?\{\s*$")
_TABLE = re.compile(r"\b(?:FROM|UPDATE|INTO)\s+(\w+)", re.IGNORECASE)
_STRING = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`]*`")
_TAIL = re.compile(r"\b(?:ORDER|GROUP|LIMIT|OFFSET|RETURNING|FOR)\b", re.IGNORECASE)


def _table(sql: str) -> str:
    found = _TABLE.search(sql)
    return found.group(1).lower() if found else ""


def _owner_scope(text: str, table: str) -> re.Match[str] | None:
    """The owner condition of another statement of the module on the same table."""
    for literal in _STRING.finditer(text):
        owner = _OWNER_SCOPE.search(literal.group(0))
        if owner and table and _table(literal.group(0)) == table:
            return owner
    return None


def scoped_query_edits(source: SourceFile, line: int) -> tuple[TextEdit, ...]:
    text = source.line(line)
    query = _QUERY.search(text)
    caller = _CALLER.search(source.text)
    owner = _owner_scope(source.text, _table(query.group("sql"))) if query else None
    if query is None or owner is None or caller is None:
        return ()
    sql = query.group("sql")
    if _TAIL.search(sql.rpartition("WHERE")[2]) or owner.group("column") in sql:
        return ()
    found = (
        (n, match)
        for n in range(line - 1, max(line - 4, 1) - 1, -1)
        if (match := _SIGNATURE.match(source.line(n)))
    )
    signature, method = next(found, (0, None))
    if method is None:
        return ()
    head = source.line(signature)
    name = caller.group("name")
    if not re.search(rf"\b{name}\b", head):
        close = method.end("params")
        head = head[:close] + f", {caller.group(0)}" + head[close:]
    values = [v.strip() for v in query.group("values").split(",") if v.strip()]
    scoped = f"{sql} AND {owner.group('column')} = ${len(values) + 1}"
    new = (
        text[: query.start("sql")]
        + scoped
        + text[query.end("sql") : query.start("values")]
        + ", ".join([*values, f"{name}.id"])
        + text[query.end("values") :]
    )
    return (
        TextEdit(path=source.path, start=signature, end=signature, lines=(head,)),
        TextEdit(path=source.path, start=line, end=line, lines=(new,)),
    )
