"""Django ORM escape hatches that take SQL text: `QuerySet.extra(where=[...], select={...},
tables=[...], order_by=[...])` and `RawSQL("...", params)`; built by formatting they are
sql-raw facts like `cursor.execute(f"...")` (`Manager.raw(...)` is read by `sinks`)."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.assignments import formatting
from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.syntax import callee
from threatdelta.model.facts import FactKind

_EXTRA_ARGS = frozenset({"where", "select", "tables", "order_by"})


def _sql_texts(call: ast.Call, name: str) -> list[ast.expr]:
    if name == "RawSQL":
        return call.args[:1]
    texts: list[ast.expr] = []
    for keyword in call.keywords:
        if keyword.arg not in _EXTRA_ARGS:
            continue
        value = keyword.value
        if isinstance(value, ast.List | ast.Tuple):
            texts += value.elts
        elif isinstance(value, ast.Dict):
            texts += value.values
        else:
            texts.append(value)
    return texts


def django_sql(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in ("extra", "RawSQL"):
        return
    for text in _sql_texts(call, name):
        how = formatting(text, ctx.env)
        if how is not None:
            where = callee(call.func)
            ctx.add(FactKind.SQL_RAW, call, where, ctx.env.of(text), f"{how} passed to {where}")
            return
