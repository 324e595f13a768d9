"""Parameterised SQL on the JVM and in MyBatis mappers.

Spring `JdbcTemplate` (Java or Kotlin): a one-argument `queryForList` / `queryForMap` /
`queryForObject` / `update` whose SQL is a concatenation or a Kotlin string template, on the
line or in one `String sql = ...;` / `val sql = ...` assignment just above, gets `?`
placeholders and the values as trailing arguments. MyBatis: `${name}` in a value position
(XML mapper or `@Select`) becomes `#{name}`. Go and anything else: no rewrite here.
"""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.source_file import SourceFile
from threatdelta.remediation.families.sql_template import Bound, Hole, Piece, parameterise

_JDBC_CALL = re.compile(
    r"\b(?P<receiver>\w*[jJ]dbc\w*)\.(?P<method>queryForList|queryForMap|queryForObject|update)"
    r"\((?P<arg>[^()]*(?:\([^()]*\)[^()]*)*)\)"
)
_ASSIGNMENT = re.compile(
    r"^(?P<head>\s*(?:final\s+)?(?:String|val|var)\s+(?P<name>\w+)(?:\s*:\s*String)?\s*=\s*)(?P<expr>.+?)(?P<tail>;?\s*)$"
)
_MYBATIS = re.compile(r"\$\{(\w+)\}")
_LOOKBACK = 4  # lines searched above the call for the SQL assignment


def edits(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    line = source.line(number)
    if _MYBATIS.search(line):
        new = _mybatis(line)
        return () if new is None else (_replace(source, number, new),)
    call = _JDBC_CALL.search(line)
    if call is None:
        return ()
    kotlin = source.path.endswith((".kt", ".kts"))
    arg = call.group("arg").strip()
    if re.fullmatch(r"\w+", arg):
        return _through_variable(source, number, call, arg, kotlin=kotlin)
    done = _parameterise(arg, kotlin=kotlin)
    if done is None:
        return ()
    literal, values = done
    new = line[: call.start("arg")] + ", ".join([literal, *values]) + line[call.end("arg") :]
    return (_replace(source, number, new),)


def _through_variable(
    source: SourceFile, number: int, call: re.Match[str], name: str, *, kotlin: bool
) -> tuple[TextEdit, ...]:
    for above in range(number - 1, max(number - _LOOKBACK, 1) - 1, -1):
        assigned = _ASSIGNMENT.match(source.line(above))
        if assigned is None or assigned.group("name") != name:
            continue
        done = _parameterise(assigned.group("expr"), kotlin=kotlin)
        if done is None:
            return ()
        literal, values = done
        line = source.line(number)
        new_call = (
            line[: call.end("arg")] + "".join(f", {v}" for v in values) + line[call.end("arg") :]
        )
        declaration = assigned.group("head") + literal + assigned.group("tail")
        return (_replace(source, above, declaration), _replace(source, number, new_call))
    return ()


def _parameterise(expression: str, *, kotlin: bool) -> tuple[str, list[str]] | None:
    pieces = (
        _kotlin_template(expression)
        if kotlin and "+" not in expression
        else _concatenation(expression)
    )
    if pieces is None:
        return None
    done = parameterise(pieces, lambda n: "?")
    if done is None or not done.values:
        return None
    return _java_string(done.sql), [_value(v, kotlin=kotlin) for v in done.values]


def _concatenation(expression: str) -> list[Piece] | None:
    parts = re.findall(r'"(?:[^"\\]|\\.)*"|[^+"]+', expression)
    pieces: list[Piece] = []
    for part in (p.strip() for p in parts):
        if part.startswith('"'):
            if "$" in part:
                return None  # a Kotlin template inside a concatenation
            pieces.append(part[1:-1].replace('\\"', '"'))
        elif part:
            pieces.append(Hole(part))
    return pieces


def _kotlin_template(expression: str) -> list[Piece] | None:
    literal = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', expression.strip())
    if literal is None:
        return None
    parts = re.split(r"\$\{([^{}]+)\}|\$(\w+)", literal.group(1))
    pieces: list[Piece] = []
    for index, part in enumerate(parts):
        if index % 3 == 0:
            pieces.append(part or "")
        elif part:
            pieces.append(Hole(part))
    return pieces


def _mybatis(line: str) -> str | None:
    parts = _MYBATIS.split(line)
    pieces: list[Piece] = [Hole(p) if i % 2 else p for i, p in enumerate(parts)]
    names = [p.expression for p in pieces if isinstance(p, Hole)]
    done = parameterise(pieces, lambda n: "#{" + names[n - 1] + "}")
    if done is None or any(v.prefix or v.suffix for v in done.values):
        return None
    return done.sql


def _value(bound: Bound, *, kotlin: bool) -> str:
    if not bound.prefix and not bound.suffix:
        return bound.expression
    if kotlin:
        return f'"{bound.prefix}${{{bound.expression}}}{bound.suffix}"'
    return f'"{bound.prefix}" + {bound.expression} + "{bound.suffix}"'


def _java_string(sql: str) -> str:
    return '"' + sql.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _replace(source: SourceFile, number: int, new: str) -> TextEdit:
    return TextEdit(path=source.path, start=number, end=number, lines=(new,))
