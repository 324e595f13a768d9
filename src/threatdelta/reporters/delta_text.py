"""`threatdelta diff --format text`: the delta in the terminal.

The verdict, what was compared, the counts, one table of the introduced then the resolved
threats, the affected elements with their reasons, then the notifications. Repository text is
flattened to one line (`escape.one_line`: no control sequences reach the terminal) and
escaped for rich markup; emoji codes are not expanded.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from threatdelta.diff.delta import DeltaReport
from threatdelta.findings.threat import Threat
from threatdelta.model.base import Evidence
from threatdelta.reporters.delta_summary import SeverityCounts, plural, verdict
from threatdelta.reporters.escape import one_line
from threatdelta.reporters.triage_text import triage_lines

_SEVERITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan"}
_DELTA_STYLE = {"introduced": "bold", "resolved": "green"}


def _plain(text: str) -> str:
    """Repository text as inert rich markup on one line."""
    return escape(one_line(text))


def _where(evidence: tuple[Evidence, ...]) -> str:
    if not evidence:
        return "-"
    loc = evidence[0].location
    return _plain(f"{loc.path}:{loc.start_line}")


def _counts_line(report: DeltaReport) -> str:
    parts = []
    for name, threats in (
        ("introduced", report.introduced),
        ("resolved", report.resolved),
        ("persisting", report.persisting),
    ):
        counts = SeverityCounts.of(threats)
        detail = f" ({counts.breakdown()})" if counts.total else ""
        parts.append(f"{counts.total} {name}{detail}")
    return "threats: " + ", ".join(parts)


def _threat_table(report: DeltaReport) -> Table:
    table = Table(title="threat delta", show_lines=False)
    for column in ("delta", "severity", "STRIDE", "threat", "element", "location", "fix"):
        table.add_column(column, overflow="fold")
    rows: list[tuple[str, Threat]] = [("introduced", t) for t in report.introduced]
    rows += [("resolved", t) for t in report.resolved]
    for delta, t in rows:
        table.add_row(
            f"[{_DELTA_STYLE[delta]}]{delta}[/]",
            f"[{_SEVERITY_STYLE[t.severity.value]}]{t.severity.value}[/]",
            "".join(s.value for s in t.stride),
            _plain(f"{t.rule_id} {t.title}"),
            _plain(t.element),
            _where(t.evidence),
            _plain(t.fix.summary) if t.fix else "-",
        )
    return table


def _header(report: DeltaReport) -> list[str]:
    analysed = sum(1 for f in report.changed_files if f.analysed)
    style = "bold red" if not report.complete else "bold"
    return [
        f"[{style}]{escape(verdict(report))}[/]",
        _plain(
            f"{report.base} ({report.base_commit[:12]}) -> {report.head} "
            f"({report.head_commit[:12]}), merge base {report.merge_base[:12]}"
        ),
        f"{plural(len(report.changed_files), 'changed file')}, {analysed} analysed; "
        f"{plural(len(report.affected), 'affected element')}",
        _counts_line(report),
    ]


def render_delta_text(report: DeltaReport, *, width: int = 120, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
    )
    for line in _header(report):
        console.print(line)
    if report.introduced or report.resolved:
        console.print(_threat_table(report))
    if report.affected:
        console.print("affected elements:")
        for a in report.affected:
            console.print(
                f"  {a.change.value:<9} {_plain(a.key)} at {_where(a.evidence)}: {_plain(a.reason)}"
            )
    for line in triage_lines(report.triage, report.triage_changes):
        console.print(_plain(line))
    llm = report.head_register.llm if report.head_register is not None else None
    if llm is not None:
        console.print(_plain(f"AI analyst {llm.model}: {llm.usage.line()}"))
    for note in report.notifications:
        where = f"{note.path}: " if note.path else ""
        console.print(_plain(f"{note.level.value}: {where}{note.message} [{note.code}]"))
    return buffer.getvalue()
