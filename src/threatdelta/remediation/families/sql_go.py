"""Parameterised Go `database/sql` queries: `db.Query(query)` whose `query :=
fmt.Sprintf("...", args)` sits in one statement just above (or inline) gets the driver's
placeholders and the values as arguments. The placeholder style is the one the repository's
other `Query`/`QueryRow`/`Exec` calls already use (`$1` or `?`); none seen: no rewrite. The
`fmt` import goes when the rewritten call was its only use."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.source_file import SourceFile
from threatdelta.remediation.families.sql_template import Bound, parameterise, split_format

_CALL = re.compile(
    r"\b(?P<db>\w+)\.(?P<method>Query|QueryRow|Exec|QueryContext)\((?P<ctx>ctx,\s*)?(?P<arg>\w+)\)"
)
_SPRINTF = re.compile(
    r'^(?P<head>\s*(?P<name>\w+)\s*:?=\s*)fmt\.Sprintf\("(?P<format>(?:[^"\\]|\\.)*)"(?P<args>(?:,\s*[^,()]+(?:\([^()]*\))?)*)\)\s*$'
)
_NUMBERED = re.compile(r'\.(?:Query|QueryRow|Exec)(?:Context)?\((?:ctx,\s*)?"[^"\n]*\$1')
_QMARK = re.compile(r'\.(?:Query|QueryRow|Exec)(?:Context)?\((?:ctx,\s*)?"[^"\n]*\?[^"\n]*"\s*,')
_LOOKBACK = 4


def edits(source: SourceFile, number: int, files: Mapping[str, str]) -> tuple[TextEdit, ...]:
    call = _CALL.search(source.line(number))
    style = _placeholder_style(source.text, files)
    if call is None or style is None:
        return ()
    for above in range(number - 1, max(number - _LOOKBACK, 1) - 1, -1):
        built = _SPRINTF.match(source.line(above))
        if built is None or built.group("name") != call.group("arg"):
            continue
        values = [v.strip() for v in built.group("args").split(",") if v.strip()]
        pieces = split_format(built.group("format"), values, specs="sdv")
        done = parameterise(pieces, style) if pieces else None
        if done is None or not done.values:
            return ()
        line = source.line(number)
        end = call.end("arg")
        new_call = line[:end] + "".join(f", {_value(v)}" for v in done.values) + line[end:]
        declaration = (
            built.group("head") + '"' + done.sql.replace("\\", "\\\\").replace('"', '\\"') + '"'
        )
        found = [_replace(source, above, declaration), _replace(source, number, new_call)]
        found.extend(_unused_fmt(source))
        return tuple(sorted(found, key=lambda e: e.start))
    return ()


def _placeholder_style(text: str, files: Mapping[str, str]) -> Callable[[int], str] | None:
    others = [text, *(t for p, t in sorted(files.items()) if p.endswith(".go"))]
    for other in others:
        if _NUMBERED.search(other):
            return lambda n: f"${n}"
        if _QMARK.search(other):
            return lambda n: "?"
    return None


def _value(bound: Bound) -> str:
    if not bound.prefix and not bound.suffix:
        return bound.expression
    return f'"{bound.prefix}"+{bound.expression}+"{bound.suffix}"'


def _unused_fmt(source: SourceFile) -> list[TextEdit]:
    if source.text.count("fmt.") != 1:
        return []
    for number, line in enumerate(source.lines, start=1):
        if line.strip() == '"fmt"':
            return [TextEdit(path=source.path, start=number, end=number, lines=())]
    return []


def _replace(source: SourceFile, number: int, new: str) -> TextEdit:
    return TextEdit(path=source.path, start=number, end=number, lines=(new,))
