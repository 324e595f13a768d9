"""The one line our exporters write into a Threat Dragon description so that an exported
model reads back into the same elements: `threatdelta: kind=<kind>` (a data store's kind, a
boundary's kind, an external entity's kind). Nothing else of a description is interpreted."""

from __future__ import annotations

MARKER = "threatdelta:"


def marked_kind(description: str) -> str:
    """The `kind=` value of the marker line, or "" when there is none."""
    for line in description.splitlines():
        text = line.strip()
        if not text.startswith(MARKER):
            continue
        for part in text[len(MARKER) :].split():
            name, _, value = part.partition("=")
            if name == "kind" and value:
                return value
    return ""


def kind_line(kind: str) -> str:
    return f"{MARKER} kind={kind}"
