"""An ownership check in a Spring handler, in the module's own idiom: when another handler
of the module compares a loaded record's owner with the principal
(`if (!account.getOwner().equals(principal.getName())) { throw ...; }`), a handler that
returns a record loaded by id (`return repo.findById(id).orElseThrow();`) keeps it in a
variable, takes the principal parameter, runs the same comparison and returns it."""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.source_file import SourceFile

_IDIOM = re.compile(
    r"if \(!(?P<var>\w+)\.(?P<getter>get\w+)\(\)"
    r"\.equals\((?P<principal>\w+)\.getName\(\)\)\) \{\s*\n"
    r"\s*(?P<throw>throw new \w+\([^;\n]*\);)"
)
_PRINCIPAL_PARAM = re.compile(r"\bPrincipal\s+(\w+)")
_RETURN = re.compile(
    r"^(?P<indent>\s*)return (?P<expr>\w+\.find\w*\([^;]*\)\.orElseThrow\(\));\s*$"
)
_SIGNATURE = re.compile(r"^\s*public\s+(?P<type>[\w<>]+)\s+\w+\((?P<params>.*)\)\s*\{\s*$")


def check_edits(source: SourceFile, line: int) -> tuple[TextEdit, ...]:
    idiom = _IDIOM.search(source.text)
    returned = _RETURN.match(source.line(line))
    if idiom is None or returned is None:
        return ()
    found = (
        (n, match)
        for n in range(line - 1, max(line - 4, 1) - 1, -1)
        if (match := _SIGNATURE.match(source.line(n)))
    )
    number, signature = next(found, (0, None))
    if signature is None:
        return ()
    head = source.line(number)
    param = _PRINCIPAL_PARAM.search(signature.group("params"))
    principal = param.group(1) if param else idiom.group("principal")
    if param is None:
        extra = ", " if signature.group("params").strip() else ""
        head = (
            head[: signature.end("params")]
            + f"{extra}Principal {principal}"
            + head[signature.end("params") :]
        )
    indent, unit = returned.group("indent"), source.style.indent_unit
    var = idiom.group("var")
    body = (
        f"{indent}{signature.group('type')} {var} = {returned.group('expr')};",
        f"{indent}if (!{var}.{idiom.group('getter')}().equals({principal}.getName())) {{",
        f"{indent}{unit}{idiom.group('throw')}",
        f"{indent}}}",
        f"{indent}return {var};",
    )
    return (
        TextEdit(path=source.path, start=number, end=number, lines=(head,)),
        TextEdit(path=source.path, start=line, end=line, lines=body),
    )
