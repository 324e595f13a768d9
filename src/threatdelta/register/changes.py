"""The triage decisions a pull request adds, changes or removes (base register -> head
register), so a reviewer sees them next to the threats they silence."""

from __future__ import annotations

from threatdelta.model.base import Frozen
from threatdelta.register.schema import Decision, RegisterFile


class DecisionChange(Frozen):
    """One decision that differs between the base and the head register file."""

    target: str
    before: Decision | None = None  # None: the PR adds it
    after: Decision | None = None  # None: the PR removes it

    @property
    def decided_by(self) -> str:
        shown = self.after or self.before
        return shown.decided_by if shown is not None else ""


def decision_changes(base: RegisterFile, head: RegisterFile) -> tuple[DecisionChange, ...]:
    """Decisions added, changed or removed, in the head file's order, then the removed."""
    before = {d.target: d for d in base.decisions}
    after = {d.target: d for d in head.decisions}
    changes = [
        DecisionChange(target=target, before=before.get(target), after=decision)
        for target, decision in after.items()
        if before.get(target) != decision
    ]
    changes += [
        DecisionChange(target=target, before=decision)
        for target, decision in before.items()
        if target not in after
    ]
    return tuple(changes)
