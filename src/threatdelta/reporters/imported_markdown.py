"""The "Imported threats" list of the Markdown report: threats read from an existing threat
model (Threat Dragon, OTM, Threagile) with the status the analysts gave them. They are not
rule findings: they are listed apart and counted nowhere else."""

from __future__ import annotations

from threatdelta.model.imported import ImportedThreat
from threatdelta.reporters.escape import code_span, escape_markdown


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cells(threat: ImportedThreat) -> list[str]:
    where = threat.evidence[0].location if threat.evidence else None
    return [
        threat.status.value,
        "".join(threat.stride) or "-",
        escape_markdown(threat.severity) or "-",
        escape_markdown(threat.title),
        code_span(threat.element, in_table=True) if threat.element else "-",
        code_span(f"{where.path}:{where.start_line}", in_table=True) if where else "-",
        threat.source_format.value,
    ]


def imported_threats_section(threats: tuple[ImportedThreat, ...]) -> str:
    """A table of the imported threats, in the model's order."""
    header = ["Status", "STRIDE", "Severity", "Threat", "Element", "Location", "Format"]
    lines = [
        "Read from existing threat-model files; not rule findings and never part of the gate.",
        "",
        _row(header),
        _row(["---"] * len(header)),
    ]
    lines += [_row(_cells(t)) for t in threats]
    return "\n".join(lines)
