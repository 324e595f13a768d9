"""`--format markdown`: a threat-model summary for humans.

A verdict line, a Mermaid data-flow diagram of the model's flows and trust boundaries
(`mermaid_model`), a STRIDE x severity count table (each threat counted once, under its primary
STRIDE category), a table of the threats, a short section per threat (message, attack vector,
impact, fix, other evidence, CWE/CAPEC links), then the notifications. Threats appear in the
report's order. Every string that can come from the repository (paths, element keys, messages
quoting names, notification text) goes through `reporters.escape`; only our own constants and
numbers are written raw.
"""

from __future__ import annotations

from collections import Counter

from threatdelta.findings.threat import Severity, Stride, Threat
from threatdelta.model.base import Level, Location, Notification
from threatdelta.report import ScanReport
from threatdelta.reporters.escape import code_span, escape_markdown, fenced_code
from threatdelta.reporters.imported_markdown import imported_threats_section
from threatdelta.reporters.llm_summary import llm_markdown_parts
from threatdelta.reporters.mermaid_model import render_model_diagram
from threatdelta.reporters.triage_markdown import triage_parts

_CWE_URL = "https://cwe.mitre.org/data/definitions/{}.html"
_CAPEC_URL = "https://capec.mitre.org/data/definitions/{}.html"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _span(location: Location) -> str:
    lines = str(location.start_line)
    if location.end_line != location.start_line:
        lines += f"-{location.end_line}"
    return f"{location.path}:{lines}"


def _verdict(report: ScanReport) -> str:
    threats = report.threats
    if not threats:
        line = "**Verdict:** no threats found."
    else:
        counts = Counter(t.severity for t in threats)
        parts = [f"{counts[s]} {s.value}" for s in Severity if counts[s]]
        line = f"**Verdict:** {_plural(len(threats), 'threat')} ({', '.join(parts)})."
    notes = report.notifications
    if notes:
        errors = sum(1 for n in notes if n.level is Level.ERROR)
        line += f" {_plural(len(notes), 'notification')}"
        line += f" ({_plural(errors, 'error')})." if errors else "."
    return line


def _overview(report: ScanReport) -> str:
    model, stats = report.model, report.stats
    return (
        f"{escape_markdown(f'{report.tool.name} {report.tool.version}')} · "
        f"{_plural(len(model.services), 'service')}, {_plural(len(model.endpoints), 'endpoint')}"
        f" · {stats.files_analysed} of {_plural(stats.files_read, 'file')} analysed, "
        f"{stats.files_skipped} skipped"
    )


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _counts_table(threats: tuple[Threat, ...]) -> str:
    counts = Counter((t.stride[0], t.severity) for t in threats)
    header = ["Primary STRIDE", *(s.value for s in Severity), "total"]
    lines = [_row(header), _row(["---"] * len(header))]
    for stride in Stride:
        per = [counts[(stride, s)] for s in Severity]
        lines.append(_row([f"{stride.value} {stride.label}", *map(str, per), str(sum(per))]))
    totals = [sum(counts[(st, s)] for st in Stride) for s in Severity]
    lines.append(_row(["**total**", *map(str, totals), f"**{sum(totals)}**"]))
    return "\n".join(lines)


def _threat_table(threats: tuple[Threat, ...]) -> str:
    header = ["#", "Severity", "STRIDE", "Threat", "Element", "Location", "ID"]
    lines = [_row(header), _row(["---"] * len(header))]
    for number, t in enumerate(threats, start=1):
        loc = t.evidence[0].location
        cells = [
            str(number),
            t.severity.value,
            " ".join(s.value for s in t.stride),
            escape_markdown(f"{t.rule_id} {t.title}"),
            code_span(t.element, in_table=True),
            code_span(f"{loc.path}:{loc.start_line}", in_table=True),
            code_span(t.id, in_table=True),
        ]
        lines.append(_row(cells))
    return "\n".join(lines)


def _references(threat: Threat) -> str:
    links = [f"[CWE-{c}]({_CWE_URL.format(c)})" for c in threat.cwe]
    links += [f"[CAPEC-{c}]({_CAPEC_URL.format(c)})" for c in threat.capec]
    return ", ".join(links) or "none"


def _threat_section(number: int, t: Threat) -> str:
    where = ", ".join(f"{code_span(_span(e.location))} ({e.role.value})" for e in t.evidence[1:])
    facts = (
        f"**{t.severity.value}** (CVSS 3.1 {t.score:.1f}, {code_span(t.cvss_vector)}) · "
        f"STRIDE: {', '.join(s.label for s in t.stride)} · confidence: {t.confidence.value} · "
        f"{code_span(t.element)} at {code_span(_span(t.evidence[0].location))} · "
        f"id {code_span(t.id)}"
    )
    items = [
        f"- **Attack vector:** {escape_markdown(t.attack_vector)}",
        f"- **Impact:** {escape_markdown(t.impact)}",
        f"- **Fix:** {escape_markdown(t.fix.summary) if t.fix else 'no fix suggested'}",
    ]
    if where:
        items.append(f"- **Other evidence:** {where}")
    items.append(f"- **References:** {_references(t)}")
    parts = [
        f"### {number}. {escape_markdown(f'{t.rule_id} {t.title}')}",
        facts,
        escape_markdown(t.message),
        "\n".join(items),
    ]
    if t.fix is not None and t.fix.patch:
        parts.append(fenced_code(t.fix.patch, "diff"))
    return "\n\n".join(parts)


def _notification(note: Notification) -> str:
    where = f" in {code_span(note.path)}" if note.path else ""
    code = code_span(note.code)
    return f"- **{note.level.value}** {code}{where}: {escape_markdown(note.message)}"


def render_markdown(report: ScanReport) -> str:
    parts = ["# threatdelta threat model", _overview(report), _verdict(report)]
    if report.model.flows:
        parts += ["## Data flow diagram", render_model_diagram(report.model)]
    if report.threats:
        parts += ["## Summary", _counts_table(report.threats)]
        parts += ["## Threats", _threat_table(report.threats), "## Details"]
        parts += [_threat_section(i, t) for i, t in enumerate(report.threats, start=1)]
    parts += triage_parts(report.triage)
    parts += llm_markdown_parts(report.llm)
    if report.model.imported_threats:
        parts += ["## Imported threats", imported_threats_section(report.model.imported_threats)]
    if report.notifications:
        parts += ["## Notifications", "\n".join(map(_notification, report.notifications))]
    return "\n\n".join(parts) + "\n"
