"""Split Dockerfile text into instructions that keep their lines.

An instruction is a keyword and its arguments; a line ending in the escape character
(`\\`, or the one a `# escape=` parser directive sets) continues on the next line, and
comment or blank lines inside a continuation are skipped, as BuildKit does. Heredocs
(`RUN <<EOF`) are read as the lines of the instruction up to their terminator, so their
body is never taken for instructions. Nothing is run or expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(r"^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$")
_HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?")


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper-case: FROM, USER, ENV, ...
    arguments: str  # the text after the keyword, continuation lines joined by a space
    start: int  # 1-based first line
    end: int  # last line


def _escape_char(lines: list[str]) -> str:
    """The escape character from the `# escape=` directive at the top of the file."""
    for line in lines:
        match = _DIRECTIVE.match(line.strip())
        if match is None:
            return "\\"
        if match.group(1).lower() == "escape" and match.group(2) in ("\\", "`"):
            return match.group(2)
    return "\\"


def _skip_heredocs(arguments: str, lines: list[str], index: int) -> int:
    """The index of the last line of the heredoc bodies the instruction opens (or `index`)."""
    for terminator in _HEREDOC.findall(arguments):
        index += 1
        while index < len(lines) and lines[index].strip() != terminator:
            index += 1
    return min(index, len(lines) - 1)


def instructions(text: str) -> list[Instruction]:
    """The instructions of a Dockerfile, in order."""
    lines = text.splitlines()
    escape = _escape_char(lines)
    found: list[Instruction] = []
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            index += 1
            continue
        start, parts = index, []
        while True:
            line = lines[index].strip()
            if not (index > start and (not line or line.startswith("#"))):
                continued = line.endswith(escape)
                parts.append(line[:-1].strip() if continued else line)
                if not continued:
                    break
            if index + 1 >= len(lines):
                break
            index += 1
        keyword, _, arguments = " ".join(p for p in parts if p).partition(" ")
        index = _skip_heredocs(arguments, lines, index)
        found.append(Instruction(keyword.upper(), arguments.strip(), start + 1, index + 1))
        index += 1
    return found
