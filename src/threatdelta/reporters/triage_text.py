"""One plain-text line per triaged threat, for the terminal and text outputs."""

from __future__ import annotations

from threatdelta.register.apply import Triaged


def triage_line(entry: Triaged) -> str:
    """`accepted th-… TD-S001 title: justification (by Ada, expires 2027-01-31)`, or
    `reopened th-… TD-S001 title: acceptance expired on …`."""
    t = entry.threat
    head = f"{t.id} {t.rule_id} {t.title}"
    if entry.reopened:
        return f"reopened {head}: {entry.note}"
    decision = entry.decision
    if decision is None:
        return f"{entry.status.value} {head}"
    extra = [f"by {decision.decided_by}"] if decision.decided_by else []
    if decision.expires is not None:
        extra.append(f"expires {decision.expires.isoformat()}")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"{entry.status.value} {head}: {decision.justification}{tail}"
