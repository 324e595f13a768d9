"""Inline expectations in fixture files, semgrep style.

`# ruleid: TD-S001` (or `// ruleid: ...`) on a line of its own expects a threat of that rule
whose primary evidence starts on the next non-comment line; at the end of a code line it
expects one on that line. `ok: TD-S001` expects none there (a deliberate near miss).
Several ids may be listed, separated by commas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_ANNOTATION = re.compile(r"(?:#|//)\s*(ruleid|ok|todoruleid):\s*([A-Z0-9, -]+)")
_COMMENT_ONLY = re.compile(r"^\s*(#|//)")
ANNOTATED_SUFFIXES = {
    ".py",
    ".js",
    ".ts",
    ".tsx",
    ".jsx",
    ".mjs",
    ".cjs",
    ".yaml",
    ".yml",
    ".tf",
    ".go",
    ".java",
    ".kt",
    ".kts",
    ".graphql",
    ".gql",
    ".properties",
    ".xml",
}
ANNOTATED_NAMES = ("Dockerfile", "Dockerfile.*", "*.dockerfile")  # no telling suffix


@dataclass(frozen=True)
class Expectation:
    kind: str  # ruleid | ok | todoruleid
    rule_id: str
    path: str  # relative to the scanned root
    line: int


def _target_line(lines: list[str], index: int) -> int:
    if not _COMMENT_ONLY.match(lines[index]):
        return index + 1
    for j in range(index + 1, len(lines)):
        if lines[j].strip() and not _COMMENT_ONLY.match(lines[j]):
            return j + 1
    return index + 1


def expectations(root: Path) -> list[Expectation]:
    found: list[Expectation] = []
    for file in sorted(root.rglob("*")):
        named = any(file.match(pattern) for pattern in ANNOTATED_NAMES)
        if (file.suffix not in ANNOTATED_SUFFIXES and not named) or not file.is_file():
            continue
        lines = file.read_text(encoding="utf-8").splitlines()
        rel = file.relative_to(root).as_posix()
        for index, line in enumerate(lines):
            for kind, ids in _ANNOTATION.findall(line):
                for rule_id in (i.strip() for i in ids.split(",")):
                    if rule_id:
                        found.append(Expectation(kind, rule_id, rel, _target_line(lines, index)))
    return found


def threat_lines(threats: Iterable[object]) -> set[tuple[str, str, int]]:
    """(rule id, path, line) of each threat's primary evidence."""
    out: set[tuple[str, str, int]] = set()
    for t in threats:
        loc = t.evidence[0].location  # type: ignore[attr-defined]
        out.add((t.rule_id, loc.path, loc.start_line))  # type: ignore[attr-defined]
    return out
