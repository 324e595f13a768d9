"""The top-level arguments of a call written on one line, for the line-based families."""

from __future__ import annotations


def split_arguments(text: str) -> list[str] | None:
    """Top-level comma-separated arguments of a call's inside (None when unbalanced)."""
    parts, depth, start, quote = [], 0, 0, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote and text[index - 1] != "\\" else quote
            continue
        if char in "\"'`":
            quote = char
        depth += char in "([{"
        depth -= char in ")]}"
        if depth < 0:
            return None
        if char == "," and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts if depth == 0 and not quote and all(parts) else None
