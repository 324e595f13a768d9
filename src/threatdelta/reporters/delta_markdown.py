"""`threatdelta diff --format markdown`: the pull-request summary.

The verdict first, then what was compared, a count table, the introduced threats (severity,
STRIDE letters, title, `path:line`, the fix in one line, marked "fix available: safe" or
"fix available: unsafe, needs review" when a proven patch exists), the commands that print
and apply those patches, the resolved threats, a table of the affected elements (why each is
affected, where), a Mermaid diagram of them and their neighbours, questions for a human
reviewer on the affected elements automated analysis is weak on, the persisting threats
folded in a `<details>` block, and the notifications.

Every string that can come from the repository (keys, paths, titles quoting names, reasons,
refs, notification text) goes through `reporters.escape` (or the Mermaid label encoder, which
builds on it); the only HTML is the fixed `<details>`/`<summary>` tags written here.
"""

from __future__ import annotations

from collections.abc import Iterable

from threatdelta.diff.delta import AffectedElement, DeltaReport
from threatdelta.findings.threat import Applicability, Severity, Threat
from threatdelta.model.base import Evidence, Notification
from threatdelta.reporters.delta_summary import SeverityCounts, plural, verdict
from threatdelta.reporters.escape import code_span, escape_markdown
from threatdelta.reporters.llm_summary import llm_markdown_parts
from threatdelta.reporters.mermaid import DEFAULT_NODE_CAP, render_mermaid
from threatdelta.reporters.review_checklist import render_checklist, review_questions
from threatdelta.reporters.triage_markdown import triage_parts

_SHORT_COMMIT = 12
MAX_PATCH_COMMANDS = 20
_AVAILABLE = {
    Applicability.SAFE: "fix available: safe",
    Applicability.UNSAFE: "fix available: unsafe, needs review",
}


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _where(evidence: tuple[Evidence, ...], *, in_table: bool = False) -> str:
    if not evidence:
        return "\u2014"
    loc = evidence[0].location
    return code_span(f"{loc.path}:{loc.start_line}", in_table=in_table)


def _compared(report: DeltaReport) -> str:
    analysed = sum(1 for f in report.changed_files if f.analysed)

    def ref(name: str, commit: str) -> str:
        return f"{code_span(name)} ({code_span(commit[:_SHORT_COMMIT])})"

    return (
        f"{ref(report.base, report.base_commit)} \u2192 {ref(report.head, report.head_commit)}"
        f" · merge base {code_span(report.merge_base[:_SHORT_COMMIT])}"
        f" · {plural(len(report.changed_files), 'changed file')}, {analysed} analysed"
        f" · {plural(len(report.affected), 'affected element')}"
    )


def _counts_table(report: DeltaReport) -> str:
    header = ["", *(s.value for s in Severity), "total"]
    rows = [_row(header), _row(["---"] * len(header))]
    for name, threats in (
        ("introduced", report.introduced),
        ("resolved", report.resolved),
        ("persisting", report.persisting),
    ):
        counts = SeverityCounts.of(threats)
        cells = [str(counts.count(s)) for s in Severity]
        rows.append(_row([name, *cells, str(counts.total)]))
    return "\n".join(rows)


def has_patch(t: Threat) -> bool:
    """Whether `t` carries a proven patch (one `threatdelta fix` can apply)."""
    return t.fix is not None and bool(t.fix.edits)


def _available(t: Threat) -> str:
    if t.fix is None or not has_patch(t):
        return ""
    return " · " + _AVAILABLE.get(t.fix.applicability, _AVAILABLE[Applicability.UNSAFE])


def _threat_item(t: Threat) -> str:
    fix = escape_markdown(t.fix.summary) if t.fix else "no fix suggested"
    return (
        f"- **{t.severity.value}** · {' '.join(s.value for s in t.stride)} · "
        f"{escape_markdown(f'{t.rule_id} {t.title}')} · {code_span(t.element)} · "
        f"{_where(t.evidence)} · fix: {fix}{_available(t)}"
    )


