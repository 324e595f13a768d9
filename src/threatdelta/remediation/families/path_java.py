"""Java: `Files.readAllBytes(new File(dir, name).toPath())` (or `Paths.get(dir, name)`,
`Path.of(dir, name)`) resolves the name against the normalised folder, answers 404 unless
the normalised result still starts with it, and reads that path. The `Path`, `Paths`,
`HttpStatus` and `ResponseStatusException` imports are added when missing; no patch when
the method already has a `base` or `file` name."""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.path_arguments import split_arguments
from threatdelta.remediation.families.source_file import SourceFile

_READ = re.compile(
    r"^(?P<head>(?P<indent>\s*).*?)Files\.(?P<op>readAllBytes|readString|readAllLines|"
    r"newInputStream|newBufferedReader|lines)\((?:new File\((?P<file>.*)\)\.toPath\(\)|"
    r"(?:Paths\.get|Path\.of)\((?P<path>.*)\))\)(?P<tail>[^()]*)$"
)
_METHOD = re.compile(r"^\s*(?:public|protected|private)\b.*\)\s*(?:throws [\w., ]+)?\{\s*$")
_NEEDED = (
    "java.nio.file.Path",
    "java.nio.file.Paths",
    "org.springframework.http.HttpStatus",
    "org.springframework.web.server.ResponseStatusException",
)
_IMPORT = re.compile(r"^import\s+([\w.]+(?:\.\*)?);\s*$")


def java_edits(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    found = _READ.match(source.line(number))
    args = split_arguments(found.group("file") or found.group("path") or "") if found else None
    if found is None or args is None or len(args) != 2 or _names_taken(source, number):
        return ()
    indent, step = found.group("indent"), source.style.indent_unit or "    "
    lines = (
        f"{indent}Path base = Paths.get({args[0]}).normalize();",
        f"{indent}Path file = base.resolve({args[1]}).normalize();",
        f"{indent}if (!file.startsWith(base)) {{",
        f"{indent}{step}throw new ResponseStatusException(HttpStatus.NOT_FOUND);",
        f"{indent}}}",
        f"{found.group('head')}Files.{found.group('op')}(file){found.group('tail')}",
    )
    edit = TextEdit(path=source.path, start=number, end=number, lines=lines)
    return (*_import_edits(source), edit)


def _names_taken(source: SourceFile, number: int) -> bool:
    start = number
    while start > 1 and not _METHOD.match(source.line(start)):
        start -= 1
    body = "\n".join(source.lines[start - 1 : number])
    return start <= 1 or bool(re.search(r"\b(?:base|file)\b", body))


def _import_edits(source: SourceFile) -> list[TextEdit]:
    imports = [
        (n, m.group(1)) for n, line in enumerate(source.lines, 1) if (m := _IMPORT.match(line))
    ]
    have = {name for _, name in imports}
    missing = [
        name for name in _NEEDED if name not in have and f"{name.rpartition('.')[0]}.*" not in have
    ]
    if not imports or not missing:
        return []
    by_place: dict[int, list[str]] = {}
    for name in missing:
        after = [n for n, existing in imports if existing > name]
        place = after[0] if after else imports[-1][0] + 1
        by_place.setdefault(place, []).append(f"import {name};")
    return [
        TextEdit(path=source.path, start=place, end=place - 1, lines=tuple(lines))
        for place, lines in sorted(by_place.items())
    ]
