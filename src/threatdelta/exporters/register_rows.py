"""The register as rows for trackers: one per threat with its triage status, shared by the
CSV and JSON exports so both say the same thing."""

from __future__ import annotations

from threatdelta.model.base import Frozen
from threatdelta.model.imported import ThreatStatus
from threatdelta.register.apply import Triaged
from threatdelta.register.schema import TriageStatus
from threatdelta.report import ScanReport


class RegisterRow(Frozen):
    id: str
    status: TriageStatus
    severity: str
    score: float
    rule_id: str
    title: str
    stride: str
    cwe: str
    element: str
    location: str
    source: str
    justification: str = ""
    owner: str = ""
    ticket: str = ""
    decided_by: str = ""
    decided_at: str = ""
    expires: str = ""
    note: str = ""  # why a decision no longer applies


def _row(entry: Triaged) -> RegisterRow:
    t, d = entry.threat, entry.decision
    loc = t.evidence[0].location
    return RegisterRow(
        id=t.id,
        status=entry.status,
        severity=t.severity.value,
        score=t.score,
        rule_id=t.rule_id,
        title=t.title,
        stride="".join(s.value for s in t.stride),
        cwe=" ".join(f"CWE-{c}" for c in t.cwe),
        element=t.element,
        location=f"{loc.path}:{loc.start_line}",
        source=t.source.value,
        justification=d.justification if d else "",
        owner=d.owner if d else "",
        ticket=d.ticket if d else "",
        decided_by=d.decided_by if d else "",
        decided_at=d.decided_at.isoformat() if d and d.decided_at else "",
        expires=d.expires.isoformat() if d and d.expires else "",
        note=entry.note,
    )


def register_rows(report: ScanReport) -> tuple[RegisterRow, ...]:
    """Every threat of the report in its order; open when the register says nothing."""
    by_id = {e.threat.id: e for e in report.triage.entries}
    return tuple(_row(by_id.get(t.id) or Triaged(threat=t)) for t in report.threats)


_DFD_STATUS = {
    TriageStatus.ACCEPTED: ThreatStatus.ACCEPTED,
    TriageStatus.MITIGATED: ThreatStatus.MITIGATED,
    TriageStatus.FALSE_POSITIVE: ThreatStatus.NOT_APPLICABLE,
}


def dfd_statuses(report: ScanReport) -> dict[str, ThreatStatus]:
    """Each suppressed threat's status in the words of OTM and Threat Dragon (the others
    are open, in progress included)."""
    return {
        e.threat.id: _DFD_STATUS[e.status] for e in report.triage.entries if e.status in _DFD_STATUS
    }
