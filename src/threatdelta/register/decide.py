"""Making a decision the way every front end should (the `triage` command, PR commands):
the target checked against the current threats, the time of the decision, and the element
fingerprint that lets an acceptance lapse when the code it justified changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from threatdelta.findings.threat import Threat
from threatdelta.model.base import Frozen
from threatdelta.model.threat_model import ThreatModel
from threatdelta.register.apply import matches
from threatdelta.register.fingerprint import element_fingerprint
from threatdelta.register.schema import (
    ELEMENT_PREFIX,
    Decision,
    TargetKind,
    TriageStatus,
    is_suppressed,
    target_kind,
)


class TargetCheck(Frozen):
    """Whether a target may be decided on: `error` refuses it (an unknown threat id),
    `warning` lets it through with a remark (a wildcard that matches nothing today)."""

    matched: tuple[Threat, ...] = ()
    error: str = ""
    warning: str = ""


def check_target(target: str, threats: Sequence[Threat]) -> TargetCheck:
    """The current threats `target` covers, and what to say about it."""
    kind = target_kind(target)
    probe = Decision(target=target, status=TriageStatus.OPEN)  # validates the form
    matched = tuple(t for t in threats if matches(probe, t))
    if kind is TargetKind.THREAT and not matched:
        return TargetCheck(
            error=f"unknown threat id {target!r}: `threatdelta triage list` shows the ids"
        )
    if not matched:
        return TargetCheck(warning=f"{target!r} matches no current threat (recorded anyway)")
    return TargetCheck(matched=matched)


def _fingerprint(
    target: str, status: TriageStatus, model: ThreatModel | None, matched: Sequence[Threat]
) -> str:
    if model is None or not is_suppressed(status):
        return ""
    kind = target_kind(target)
    if kind is TargetKind.THREAT and matched:
        return element_fingerprint(model, matched[0].element)
    if kind is TargetKind.ELEMENT:
        return element_fingerprint(model, target.removeprefix(ELEMENT_PREFIX))
    return ""


def new_decision(
    target: str,
    status: TriageStatus,
    justification: str,
    *,
    decided_by: str = "",
    owner: str = "",
    ticket: str = "",
    expires: date | None = None,
    model: ThreatModel | None = None,
    threats: Sequence[Threat] = (),
    now: datetime | None = None,
) -> Decision:
    """A decision made now (UTC), with the element fingerprint of an exact target when the
    model is given; `ValueError` (pydantic's) for an invalid one (no justification, ...)."""
    matched = [t for t in threats if t.id == target]
    return Decision(
        target=target,
        status=status,
        justification=justification.strip(),
        owner=owner,
        ticket=ticket,
        decided_by=decided_by,
        decided_at=(now or datetime.now(UTC)).replace(microsecond=0),
        expires=expires,
        element_fingerprint=_fingerprint(target, status, model, matched),
    )
