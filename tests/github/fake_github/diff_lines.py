"""Which head lines of a unified patch GitHub accepts a review comment on (side RIGHT): every
line a hunk shows on the new side, added or context."""

from __future__ import annotations

import re

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def right_side_lines(patch: str) -> frozenset[int]:
    lines: set[int] = set()
    current = 0
    for text in patch.splitlines():
        header = _HUNK.match(text)
        if header:
            current = int(header.group(1))
            continue
        if not current or text.startswith("-") or text.startswith("\\"):
            continue
        lines.add(current)
        current += 1
    return frozenset(lines)
