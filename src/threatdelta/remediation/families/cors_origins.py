"""Explicit CORS origins from configuration instead of any origin with credentials (TD-I005).

Flask-CORS `CORS(app, origins="*", ...)` and Starlette `CORSMiddleware(allow_origins=["*"])`
read `os.environ["CORS_ORIGINS"]` (comma-separated); Django's `CORS_ALLOW_ALL_ORIGINS = True`
becomes `CORS_ALLOWED_ORIGINS` read the same way; Express `cors({ origin: true|'*' })` reads
`process.env.CORS_ORIGINS`. Unsafe: the deployment has to set the variable.
"""

from __future__ import annotations

import ast
import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.python_calls import call_on_line, callee_name, set_keywords
from threatdelta.remediation.families.python_imports import import_edit, parse_module
from threatdelta.remediation.families.source_file import (
    SCRIPT_SUFFIXES,
    SourceFile,
    editable_file,
    primary_location,
)

_PY_ORIGINS = 'os.environ.get("CORS_ORIGINS", "").split(",")'
_DJANGO_ALL = re.compile(r"^(\s*)(?:CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL)\s*=\s*True\s*$")
_PY_CALLS = {
    "CORS": "origins",
    "CORSMiddleware": "allow_origins",
    "add_middleware": "allow_origins",
}
_JS_CORS = re.compile(r"\bcors\(\s*\{[^{}]*\}")
_JS_ORIGIN = re.compile(r"\borigin\s*:\s*(?:true|'\*'|\"\*\")")


class CorsOrigins:
    name = "cors-origins"
    rules = frozenset({"TD-I005"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        source = editable_file(request, where.path)
        if source is None:
            return None
        if where.path.endswith(".py"):
            edits = _python_edits(source, where.start_line)
        elif where.path.endswith(SCRIPT_SUFFIXES):
            edits = _js_edits(source, where.start_line)
        else:
            edits = ()
        if not edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary="Allow only the origins listed in the CORS_ORIGINS environment variable.",
            edits=edits,
            guidance="Set CORS_ORIGINS (comma-separated, e.g. https://app.example.com) "
            "wherever the service runs; until then no cross-origin caller is allowed.",
        )


def _replace(source: SourceFile, number: int, new: str) -> TextEdit:
    return TextEdit(path=source.path, start=number, end=number, lines=(new,))


def _python_edits(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    tree = parse_module(source.text)
    if tree is None:
        return ()
    text = source.line(number)
    django = _DJANGO_ALL.match(text)
    if django:
        new = f"{django.group(1)}CORS_ALLOWED_ORIGINS = {_PY_ORIGINS}"
    else:
        call = call_on_line(tree, number, lambda c: callee_name(c) in _PY_CALLS)
        if call is None or not _wildcard_origins(call):
            return ()
        new = set_keywords(text, call, {_PY_CALLS[callee_name(call)]: _PY_ORIGINS})
    edit = _replace(source, number, new)
    imported = import_edit(source.path, tree, "os")
    return (edit,) if imported is None else (imported, edit)


def _wildcard_origins(call: ast.Call) -> bool:
    """The call allows any origin: a `"*"` origins keyword, or none at all."""
    keyword = _PY_CALLS[callee_name(call)]
    value = next((kw.value for kw in call.keywords if kw.arg == keyword), None)
    if value is None:
        return callee_name(call) == "CORS"
    items = value.elts if isinstance(value, ast.List | ast.Tuple | ast.Set) else [value]
    return any(isinstance(i, ast.Constant) and i.value == "*" for i in items)


def _js_edits(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    text = source.line(number)
    call = _JS_CORS.search(text)
    if call is None:
        return ()
    q = source.quote
    origin = f"origin: process.env.CORS_ORIGINS?.split({q},{q})"
    options = call.group(0)
    if _JS_ORIGIN.search(options):
        options = _JS_ORIGIN.sub(origin, options, count=1)
    elif re.search(r"\borigin\s*:", options):
        return ()
    else:
        options = options.replace("{", "{ " + origin + ",", 1).replace(",  ", ", ")
    new = text[: call.start()] + options + text[call.end() :]
    return (_replace(source, number, new),)
