"""Go: `f, err := os.Open(filepath.Join(dir, name))` becomes
`f, err := os.DirFS(dir).Open(name)`, whose `fs.ValidPath` check refuses `..` elements and
rooted names. Only when the file is then used through the `fs.File` methods (`Close`,
`Read`, `Stat`) or handed to a reader (`io.Copy`, `io.ReadAll`, `bufio`, decoders); a
`path/filepath` import left unused is dropped."""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.path_arguments import split_arguments
from threatdelta.remediation.families.source_file import SourceFile

_OPEN = re.compile(
    r"^(?P<head>\s*(?P<var>\w+),\s*\w+\s*:?=\s*)os\.Open\(filepath\.Join\((?P<args>.*)\)\)\s*$"
)
_READERS = (
    r"\.Close\(\)|\.Read\(|\.Stat\(\)",
    r"(?:io\.Copy\([^,()]+,\s*|io\.ReadAll\(|bufio\.New(?:Reader|Scanner)\(|"
    r"(?:json|xml|csv|gob)\.New(?:Decoder|Reader)\()",
)
_FILEPATH_IMPORT = re.compile(r'^\s*(?:import\s+)?"path/filepath"\s*$')


def go_edits(source: SourceFile, number: int) -> tuple[TextEdit, ...]:
    found = _OPEN.match(source.line(number))
    args = split_arguments(found.group("args")) if found else None
    if found is None or args is None or len(args) != 2:
        return ()
    if not _only_read(source, number, found.group("var")):
        return ()
    new = f"{found.group('head')}os.DirFS({args[0]}).Open({args[1]})"
    edits = [TextEdit(path=source.path, start=number, end=number, lines=(new,))]
    others = [n for n, line in enumerate(source.lines, 1) if "filepath." in line and n != number]
    imports = [n for n, line in enumerate(source.lines, 1) if _FILEPATH_IMPORT.match(line)]
    if not others and len(imports) == 1:
        edits.insert(0, TextEdit(path=source.path, start=imports[0], end=imports[0], lines=()))
    return tuple(edits)


def _only_read(source: SourceFile, number: int, var: str) -> bool:
    """Every later use of `var` in the function is one an `fs.File` supports."""
    methods, readers = _READERS
    for line in source.lines[number:]:
        if line.startswith("}"):
            return True
        rest = re.sub(rf"\b{var}(?:{methods})", "", line)
        rest = re.sub(rf"(?:{readers}){var}\)", "", rest)
        if re.search(rf"\b{var}\b", rest):
            return False
    return False
