"""Applying the register's decisions to the threats of a run.

The most specific decision wins: a threat id beats an element key, an element key beats an
element prefix (a longer prefix beats a shorter one), and an element target beats a rule
wildcard. A suppressing decision (accepted, mitigated, false positive) stops applying on its
`expires` date, or when the element's facts no longer match the fingerprint recorded with it:
the threat is then open again ("reopened"), with a note saying why. A decision that matches
no current threat is an orphan: a warning, never a failure.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from threatdelta.findings.threat import Threat
from threatdelta.model.base import Frozen, Level, Notification
from threatdelta.model.threat_model import ThreatModel
from threatdelta.register.fingerprint import Fingerprints, element_fingerprint
from threatdelta.register.schema import (
    ELEMENT_PREFIX,
    REGISTER_PATH,
    RULE_PREFIX,
    WILDCARD,
    Decision,
    RegisterFile,
    TargetKind,
    TriageStatus,
    is_suppressed,
)

__all__ = [
    "TriageResult",
    "Triaged",
    "decision_for",
    "element_fingerprint",
    "is_suppressed",
    "matches",
    "triage",
]

EXPIRED_NOTE = "acceptance expired"
CHANGED_NOTE = "code changed since accepted"


class Triaged(Frozen):
    """A threat with its triage status and the decision that gave it (None: no decision)."""

    threat: Threat
    status: TriageStatus = TriageStatus.OPEN
    decision: Decision | None = None
    note: str = ""  # why a decision no longer applies ("acceptance expired", ...)

    @property
    def suppressed(self) -> bool:
        return is_suppressed(self.status)

    @property
    def reopened(self) -> bool:
        return bool(self.note)


class TriageResult(Frozen):
    entries: tuple[Triaged, ...] = ()  # one per threat, in the threats' order
    orphans: tuple[Decision, ...] = ()  # decisions that match no current threat
    reopened: tuple[Triaged, ...] = ()  # threats whose decision stopped applying
    notifications: tuple[Notification, ...] = ()

    def status_of(self, threat_id: str) -> TriageStatus:
        entry = next((e for e in self.entries if e.threat.id == threat_id), None)
        return TriageStatus.OPEN if entry is None else entry.status

    def suppressed_ids(self) -> frozenset[str]:
        return frozenset(e.threat.id for e in self.entries if e.suppressed)


def matches(decision: Decision, threat: Threat) -> bool:
    kind = decision.kind
    if kind is TargetKind.THREAT:
        return decision.target == threat.id
    if kind is TargetKind.RULE:
        return decision.target.removeprefix(RULE_PREFIX) == threat.rule_id
    key = decision.target.removeprefix(ELEMENT_PREFIX)
    if kind is TargetKind.ELEMENT:
        return key == threat.element
    return threat.element.startswith(key.removesuffix(WILDCARD))


def _prefix(decision: Decision) -> str:
    return decision.target.removeprefix(ELEMENT_PREFIX).removesuffix(WILDCARD)


class _Index:
    """The decisions by kind of target, for one lookup per threat."""

    def __init__(self, decisions: Sequence[Decision]) -> None:
        self.exact: dict[str, Decision] = {}
        self.elements: dict[str, Decision] = {}
        self.rules: dict[str, Decision] = {}
        prefixes: list[Decision] = []
        for d in decisions:
            if d.kind is TargetKind.THREAT:
                self.exact[d.target] = d
            elif d.kind is TargetKind.ELEMENT:
                self.elements[d.target.removeprefix(ELEMENT_PREFIX)] = d
            elif d.kind is TargetKind.RULE:
                self.rules[d.target.removeprefix(RULE_PREFIX)] = d
            else:
                prefixes.append(d)
        self.prefixes = sorted(prefixes, key=lambda d: -len(_prefix(d)))

    def all_for(self, threat: Threat) -> list[Decision]:
        """Every decision that matches the threat, most specific first."""
        found = [
            self.exact.get(threat.id),
            self.elements.get(threat.element),
            *(d for d in self.prefixes if threat.element.startswith(_prefix(d))),
            self.rules.get(threat.rule_id),
        ]
        return [d for d in found if d is not None]


def decision_for(threat: Threat, decisions: Sequence[Decision]) -> Decision | None:
    """The most specific decision that matches the threat: a threat id, then an element
    key, then the longest element prefix, then a rule."""
    found = _Index(decisions).all_for(threat)
    return found[0] if found else None


def _lapse(decision: Decision, threat: Threat, fingerprints: Fingerprints, today: date) -> str:
    """Why a suppressing decision no longer applies ("" while it does)."""
    if decision.expires is not None and today >= decision.expires:
        return f"{EXPIRED_NOTE} on {decision.expires.isoformat()}"
    if decision.element_fingerprint:
        current = fingerprints.of(threat.element)
        # an element the model does not hold (a diff's partial model) was not re-analysed
        if current and current != decision.element_fingerprint:
            return CHANGED_NOTE
    return ""


def _triaged(
    threat: Threat, decision: Decision | None, fingerprints: Fingerprints, today: date
) -> Triaged:
    if decision is None:
        return Triaged(threat=threat)
    if is_suppressed(decision.status):
        note = _lapse(decision, threat, fingerprints, today)
        if note:
            return Triaged(threat=threat, status=TriageStatus.OPEN, decision=decision, note=note)
    return Triaged(threat=threat, status=decision.status, decision=decision)


def _orphan_note(decision: Decision) -> Notification:
    return Notification(
        level=Level.WARNING,
        code="register-orphan",
        path=REGISTER_PATH,
        message=f"decision for {decision.target!r} matches no current threat",
    )


def triage(
    threats: Sequence[Threat], model: ThreatModel, register: RegisterFile, today: date
) -> TriageResult:
    """Every threat with its status under the register's decisions on `today`."""
    index = _Index(register.decisions)
    fingerprints = Fingerprints(model)
    entries: list[Triaged] = []
    used: set[str] = set()
    for threat in threats:
        found = index.all_for(threat)
        used.update(d.target for d in found)
        entries.append(_triaged(threat, found[0] if found else None, fingerprints, today))
    orphans = tuple(d for d in register.decisions if d.target not in used)
    return TriageResult(
        entries=tuple(entries),
        orphans=orphans,
        reopened=tuple(e for e in entries if e.reopened),
        notifications=tuple(_orphan_note(d) for d in orphans),
    )
