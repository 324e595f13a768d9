"""Parameterised JavaScript/TypeScript SQL built with a template literal on one line:
Sequelize `query(sql, { replacements })` with `?`, Prisma `$queryRawUnsafe` turned into
the tagged `$queryRaw` (Prisma binds every `${}`), node-postgres `$1` and mysql2 `?` with a
values array. Any other client: no rewrite (its placeholder style is not known)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from threatdelta.remediation.families.sql_template import Bound, Hole, Piece, parameterise

_CALL = re.compile(
    r"(?P<callee>[\w$.]+?)\.(?P<method>query|\$queryRawUnsafe|\$executeRawUnsafe)\(\s*`(?P<sql>[^`]*)`(?P<rest>\s*(?:,\s*\{(?P<options>[^{}]*)\})?\s*)\)"
)
_HOLE = re.compile(r"\$\{([^{}]*)\}")
_PG = re.compile(r"""from\s+['"]pg['"]|require\(\s*['"]pg['"]\s*\)""")
_SCRIPTS = (".js", ".ts", ".mjs", ".cjs")
_USES_NUMBERED = re.compile(r"""\.query\(\s*(['"])[^'"\n]*\$1\b[^'"\n]*\1\s*,\s*\[""")
_USES_QMARK = re.compile(r"""\.query\(\s*(['"])[^'"\n]*\?[^'"\n]*\1\s*,\s*\[""")
_MYSQL = re.compile(r"""from\s+['"]mysql2(?:/promise)?['"]|require\(\s*['"]mysql2""")


def rewrite_line(text: str, line: str, quote: str, files: Mapping[str, str]) -> str | None:
    match = _CALL.search(line)
    if match is None:
        return None
    pieces = _pieces(match.group("sql"))
    if match.group("method").startswith("$"):
        new = _prisma(match, pieces)
    elif "sequelize" in match.group("callee").lower():
        new = _sequelize(match, pieces, quote)
    else:
        numbered = _numbered_placeholders(text, files)
        if numbered is None or match.group("options"):
            return None
        new = _driver(match, pieces, quote, numbered=numbered)
    return None if new is None else line[: match.start()] + new + line[match.end() :]


def _numbered_placeholders(text: str, files: Mapping[str, str]) -> bool | None:
    """`$1` (True) or `?` (False) as the driver imported here, or as the repository's other
    parameterised `.query(sql, [values])` calls use; None when nothing tells."""
    if _PG.search(text) or _MYSQL.search(text):
        return bool(_PG.search(text))
    for other in (text, *(t for p, t in sorted(files.items()) if p.endswith(_SCRIPTS))):
        if _USES_NUMBERED.search(other):
            return True
        if _USES_QMARK.search(other):
            return False
    return None


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
