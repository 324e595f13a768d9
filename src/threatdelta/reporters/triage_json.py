"""The `triage` block of the JSON documents (`scan --format json`, `diff --format json`):
the status of every threat the register has a say on, the orphaned decisions and, on a
change, the decisions it makes. Absent when the repository has no register, so the
document of a repository without one is what it always was."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from pydantic import Field

from threatdelta.model.base import Frozen
from threatdelta.register.apply import Triaged, TriageResult
from threatdelta.register.changes import DecisionChange
from threatdelta.register.schema import Decision, TriageStatus


class TriagedOut(Frozen):
    id: str = Field(description="the threat's id")
    status: TriageStatus
    target: str = Field(default="", description="the decision's target (id or wildcard)")
    justification: str = ""
    owner: str = ""
    ticket: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None
    expires: date | None = None
    note: str = Field(default="", description="why the decision no longer applies, if so")

    @staticmethod
    def of(entry: Triaged) -> TriagedOut:
        d = entry.decision
        if d is None:
            return TriagedOut(id=entry.threat.id, status=entry.status, note=entry.note)
        return TriagedOut(
            id=entry.threat.id,
            status=entry.status,
            target=d.target,
            justification=d.justification,
            owner=d.owner,
            ticket=d.ticket,
            decided_by=d.decided_by,
            decided_at=d.decided_at,
            expires=d.expires,
            note=entry.note,
        )


class TriageOut(Frozen):
    """Threats not listed here are open."""

    decided: tuple[TriagedOut, ...] = ()
    orphans: tuple[Decision, ...] = ()
    changes: tuple[DecisionChange, ...] = ()


def triage_out(result: TriageResult, changes: Sequence[DecisionChange] = ()) -> TriageOut | None:
    """The block, or None when the register says nothing about this run."""
    decided = tuple(TriagedOut.of(e) for e in result.entries if e.decision or e.note)
    if not result.entries and not result.orphans and not changes:
        return None
    return TriageOut(decided=decided, orphans=result.orphans, changes=tuple(changes))
