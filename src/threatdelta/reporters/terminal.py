"""Terminal output: a rich table of threats, the triaged ones (suppressed or reopened), then
notifications."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from threatdelta.report import ScanReport
from threatdelta.reporters.escape import one_line
from threatdelta.reporters.triage_text import triage_line

_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan"}


def render_terminal(report: ScanReport, *, width: int = 120, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False
    )
    table = Table(title=f"threatdelta: {len(report.threats)} threats", show_lines=False)
    for column in ("severity", "STRIDE", "threat", "element", "location", "id"):
        table.add_column(column, overflow="fold")
    for t in report.threats:
        loc = t.evidence[0].location
        table.add_row(
            f"[{_STYLE[t.severity.value]}]{t.severity.value}[/]",
            "".join(s.value for s in t.stride),
            escape(f"{t.rule_id} {t.title}"),
            escape(t.element),
            escape(f"{loc.path}:{loc.start_line}"),
            t.id,
        )
    console.print(table)
    model = report.model
    console.print(
        f"{len(model.services)} services, {len(model.endpoints)} endpoints, "
        f"{report.stats.files_analysed} of {report.stats.files_read} files analysed, "
        f"{report.stats.files_skipped} skipped"
    )
    for t in report.threats:
        if t.fix is not None and t.fix.patch:
            console.print(
                escape(f"fix for {t.id} {t.rule_id} ({t.fix.applicability}, {t.fix.family}):")
            )
            console.print(escape(t.fix.patch.replace("\r\n", "\n").rstrip("\n")))
    if report.llm is not None:
        console.print(escape(f"AI analyst {report.llm.model}: {report.llm.usage.line()}"))
    for entry in report.triage.entries:
        if entry.suppressed or entry.reopened:
            console.print(escape(one_line(triage_line(entry))))
    for note in report.notifications:
        where = f"{note.path}: " if note.path else ""
        console.print(escape(f"{note.level.value}: {where}{note.message} [{note.code}]"))
    return buffer.getvalue()
