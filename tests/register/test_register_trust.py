"""`trusted_register`: a fork's pull request may add threats to the register, never remove
or soften one, and its decision changes are refused (listed, not applied)."""

from __future__ import annotations

from threatdelta.findings.threat import Severity, Stride
from threatdelta.register.schema import CustomThreat, Decision, RegisterFile, TriageStatus
from threatdelta.register.trust import trusted_register

THREAT = "th-463ca8d2bad0"
OTHER = "th-350a362b19f1"


def _decision(target: str, status: TriageStatus, by: str = "Maintainer") -> Decision:
    why = "" if status is TriageStatus.OPEN else "reviewed"
    return Decision(target=target, status=status, justification=why, decided_by=by)


def _custom(name: str, severity: Severity = Severity.HIGH) -> CustomThreat:
    return CustomThreat(
        element="endpoint:POST /orders",
        title=f"Coupon abuse {name}",
        name=name,
        stride=(Stride.TAMPERING,),
        attack_vector="parallel requests",
        impact="free goods",
        severity=severity,
        evidence="app/orders.py:3",
    )


def test_a_same_repository_pull_request_keeps_its_head_register() -> None:
    base = RegisterFile()
    head = RegisterFile(decisions=(_decision(THREAT, TriageStatus.ACCEPTED),))
    assert trusted_register(base, head, from_fork=False) == (head, ())


def test_a_forks_new_acceptance_is_refused_and_not_applied() -> None:
    head = RegisterFile(decisions=(_decision(THREAT, TriageStatus.ACCEPTED, by="Security Lead"),))
    trusted, refused = trusted_register(RegisterFile(), head, from_fork=True)
    assert trusted.decisions == ()
    [change] = refused
    assert (change.target, change.before, change.after) == (THREAT, None, head.decisions[0])


def test_a_fork_changing_a_base_decision_softer_or_harder_keeps_the_base_one() -> None:
    in_progress = _decision(THREAT, TriageStatus.IN_PROGRESS)
    accepted = _decision(OTHER, TriageStatus.ACCEPTED)
    base = RegisterFile(decisions=(in_progress, accepted))
    head = RegisterFile(
        decisions=(
            _decision(THREAT, TriageStatus.FALSE_POSITIVE),  # softer: would suppress it
            _decision(OTHER, TriageStatus.OPEN),  # harder: would count it again
        )
    )
    trusted, refused = trusted_register(base, head, from_fork=True)
    assert trusted.decision_for(THREAT) == in_progress
    assert trusted.decision_for(OTHER) == accepted
    assert [(c.target, c.before, c.after) for c in refused] == [
        (THREAT, in_progress, head.decisions[0]),
        (OTHER, accepted, head.decisions[1]),
    ]


def test_a_fork_removing_a_base_decision_leaves_it_in_force() -> None:
    accepted = _decision(THREAT, TriageStatus.ACCEPTED)
    trusted, refused = trusted_register(
        RegisterFile(decisions=(accepted,)), RegisterFile(), from_fork=True
    )
    assert trusted.decisions == (accepted,)
    [change] = refused
    assert (change.before, change.after) == (accepted, None)


def test_a_fork_unchanged_decision_is_not_listed_as_refused() -> None:
    accepted = _decision(THREAT, TriageStatus.ACCEPTED)
    register = RegisterFile(decisions=(accepted,))
    assert trusted_register(register, register, from_fork=True) == (register, ())


def test_a_fork_adds_custom_threats_but_cannot_remove_or_lower_a_base_one() -> None:
    kept, lowered = _custom("kept"), _custom("lowered")
    base = RegisterFile(custom_threats=(kept, lowered))
    added = _custom("added")
    head = RegisterFile(custom_threats=(_custom("lowered", Severity.LOW), added))
    trusted, refused = trusted_register(base, head, from_fork=True)
    assert trusted.custom_threats == (kept, lowered, added)
    assert refused == ()
