"""One plain-text line per triaged threat, for the terminal and text outputs."""

from __future__ import annotations

from collections.abc import Sequence

from threatdelta.register.apply import Triaged, TriageResult
from threatdelta.register.changes import DecisionChange


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


def change_line(change: DecisionChange) -> str:
    """`decision changed by this change: th-… accepted (was open) by Ada: reason`."""
    after = change.after
    if after is None:
        return f"decision removed by this change: {change.target}"
    was = f" (was {change.before.status.value})" if change.before is not None else ""
    by = f" by {after.decided_by}" if after.decided_by else ""
    reason = f": {after.justification}" if after.justification else ""
    return f"decision changed by this change: {change.target} {after.status.value}{was}{by}{reason}"


def triage_lines(result: TriageResult, changes: Sequence[DecisionChange] = ()) -> list[str]:
    """The decisions a change makes, then each suppressed or reopened threat."""
    lines = [change_line(c) for c in changes]
    lines += [triage_line(e) for e in result.entries if e.suppressed or e.reopened]
    return lines
