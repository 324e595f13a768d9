"""What the `threatdelta` check shows: title, summary, annotations, status description.

Pure functions of the gate and the report. GitHub's limits are kept here: the output summary
under 65,535 characters (rows beyond it are counted, not silently dropped), an annotation
title under 255 characters, a message and raw details under 64 KB, a commit status
description of at most 140 characters.

Annotations are plain text (GitHub does not render Markdown in them); the summary is
Markdown, so every string that can come from the repository goes through
`reporters.escape`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from threatdelta.diff.delta import DeltaReport
from threatdelta.findings.threat import Severity, Threat, ThreatSource
from threatdelta.github.gate import Gate
from threatdelta.model.base import Frozen
from threatdelta.report import ScanReport
from threatdelta.reporters.escape import code_span, escape_markdown, one_line

SUMMARY_LIMIT = 65_535
TITLE_LIMIT = 255
MESSAGE_LIMIT = 60_000  # GitHub allows 64 KB; stay below it in bytes for non-ASCII text
STATUS_DESCRIPTION_LIMIT = 140
_ELLIPSIS = "\u2026"


class AnnotationLevel(StrEnum):
    FAILURE = "failure"
    WARNING = "warning"
    NOTICE = "notice"

    @staticmethod
    def of(severity: Severity) -> AnnotationLevel:
        if severity.rank >= Severity.HIGH.rank:
            return AnnotationLevel.FAILURE
        return AnnotationLevel.WARNING if severity is Severity.MEDIUM else AnnotationLevel.NOTICE


class Annotation(Frozen):
    """One check-run annotation, field names as the REST API spells them."""

    path: str
    start_line: int
    end_line: int
    annotation_level: AnnotationLevel
    title: str
    message: str
    raw_details: str | None = None


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + _ELLIPSIS


def counted_threats(report: DeltaReport | ScanReport) -> tuple[Threat, ...]:
    """The threats the gate counts (introduced ones on a PR), most severe first."""
    threats = report.introduced if isinstance(report, DeltaReport) else report.threats
    return tuple(sorted(threats, key=lambda t: -t.severity.rank))


def annotation(threat: Threat) -> Annotation:
    where = threat.evidence[0].location
    stride = "".join(s.value for s in threat.stride)
    title = f"{threat.severity.value} {stride}: {one_line(threat.title)} ({threat.rule_id})"
    lines = [one_line(threat.message), f"Attack: {one_line(threat.attack_vector)}"]
    lines.append(f"Impact: {one_line(threat.impact)}")
    if threat.fix is not None:
        lines.append(f"Fix: {one_line(threat.fix.summary)}")
    if threat.source is ThreatSource.LLM:
        lines.append("Found by the LLM analyst: reported, never fails the gate on its own.")
    refs = [f"CWE-{cwe}" for cwe in threat.cwe] + [f"threatdelta id {threat.id}"]
    lines.append(", ".join(refs))
    return Annotation(
        path=where.path,
        start_line=where.start_line,
        end_line=where.end_line,
        annotation_level=AnnotationLevel.of(threat.severity),
        title=clip(title, TITLE_LIMIT),
        message=clip("\n".join(lines), MESSAGE_LIMIT),
        raw_details=clip(threat.fix.patch, MESSAGE_LIMIT)
        if threat.fix and threat.fix.patch
        else None,
    )


def check_title(gate: Gate, report: DeltaReport | ScanReport) -> str:
    counted = len(counted_threats(report))
    noun = "introduced threat" if isinstance(report, DeltaReport) else "threat"
    title = f"Gate {gate.verdict.value}: {counted} {noun}" + ("" if counted == 1 else "s")
    if gate.failing:
        title += f", {len(gate.failing)} failing"
    return clip(title, TITLE_LIMIT)


def _row(threat: Threat, failing: set[str]) -> str:
    where = threat.evidence[0].location
    cells = [
        threat.severity.value + (" (fails the gate)" if threat.id in failing else ""),
        "".join(s.value for s in threat.stride),
        escape_markdown(clip(threat.title, 300)),
        code_span(clip(f"{where.path}:{where.start_line}", 300), in_table=True),
        threat.source.value,
    ]
    return "| " + " | ".join(cells) + " |"


def _rows_within(head: str, rows: Sequence[str], limit: int) -> str:
    """`head` plus as many rows as fit under `limit`, then a line counting the rest."""
    out, size = [head], len(head)
    for number, row in enumerate(rows):
        rest = len(rows) - number
        footer = f"\n\n{_ELLIPSIS} and {rest} more, in the job summary and the SARIF file."
        if size + len(row) + 1 + len(footer) > limit:
            return "\n".join(out) + footer
        out.append(row)
        size += len(row) + 1
    return "\n".join(out)


def check_summary(gate: Gate, report: DeltaReport | ScanReport) -> str:
    """Markdown: the verdict and why, then a table of the counted threats (under the limit)."""
    threats = counted_threats(report)
    head = f"**threatdelta gate: {gate.verdict.value}** ({gate.conclusion.value})\n\n"
    head += escape_markdown(clip(gate.reason, 4000))
    if not threats:
        return head
    heading = "Introduced threats" if isinstance(report, DeltaReport) else "Threats"
    head += f"\n\n### {heading}\n\n| severity | STRIDE | threat | where | source |\n"
    head += "| --- | --- | --- | --- | --- |"
    failing = {t.id for t in gate.failing}
    return _rows_within(head, [_row(t, failing) for t in threats], SUMMARY_LIMIT)


def status_description(gate: Gate) -> str:
    """At most 140 characters: the verdict, then as much of the reason as fits."""
    return clip(f"{gate.verdict.value}: {one_line(gate.reason)}", STATUS_DESCRIPTION_LIMIT)
