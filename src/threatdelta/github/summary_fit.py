"""The summary comment's shape and size: low-severity threats folded into `<details>`, and
a body under GitHub's 65,536-character limit.

Threat items are the one-line list items our Markdown writes (`- **<severity>** · ...`;
repository text inside them is escaped, so no item spans two lines and no repository text
can start such a line). When the body is too long, the items of the lowest severity are
dropped first (each run of them replaced by a count), then the next; if still too long, the
text is cut at a line, any open code fence or `<details>` closed, and a note points to the
job summary, which holds the full report.
"""

from __future__ import annotations

import re

from threatdelta.findings.threat import Severity
from threatdelta.reporters.delta_summary import plural

SUMMARY_LIMIT = 65_536  # characters GitHub accepts in a comment body
_MARGIN = 256  # room for closing tags and the marker
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CUT_NOTE = (
    "\n\n> **Truncated** to fit GitHub's comment size limit: the job summary of this run "
    "has the full report.\n"
)


def _item(severity: Severity) -> re.Pattern[str]:
    return re.compile(rf"^- \*\*{severity.value}\*\* · ")


def size(text: str) -> int:
    """Length as GitHub may count it (UTF-16 code units: never less than characters)."""
    return len(text.encode("utf-16-le")) // 2


def _runs(lines: list[str], pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) index pairs of maximal runs of lines matching `pattern`."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, line in enumerate([*lines, ""]):
        hit = i < len(lines) and pattern.match(line) is not None
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            runs.append((start, i))
            start = None
    return runs


def collapse_low(markdown: str) -> str:
    """Each run of low-severity items folded into a `<details>` block."""
    lines = markdown.split("\n")
    for start, end in reversed(_runs(lines, _item(Severity.LOW))):
        label = f"{plural(end - start, 'low-severity threat')}"
        lines[start:end] = [
            f"<details><summary>{label}</summary>",
            "",
            *lines[start:end],
            "",
            "</details>",
        ]
    return "\n".join(lines)


def _drop(markdown: str, severity: Severity) -> str:
    lines = markdown.split("\n")
    for start, end in reversed(_runs(lines, _item(severity))):
        count = plural(end - start, f"{severity.value}-severity threat")
        lines[start:end] = [f"- _{count} not shown here: the job summary lists them._"]
    return "\n".join(lines)


def _close_open_blocks(text: str) -> str:
    fence = ""
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if match is None:
            continue
        marker = match.group(1)
        if not fence:
            fence = marker
        elif marker[0] == fence[0] and len(marker) >= len(fence):
            fence = ""
    closing = f"\n{fence}" if fence else ""
    opened = text.count("<details>") - text.count("</details>")
    return text + closing + "\n</details>" * max(opened, 0)


def _cut(text: str, limit: int) -> str:
    budget = max(limit - size(_CUT_NOTE) - _MARGIN, 0)
    head = text[:budget]
    while size(head) > budget:  # characters outside the BMP count twice
        head = head[: len(head) - (size(head) - budget)]
    line_end = head.rfind("\n")
    head = head[:line_end] if line_end > 0 else head
    return _close_open_blocks(head) + _CUT_NOTE


def fit_summary(markdown: str, limit: int = SUMMARY_LIMIT) -> tuple[str, bool]:
    """(the body to post, whether anything was left out), within `limit`."""
    text = collapse_low(markdown)
    if size(text) <= limit:
        return text, False
    reduced = markdown
    for severity in sorted(Severity, key=lambda s: s.rank):
        reduced = _drop(reduced, severity)
        text = collapse_low(reduced)
        if size(text) <= limit:
            return text, True
    return _cut(text, limit), True
