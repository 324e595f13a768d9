"""The Markdown `threatdelta ci` writes: the pull-request summary comment body and the job
summary. Pure functions of what the run decided; every string that can come from the
repository or from GitHub goes through `reporters.escape`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from threatdelta.diff.delta import DeltaReport
from threatdelta.findings.threat import Threat
from threatdelta.github.ci_analysis import Analysis
from threatdelta.github.gate import Gate
from threatdelta.github.settings import ActionInputs
from threatdelta.model.base import Notification
from threatdelta.report import ScanReport
from threatdelta.reporters.delta_markdown import render_delta_markdown
from threatdelta.reporters.delta_summary import plural
from threatdelta.reporters.escape import code_span, escape_markdown
from threatdelta.reporters.markdown import render_markdown

TITLE = "## threatdelta"
_SKIPPED_LISTED = 20
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9.\-:]+(/[A-Za-z0-9._~/\-]*)?(#[A-Za-z0-9_\-]*)?")


def gate_line(gate: Gate) -> str:
    return (
        f"**Gate: {gate.verdict.value.upper()}** (check conclusion "
        f"{code_span(gate.conclusion.value)}): {escape_markdown(gate.reason)}"
    )


def policy_line(policy: ActionInputs, overridden: Iterable[str]) -> str:
    fixed = sorted(overridden)
    origin = f" (from the settings file of the base commit: {', '.join(fixed)})" if fixed else ""
    return (
        f"Policy: fail-on {code_span(policy.fail_on)}, soft-fail "
        f"{code_span(str(policy.soft_fail).lower())}, incomplete-conclusion "
        f"{code_span(policy.incomplete_conclusion)}{origin}."
    )


def coverage_lines(report: DeltaReport) -> list[str]:
    """Analysed / skipped changed files, and why each skipped one was skipped."""
    analysed = [f for f in report.changed_files if f.analysed]
    skipped = [f for f in report.changed_files if not f.analysed]
    lines = [
        f"Coverage: {len(analysed)} of {plural(len(report.changed_files), 'changed file')} "
        f"analysed, {len(skipped)} not modelled"
        + ("" if report.complete else " · **the analysis is incomplete**")
    ]
    for f in skipped[:_SKIPPED_LISTED]:
        why = escape_markdown(f.note) if f.note else "no extractor reads this kind of file"
        lines.append(f"- {code_span(f.path)}: {why}")
    if len(skipped) > _SKIPPED_LISTED:
        lines.append(f"- and {len(skipped) - _SKIPPED_LISTED} more")
    return lines


def _threat_line(t: Threat) -> str:
    loc = t.evidence[0].location if t.evidence else None
    where = f" · {code_span(f'{loc.path}:{loc.start_line}')}" if loc else ""
    return f"- **{t.severity.value}** · {escape_markdown(f'{t.rule_id} {t.title}')}{where}"


def spilled_section(spilled: Sequence[Threat]) -> str:
    """Introduced threats that have no inline comment (outside the diff, over the cap, or
    refused by GitHub)."""
    if not spilled:
        return ""
    head = f"**Not commented inline** ({plural(len(spilled), 'threat')}):"
    return "\n".join([head, *map(_threat_line, spilled)])


def pr_comment_markdown(analysis: Analysis, gate: Gate, spilled: Sequence[Threat] = ()) -> str:
    """The summary comment body (the marker and the length cap are the publisher's)."""
    report = analysis.report
    assert isinstance(report, DeltaReport)
    parts = [
        TITLE,
        gate_line(gate),
        f"Head {code_span(analysis.commit)}.",
        "\n".join(coverage_lines(report)),
        spilled_section(spilled),
        render_delta_markdown(report),
    ]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def _notification_line(note: Notification) -> str:
    where = f" in {code_span(note.path)}" if note.path else ""
    return (
        f"- **{note.level.value}** {code_span(note.code)}{where}: {escape_markdown(note.message)}"
    )


def run_notes_section(title: str, notes: Sequence[Notification]) -> str:
    if not notes:
        return ""
    return "\n".join([f"### {title}", *map(_notification_line, notes)])


def report_markdown(report: DeltaReport | ScanReport) -> str:
    if isinstance(report, DeltaReport):
        return render_delta_markdown(report)
    return render_markdown(report)


def _link(label: str, url: str) -> str:
    """A Markdown link to a URL GitHub gave us, or the label alone if the URL looks odd."""
    if _SAFE_URL.fullmatch(url):
        return f"[{escape_markdown(label)}]({url})"
    return escape_markdown(label)


def published_section(published: Sequence[str], comment_url: str) -> str:
    lines = [f"- {escape_markdown(p)}" for p in published]
    if comment_url:
        lines.append(f"- {_link('the summary comment', comment_url)}")
    return "\n".join(["Published:", *lines]) if lines else ""


def job_summary_markdown(
    analysis: Analysis,
    gate: Gate,
    policy_text: str,
    published: str,
    notes: Sequence[Notification],
) -> str:
    """The job summary: gate, policy, what was published (`published_section`), the run's
    notes, the report."""
    parts = [TITLE, gate_line(gate), policy_text, published]
    parts.append(run_notes_section("Publishing and run notes", notes))
    parts.append(report_markdown(analysis.report))
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def not_analysed_markdown(reason: str) -> str:
    return f"{TITLE}\n\nNothing to analyse: {escape_markdown(reason)}.\n"
