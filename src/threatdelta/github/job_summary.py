"""The job's own channels: the step summary file and the log, with workflow commands.

- `write_step_summary`: Markdown appended to `$GITHUB_STEP_SUMMARY`, kept under GitHub's
  1 MiB per-step limit (cut at a paragraph, open fences and `<details>` closed, a note added).
- `WorkflowLog`: the job log. Our own lines go out as they are; text that comes from the
  repository or the API is echoed between `::stop-commands::<random token>` and
  `::<token>::`, so a `::set-output`-style line inside it is printed, never obeyed.
  Annotations (`::error file=..,line=..::message`) are escaped as `@actions/core` does.
- `threat_annotations`: annotations for threats that could not be shown inline (the
  read-only fallback), capped at GitHub's 10 per level per step.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from threatdelta.findings.threat import Threat
from threatdelta.model.base import Frozen

STEP_SUMMARY_LIMIT = 1024 * 1024  # bytes, per step
ANNOTATIONS_PER_LEVEL = 10  # GitHub shows at most 10 error and 10 warning annotations a step
_MARGIN = 1024
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TRUNCATED = (
    "\n\n> **Truncated:** this summary exceeded GitHub's 1 MiB job-summary limit. "
    "The SARIF file holds every threat.\n"
)


class AnnotationLevel(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


class Annotation(Frozen):
    level: AnnotationLevel
    message: str
    title: str = ""
    file: str | None = None
    line: int | None = None
    end_line: int | None = None


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_annotation(annotation: Annotation) -> str:
    """The workflow command line for an annotation (no trailing newline)."""
    props = [
        (name, value)
        for name, value in (
            ("file", annotation.file),
            ("line", annotation.line),
            ("endLine", annotation.end_line),
            ("title", annotation.title or None),
        )
        if value is not None
    ]
    rendered = ",".join(f"{name}={escape_property(str(value))}" for name, value in props)
    head = f"::{annotation.level.value}" + (f" {rendered}" if rendered else "")
    return f"{head}::{escape_data(annotation.message)}"


class WorkflowLog:
    """The job log (standard output of the action), with workflow commands."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def line(self, text: str) -> None:
        """One line of our own text (it must not come from the repository or the API)."""
        self._stream.write(text.replace("\r", " ").replace("\n", " ") + "\n")

    def untrusted(self, text: str) -> None:
        """Text from the repository or the API: echoed with workflow commands switched off."""
        token = secrets.token_hex(16)
        while token in text:
            token = secrets.token_hex(16)
        body = text if text.endswith("\n") else text + "\n"
        self._stream.write(f"::stop-commands::{token}\n{body}::{token}::\n")

    def annotate(self, annotation: Annotation) -> None:
        self._stream.write(format_annotation(annotation) + "\n")

    def mask(self, secret: str) -> None:
        """Ask the runner to mask `secret` in the rest of the log."""
        if secret:
            self._stream.write(f"::add-mask::{escape_data(secret)}\n")

    @contextmanager
    def group(self, title: str) -> Iterator[None]:
        self._stream.write(f"::group::{escape_data(title)}\n")
        try:
            yield
        finally:
            self._stream.write("::endgroup::\n")
            self._stream.flush()


def _threat_annotation(threat: Threat, level: AnnotationLevel) -> Annotation:
    loc = threat.evidence[0].location if threat.evidence else None
    fix = f" Fix: {threat.fix.summary}" if threat.fix else ""
    return Annotation(
        level=level,
        title=f"threatdelta {threat.rule_id} ({threat.severity.value}): {threat.title}",
        message=f"{threat.message}{fix}",
        file=loc.path if loc else None,
        line=loc.start_line if loc else None,
        end_line=loc.end_line if loc else None,
    )


def threat_annotations(
    threats: Sequence[Threat], failing_ids: frozenset[str]
) -> tuple[Annotation, ...]:
    """Errors for the threats that fail the gate, warnings for the others, at most
    `ANNOTATIONS_PER_LEVEL` of each, and one notice counting the rest."""
    errors = [t for t in threats if t.id in failing_ids]
    warnings = [t for t in threats if t.id not in failing_ids]
    out = [_threat_annotation(t, AnnotationLevel.ERROR) for t in errors[:ANNOTATIONS_PER_LEVEL]]
    out += [
        _threat_annotation(t, AnnotationLevel.WARNING) for t in warnings[:ANNOTATIONS_PER_LEVEL]
    ]
    rest = len(threats) - len(out)
    if rest > 0:
        out.append(
            Annotation(
                level=AnnotationLevel.NOTICE,
                title="threatdelta",
                message=f"{rest} more threat(s) are listed in the job summary and the SARIF file.",
            )
        )
    return tuple(out)


def _close_open_blocks(text: str) -> str:
    """Close a code fence or `<details>` left open by a cut."""
    fence = ""
    for line in text.splitlines():
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


def fit_step_summary(markdown: str, limit: int = STEP_SUMMARY_LIMIT) -> str:
    """`markdown`, or its head cut at a paragraph with a truncation note, in `limit` bytes."""
    if len(markdown.encode("utf-8")) <= limit:
        return markdown
    budget = max(limit - len(_TRUNCATED.encode("utf-8")) - _MARGIN, 0)
    head = markdown.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    cut = head.rfind("\n\n")
    head = head[:cut] if cut > 0 else head
    return _close_open_blocks(head) + _TRUNCATED


def write_step_summary(path: Path, markdown: str) -> None:
    """Append `markdown` to the step summary file, within the 1 MiB limit (counting what an
    earlier write of this step left there)."""
    used = path.stat().st_size if path.exists() else 0
    text = fit_step_summary(markdown, max(STEP_SUMMARY_LIMIT - used, 0))
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
