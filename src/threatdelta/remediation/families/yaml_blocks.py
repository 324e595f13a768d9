"""Block-style YAML mappings as line ranges, for the Kubernetes and compose fix families: the
extent of a list item or mapping entry, its direct keys and the column they sit at. Only block
style is read; a flow mapping (`{...}`) or a tab-indented file gets no patch."""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"^(?P<indent>[ ]*)(?:-[ ]+)?(?P<key>[\w.-]+):(?P<rest>.*)$")
_DASH = re.compile(r"^(?P<indent>[ ]*)-[ ]+")


@dataclass(frozen=True)
class Node:
    """A mapping in `lines` (0-based): its header line, its last line and the column of its
    direct keys."""

    header: int
    last: int
    column: int


def _width(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def item_at(lines: list[str], index: int) -> Node | None:
    """The mapping of the list item starting at `lines[index]` (`- name: api`) or of the
    entry `key:` whose value is an indented block."""
    line = lines[index] if 0 <= index < len(lines) else ""
    if "\t" in line[: _width(line) + 1]:
        return None
    dash = _DASH.match(line)
    if dash is not None:
        column, floor = dash.end(), len(dash.group("indent"))
    elif (key := _KEY.match(line)) is not None and not key.group("rest").strip(" "):
        floor = len(key.group("indent"))
        below = _child_column(lines, index, floor)
        if below is None:
            return None
        column = below
    else:
        return None
    return Node(index, _last_line(lines, index, floor), column)


def _child_column(lines: list[str], index: int, floor: int) -> int | None:
    for line in lines[index + 1 :]:
        if _content(line):
            width = _width(line)
            return width if width > floor else None
    return None


def _last_line(lines: list[str], index: int, floor: int) -> int:
    last = index
    for n in range(index + 1, len(lines)):
        if not _content(lines[n]):
            continue
        if _width(lines[n]) <= floor:
            break
        last = n
    return last


def child(lines: list[str], node: Node, key: str) -> int | None:
    """The line of the direct key `key` of `node`, or None."""
    for n in range(node.header, node.last + 1):
        match = _KEY.match(lines[n])
        if match is None or match.group("key") != key:
            continue
        at = n == node.header and _DASH.match(lines[n]) is not None
        if at or (_width(lines[n]) == node.column and n != node.header):
            return n
    return None


def block_value(lines: list[str], index: int) -> bool:
    """`key:` with nothing after it (its value is an indented block)."""
    match = _KEY.match(lines[index])
    return match is not None and not match.group("rest").split("#", 1)[0].strip()


def yaml_step(lines: list[str]) -> str | None:
    """The indentation step of the file (two spaces when unknown); None with tabs."""
    widths = sorted({_width(line) for line in lines if _content(line) and _width(line)})
    if any(line.startswith("\t") for line in lines):
        return None
    return " " * (widths[0] if widths else 2)