def _patch_command(t: Threat) -> str:
    command = code_span(f"threatdelta fix {t.id} --apply")
    level = "safe" if t.fix is not None and t.fix.applicability is Applicability.SAFE else "unsafe"
    return f"- {command} · {escape_markdown(f'{t.rule_id} {t.title}')} ({level})"


def patches_section(threats: tuple[Threat, ...]) -> str:
    """How to apply the proven patches of `threats` (empty when none has one)."""
    patched = [t for t in threats if has_patch(t)]
    if not patched:
        return ""
    lines = [
        f"{plural(len(patched), 'introduced threat')} {'has' if len(patched) == 1 else 'have'} "
        f"a proven patch. Print one with {code_span('threatdelta fix <id>')}, apply it with:",
        "",
        *map(_patch_command, patched[:MAX_PATCH_COMMANDS]),
    ]
    if len(patched) > MAX_PATCH_COMMANDS:
        lines.append(f"- and {len(patched) - MAX_PATCH_COMMANDS} more")
    lines += ["", f"Every safe patch at once: {code_span('threatdelta fix --apply --only safe')}."]
    return "\n".join(lines)


def _threat_list(threats: tuple[Threat, ...]) -> str:
    return "\n".join(map(_threat_item, threats))


def _affected_table(affected: tuple[AffectedElement, ...]) -> str:
    header = ["Element", "Change", "Reason", "Location"]
    rows = [_row(header), _row(["---"] * len(header))]
    for a in affected:
        cells = [
            code_span(a.key, in_table=True),
            a.change.value,
            escape_markdown(a.reason),
            _where(a.evidence, in_table=True),
        ]
        rows.append(_row(cells))
    return "\n".join(rows)


def _persisting(threats: tuple[Threat, ...]) -> str:
    summary = f"{plural(len(threats), 'persisting threat')} on the affected elements"
    return f"<details>\n<summary>{summary}</summary>\n\n{_threat_list(threats)}\n\n</details>"


def _notification(note: Notification) -> str:
    where = f" in {code_span(note.path)}" if note.path else ""
    code = code_span(note.code)
    return f"- **{note.level.value}** {code}{where}: {escape_markdown(note.message)}"


def _review_checklist(report: DeltaReport) -> list[str]:
    """Questions for a human reviewer on the affected elements rules are weak on (none when
    there is no head model)."""
    if report.head_register is None:
        return []
    keys = [a.key for a in report.affected]
    section = render_checklist(review_questions(report.head_register.model, keys))
    return [section] if section else []


def _sections(report: DeltaReport, node_cap: int) -> list[str]:
    parts: list[str] = []
    if report.introduced:
        parts += ["## Introduced threats", _threat_list(report.introduced)]
        patches = patches_section(report.introduced)
        parts += ["### Patches", patches] if patches else []
    if report.resolved:
        parts += ["## Resolved threats", _threat_list(report.resolved)]
    if report.affected:
        parts += ["## Affected elements", _affected_table(report.affected)]
        parts += ["## Data flow diagram", render_mermaid(report, node_cap=node_cap)]
        parts += _review_checklist(report)
    if report.persisting:
        parts += ["## Persisting threats", _persisting(report.persisting)]
    parts += triage_parts(report.triage, report.triage_changes, report.triage_refused)
    parts += llm_markdown_parts(report.head_register.llm if report.head_register else None)
    if report.notifications:
        parts += ["## Notifications", "\n".join(map(_notification, report.notifications))]
    return parts


def render_delta_markdown(report: DeltaReport, *, node_cap: int = DEFAULT_NODE_CAP) -> str:
    parts = [f"**{escape_markdown(verdict(report))}**", _compared(report)]
    if report.relevant or report.introduced or report.resolved or report.persisting:
        parts.append(_counts_table(report))
    parts += _sections(report, node_cap)
    return "\n\n".join(parts) + "\n"
