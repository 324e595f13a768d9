"""Parameterised JavaScript/TypeScript SQL built with a template literal on one line:
Sequelize `query(sql, { replacements })` with `?`, Prisma `$queryRawUnsafe` turned into
the tagged `$queryRaw` (Prisma binds every `${}`), node-postgres `$1` and mysql2 `?` with a
values array. Any other client: no rewrite (its placeholder style is not known)."""

from __future__ import annotations

import re

from threatdelta.remediation.families.sql_template import Bound, Hole, Piece, parameterise

_CALL = re.compile(
    r"(?P<callee>[\w$.]+?)\.(?P<method>query|\$queryRawUnsafe|\$executeRawUnsafe)\(\s*`(?P<sql>[^`]*)`(?P<rest>\s*(?:,\s*\{(?P<options>[^{}]*)\})?\s*)\)"
)
_HOLE = re.compile(r"\$\{([^{}]*)\}")
_PG = re.compile(r"""from\s+['"]pg['"]|require\(\s*['"]pg['"]\s*\)""")
_MYSQL = re.compile(r"""from\s+['"]mysql2(?:/promise)?['"]|require\(\s*['"]mysql2""")


def rewrite_line(text: str, line: str, quote: str) -> str | None:
    match = _CALL.search(line)
    if match is None:
        return None
    pieces = _pieces(match.group("sql"))
    if match.group("method").startswith("$"):
        new = _prisma(match, pieces)
    elif "sequelize" in match.group("callee").lower():
        new = _sequelize(match, pieces, quote)
    elif (_PG.search(text) or _MYSQL.search(text)) and not match.group("options"):
        new = _driver(match, pieces, quote, numbered=bool(_PG.search(text)))
    else:
        return None
    return None if new is None else line[: match.start()] + new + line[match.end() :]


def _pieces(sql: str) -> list[Piece]:
    parts = _HOLE.split(sql)
    return [Hole(p.strip()) if i % 2 else p for i, p in enumerate(parts)]


def _prisma(match: re.Match[str], pieces: list[Piece]) -> str | None:
    if match.group("rest").strip():
        return None
    done = parameterise(pieces, lambda n: f"\x00{n}\x00")
    if done is None or not done.values:
        return None
    sql = re.sub(
        r"\x00(\d+)\x00", lambda m: "${" + _value(done.values[int(m.group(1)) - 1]) + "}", done.sql
    )
    method = match.group("method").replace("Unsafe", "")
    return f"{match.group('callee')}.{method}`{sql}`"


def _sequelize(match: re.Match[str], pieces: list[Piece], quote: str) -> str | None:
    done = parameterise(pieces, lambda n: "?")
    if done is None or not done.values:
        return None
    values = ", ".join(_value(v) for v in done.values)
    options = (match.group("options") or "").strip()
    if re.search(r"\b(?:replacements|bind)\s*:", options):
        return None
    body = f"replacements: [{values}]" + (f", {options}" if options else "")
    return f"{match.group('callee')}.query({_literal(done.sql, quote)}, {{ {body} }})"


def _driver(match: re.Match[str], pieces: list[Piece], quote: str, *, numbered: bool) -> str | None:
    done = parameterise(pieces, lambda n: f"${n}" if numbered else "?")
    if done is None or not done.values or match.group("rest").strip():
        return None
    values = ", ".join(_value(v) for v in done.values)
    return f"{match.group('callee')}.query({_literal(done.sql, quote)}, [{values}])"


def _value(bound: Bound) -> str:
    if not bound.prefix and not bound.suffix:
        return bound.expression
    return f"`{bound.prefix}${{{bound.expression}}}{bound.suffix}`"


def _literal(sql: str, quote: str) -> str:
    return quote + sql.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote
