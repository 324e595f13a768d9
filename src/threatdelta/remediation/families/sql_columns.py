"""The columns a table is known to have, for an allow-list of sort columns: the fields of
the model's SQL data store of that name (a JPA or ORM entity), else the columns that the
repository's own SQL names on that table (`WHERE account_id = ...`, `ORDER BY month`, a
`SELECT a, b FROM` list) in statements that read only that table."""

from __future__ import annotations

import re
from collections.abc import Mapping

from threatdelta.model.threat_model import ThreatModel

_SQL_FILES = (".java", ".kt", ".xml", ".sql", ".py", ".js", ".ts", ".go")
_STATEMENT = re.compile(
    r"\b(?:SELECT\s+(?P<list>\*|[\w\s,.]+?)\s+FROM|UPDATE|DELETE\s+FROM)\s+(?P<table>\w+)\b"
    r"(?P<rest>[^;\"'`<]*)",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:WHERE|AND|OR|SET)\s+(?:\w+\.)?(?P<column>[A-Za-z_]\w*)\s*"
    r"(?:=|<>|!=|<=|>=|&lt;|&gt;|<|>|\bIN\b|\bLIKE\b|\bIS\b|\bBETWEEN\b)",
    re.IGNORECASE,
)
_ORDER = re.compile(r"\bORDER\s+BY\s+(?P<column>[A-Za-z_]\w*)\b(?!\s*\()", re.IGNORECASE)
_JOINED = re.compile(r"\bJOIN\b|,\s*\w+\s+(?:WHERE|$)", re.IGNORECASE)
_KEYWORDS = frozenset(
    {"and", "or", "not", "null", "select", "from", "where", "order", "by", "asc", "desc"}
    | {"limit", "offset", "set", "in", "is", "like", "between", "case", "when", "then"}
)
_MAX_FILES = 2000  # files read when the model has no entity for the table


def known_columns(model: ThreatModel, files: Mapping[str, str], table: str) -> tuple[str, ...]:
    """The table's columns in a stable order (the entity's own order, else first use: a
    select list, then conditions, then sort keys), or nothing when neither source names
    any."""
    wanted = table.lower()
    for store in model.datastores:
        if store.kind_of == "sql" and store.name.lower() == wanted and store.fields:
            return tuple(dict.fromkeys(f for f in store.fields if _usable(f)))
    found: dict[str, None] = {}
    paths = [p for p in sorted(files) if p.endswith(_SQL_FILES)][:_MAX_FILES]
    for path in paths:
        text = files[path]
        if wanted not in text.lower():
            continue
        for statement in _STATEMENT.finditer(text):
            if statement.group("table").lower() == wanted:
                found.update(dict.fromkeys(_columns(statement)))
    return tuple(found)


def _columns(statement: re.Match[str]) -> list[str]:
    rest = statement.group("rest")
    if _JOINED.search(rest):
        return []
    listed = statement.group("list") or "*"
    names = [] if listed.strip() == "*" else [n.strip() for n in listed.split(",")]
    names += [m.group("column") for m in _CONDITION.finditer(rest)]
    names += [m.group("column") for m in _ORDER.finditer(rest)]
    return [n for n in names if _usable(n)]


def _usable(name: str) -> bool:
    """A plain identifier that is not a keyword; one-letter names are left out (OGNL reads
    `'a'` as a character, never equal to a string)."""
    return re.fullmatch(r"[A-Za-z_]\w+", name) is not None and name.lower() not in _KEYWORDS
