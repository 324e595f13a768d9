"""Parameterised Python SQL: a one-line `cursor.execute(<built SQL>)` becomes
`execute("... ?", (value,))` in the driver's placeholder style (sqlite3 `?`; psycopg,
MySQL drivers and Django `%s`), and `session.execute(text(<built SQL>))` becomes
`execute(text("... :name"), {"name": value})`."""

from __future__ import annotations

import ast
import re

from threatdelta.remediation.families.python_calls import callee_name
from threatdelta.remediation.families.sql_template import (
    Bound,
    Hole,
    Piece,
    parameterise,
    split_format,
)

_QMARK = re.compile(r"^\s*import sqlite3|\.execute\(\s*[\"'][^\"'\n]*\?", re.MULTILINE)
_FORMAT = re.compile(
    r"^\s*(?:import|from) (?:psycopg|pymysql|MySQLdb|mysql|django)\b", re.MULTILINE
)
_EXECUTE = frozenset({"execute", "exec_driver_sql", "raw"})
_SENTINEL = "\x00"


def rewrite_line(text: str, line: str, tree: ast.Module, number: int) -> str | None:
    """`line` (line `number` of the module `text`) with its SQL call parameterised."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and node.lineno == number == node.end_lineno
            and callee_name(node) in _EXECUTE
            and len(node.args) == 1
            and not node.keywords
        ):
            new = _rewrite_call(text, line, node)
            if new is not None:
                return new
    return None


def _rewrite_call(text: str, line: str, call: ast.Call) -> str | None:
    arg = call.args[0]
    named = isinstance(arg, ast.Call) and callee_name(arg) == "text" and len(arg.args) == 1
    sql_node = arg.args[0] if isinstance(arg, ast.Call) and named else arg
    pieces = _pieces(text, sql_node)
    if pieces is None:
        return None
    bound = _named(pieces) if named else _positional(text, pieces)
    if bound is None:
        return None
    sql, params = bound
    return _splice(line, sql_node, _literal(sql), arg, f", {params}")


def _named(pieces: list[Piece]) -> tuple[str, str] | None:
    """SQLAlchemy `text()`: `:name` placeholders and a dict of values."""
    names = _names(pieces)
    done = parameterise(pieces, lambda n: f":{names[n - 1]}")
    if done is None or not done.values:
        return None
    items = (f'"{n}": {_value(v)}' for n, v in zip(names, done.values, strict=True))
    return done.sql, "{" + ", ".join(items) + "}"


def _positional(text: str, pieces: list[Piece]) -> tuple[str, str] | None:
    """DB-API: the driver's `?` or `%s` placeholders and a tuple of values."""
    style = "?" if _QMARK.search(text) else "%s" if _FORMAT.search(text) else ""
    done = parameterise(pieces, lambda n: _SENTINEL) if style else None
    if done is None or not done.values:
        return None
    sql = done.sql.replace("%", "%%") if style == "%s" else done.sql
    values = [_value(v) for v in done.values]
    params = f"({values[0]},)" if len(values) == 1 else "(" + ", ".join(values) + ")"
    return sql.replace(_SENTINEL, style), params


def _splice(line: str, sql_node: ast.expr, literal: str, arg: ast.expr, params: str) -> str:
    raw = line.encode()
    end = arg.end_col_offset or 0
    raw = raw[:end] + params.encode() + raw[end:]
    return (
        raw[: sql_node.col_offset] + literal.encode() + raw[sql_node.end_col_offset or 0 :]
    ).decode()


def _pieces(text: str, node: ast.expr) -> list[Piece] | None:
    if isinstance(node, ast.JoinedStr):
        return _fstring(text, node)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _is_str(node.left):
        right = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        sources = [ast.get_source_segment(text, v) or "" for v in right]
        return split_format(_str(node.left), sources) if all(sources) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        head, tail = _pieces(text, node.left), _pieces(text, node.right)
        if head is None or tail is None:
            return None
        return head + tail
    if _is_str(node):
        return [_str(node)]
    source = ast.get_source_segment(text, node)
    return [Hole(source)] if source else None


def _fstring(text: str, node: ast.JoinedStr) -> list[Piece] | None:
    pieces: list[Piece] = []
    for value in node.values:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            pieces.append(value.value)
        elif (
            isinstance(value, ast.FormattedValue)
            and value.format_spec is None
            and value.conversion == -1
        ):
            source = ast.get_source_segment(text, value.value)
            if not source:
                return None
            pieces.append(Hole(source))
        else:
            return None
    return pieces


def _is_str(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _str(node: ast.expr) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def _names(pieces: list[Piece]) -> list[str]:
    names: list[str] = []
    for hole in (p for p in pieces if isinstance(p, Hole)):
        base = (
            hole.expression.rpartition(".")[2] if re.fullmatch(r"[\w.]+", hole.expression) else ""
        )
        name = base if base and base not in names else f"p{len(names) + 1}"
        names.append(name)
    return names


def _value(bound: Bound) -> str:
    if not bound.prefix and not bound.suffix:
        return bound.expression
    quote = "'" if '"' in bound.expression else '"'
    escaped = [part.replace("{", "{{").replace("}", "}}") for part in (bound.prefix, bound.suffix)]
    return f"f{quote}{escaped[0]}{{{bound.expression}}}{escaped[1]}{quote}"


def _literal(sql: str) -> str:
    return '"' + sql.replace("\\", "\\\\").replace('"', '\\"') + '"'
