"""A patch as a unified diff: `a/`/`b/` paths, the file's own newline, git's marker for a
last line without a newline."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

_NO_NEWLINE = "\\ No newline at end of file"


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def file_diff(path: str, before: str, after: str) -> str:
    """The unified diff of one file (three lines of context)."""
    newline = _newline(before or after)
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
        lineterm=newline,
    )
    out: list[str] = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + newline + _NO_NEWLINE + newline)
    return "".join(out)


def unified_diff(before: Mapping[str, str], after: Mapping[str, str]) -> str:
    """The unified diff of every patched file, in path order."""
    return "".join(file_diff(path, before[path], after[path]) for path in sorted(after))
