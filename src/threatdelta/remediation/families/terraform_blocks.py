"""Terraform resource blocks as line ranges, for the IaC fix families: where
`resource "<type>" "<name>" { ... }` starts and ends in a file. Braces are counted outside
strings and heredocs; a block that does not close gets no range."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

_HEADER = re.compile(r'^[ \t]*resource[ \t]+"(?P<type>[\w-]+)"[ \t]+"(?P<name>[\w-]+)"[ \t]*\{')
_HEREDOC = re.compile(r"<<-?[ \t]*\"?(?P<marker>\w+)\"?[ \t]*$")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_COMMENT = re.compile(r"[ \t]*(#|//).*$")


@dataclass(frozen=True)
class Block:
    """A resource block: 0-based indexes of its header line and of its closing-brace line."""

    path: str
    type: str
    name: str
    start: int
    end: int

    def body(self, files: Mapping[str, str]) -> list[str]:
        return files[self.path].splitlines()[self.start : self.end + 1]


def _depth_change(line: str) -> int:
    code = _COMMENT.sub("", _STRING.sub('""', line))
    return code.count("{") - code.count("}")


def block_end(lines: list[str], start: int) -> int | None:
    """The index of the line closing the block opened on `lines[start]`."""
    depth = 0
    marker: str | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        if marker is not None:
            marker = None if line.strip() == marker else marker
            continue
        depth += _depth_change(line)
        heredoc = _HEREDOC.search(_COMMENT.sub("", line))
        if heredoc is not None:
            marker = heredoc.group("marker")
        if depth <= 0:
            return index if index > start else None
    return None


def resources(files: Mapping[str, str], type_: str) -> Iterator[Block]:
    """Every resource block of `type_` in the repository's Terraform files."""
    for path, text in files.items():
        if not path.endswith(".tf"):
            continue
        lines = text.splitlines()
        for index, line in enumerate(lines):
            header = _HEADER.match(line)
            if header is None or header.group("type") != type_:
                continue
            end = block_end(lines, index)
            if end is not None:
                yield Block(path, type_, header.group("name"), index, end)


def find_resource(files: Mapping[str, str], type_: str, name: str) -> Block | None:
    """The one resource `type_.name` of the repository, or None (absent or ambiguous)."""
    found = [b for b in resources(files, type_) if b.name == name]
    return found[0] if len(found) == 1 else None
