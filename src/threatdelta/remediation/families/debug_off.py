"""Debug mode off unless the environment asks for it (TD-I002).

Python: a `debug=True` argument on the flagged line (`app.run`, `FastAPI(...)`) and a
`DEBUG = True` setting read an environment variable instead (`FLASK_DEBUG`, `DJANGO_DEBUG`,
`APP_DEBUG` by framework), adding `import os`. Express: `app.use(errorhandler())` runs only
when `NODE_ENV` is `development`. Safe: production stops serving debug pages; a developer
sets the variable.
"""

from __future__ import annotations

import ast
import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.python_calls import call_on_line, set_keywords
from threatdelta.remediation.families.python_imports import import_edit, parse_module
from threatdelta.remediation.families.source_file import (
    SCRIPT_SUFFIXES,
    SourceFile,
    editable_file,
    primary_location,
)

_SETTING = re.compile(r"^(\s*DEBUG\s*=\s*)True\s*$")
_ERRORHANDLER = re.compile(r"^\s*\w+\.use\(\s*errorhandler\(\s*\)\s*\);?\s*$")


class DebugOff:
    name = "debug-off"
    rules = frozenset({"TD-I002"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        source = editable_file(request, where.path)
        if source is None:
            return None
        if where.path.endswith(".py"):
            edits = _python_edits(source, where.start_line)
        elif where.path.endswith(SCRIPT_SUFFIXES):
            edits = _express_edits(source, where.start_line)
        else:
            edits = ()
        if not edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.SAFE,
            summary="Turn debug mode on only when the environment asks for it.",
            edits=edits,
            guidance="Developers set the named environment variable to get debug pages back.",
        )


def _env_flag(text: str) -> str:
    lowered = text.lower()
    name = "DJANGO_DEBUG" if "django" in lowered or "INSTALLED_APPS" in text else "FLASK_DEBUG"
    if "fastapi" in lowered or "starlette" in lowered:
        name = "APP_DEBUG"
    return f'os.environ.get("{name}") == "1"'


def _python_edits(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    tree = parse_module(source.text)
    if tree is None:
        return ()
    text, flag = source.line(number), _env_flag(source.text)
    setting = _SETTING.match(text)
    if setting:
        new = f"{setting.group(1)}{flag}"
    else:
        call = call_on_line(tree, number, _debug_true)
        if call is None:
            return ()
        new = set_keywords(text, call, {"debug": flag})
    edit = TextEdit(path=source.path, start=number, end=number, lines=(new,))
    imported = import_edit(source.path, tree, "os")
    return (edit,) if imported is None else (imported, edit)


def _debug_true(call: ast.Call) -> bool:
    return any(
        kw.arg == "debug" and isinstance(kw.value, ast.Constant) and kw.value.value is True
        for kw in call.keywords
    )


def _express_edits(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    text = source.line(number)
    if not _ERRORHANDLER.match(text):
        return ()
    indent, q = indentation(text), source.quote
    indented = any(line[:1] in {" ", "\t"} and line.strip() for line in source.lines)
    unit = source.style.indent_unit if indented else "  "  # JavaScript's usual step
    lines = (
        f"{indent}if (process.env.NODE_ENV === {q}development{q}) {{",
        f"{indent}{unit}{text.strip()}",
        f"{indent}}}",
    )
    return (TextEdit(path=source.path, start=number, end=number, lines=lines),)
