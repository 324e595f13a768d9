"""The register applied to a report: rule policy, custom threats, then triage.

A repository without a register file and without rule policy gets its report back
unchanged (its JSON output stays byte for byte what it was). Otherwise the report's threats
are the rule threats under the policy plus the custom threats, sorted once, and `triage`
holds each one's status; the register's own problems (a bad entry, an orphaned decision)
join the report's notifications, so every format shows them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from threatdelta.diff.delta import DeltaReport
from threatdelta.engine import sort_key
from threatdelta.findings.threat import Threat
from threatdelta.model.base import Notification
from threatdelta.model.threat_model import ThreatModel
from threatdelta.register.apply import CHANGED_NOTE, TriageResult, triage
from threatdelta.register.changes import decision_changes
from threatdelta.register.custom import custom_threats
from threatdelta.register.policy import RulePolicies, RulePolicy, apply_rule_policy, policy_notes
from threatdelta.register.schema import RegisterFile
from threatdelta.report import ScanReport

NO_POLICY: Mapping[str, RulePolicy] = {}


def today_utc() -> date:
    return datetime.now(UTC).date()


def _is_empty(register: RegisterFile) -> bool:
    return not register.decisions and not register.custom_threats


def _triaged(
    threats: Sequence[Threat],
    model: ThreatModel,
    register: RegisterFile,
    today: date,
    check_elements: bool,
) -> tuple[tuple[Threat, ...], TriageResult, tuple[Notification, ...]]:
    """(all threats with the custom ones, sorted; their triage; notes)."""
    customs, notes = custom_threats(register, model if check_elements else None)
    by_id = {t.id: t for t in threats}
    for custom in customs:
        by_id.setdefault(custom.id, custom)
    ordered = tuple(sorted(by_id.values(), key=sort_key))
    result = triage(ordered, model, register, today)
    return ordered, result, (*notes, *result.notifications)


def triage_scan(
    report: ScanReport,
    register: RegisterFile,
    register_notes: Sequence[Notification] = (),
    *,
    today: date,
    policies: RulePolicies = NO_POLICY,
) -> ScanReport:
    """The report under the register and the rule policy (see the module docstring)."""
    threats, rule_notes = apply_rule_policy(report.threats, policies)
    if _is_empty(register) and not register_notes:
        if not policies:
            return report
        return report.model_copy(
            update={
                "threats": tuple(sorted(threats, key=sort_key)),
                "notifications": (*report.notifications, *rule_notes),
            }
        )
    ordered, result, notes = _triaged(threats, report.model, register, today, True)
    return report.model_copy(
        update={
            "threats": ordered,
            "triage": result,
            "notifications": (*report.notifications, *register_notes, *rule_notes, *notes),
        }
    )


def _policy_delta(delta: DeltaReport, policies: RulePolicies) -> DeltaReport:
    if not policies:
        return delta
    update: dict[str, object] = {
        name: apply_rule_policy(getattr(delta, name), policies)[0]
        for name in ("introduced", "resolved", "persisting")
    }
    update["notifications"] = (*delta.notifications, *policy_notes(policies))
    return delta.model_copy(update=update)


def _voided(result: TriageResult) -> bool:
    return any(e.note == CHANGED_NOTE for e in result.reopened)


def triage_delta(
    delta: DeltaReport,
    head: RegisterFile,
    base: RegisterFile,
    register_notes: Sequence[Notification] = (),
    *,
    today: date,
    policies: RulePolicies = NO_POLICY,
) -> DeltaReport:
    """The delta under the head commit's register: the head register triaged, custom
    threats the change adds counted as introduced, the decisions it changes listed. A change
    that makes or changes a decision or adds a custom threat is relevant (its summary must
    show that), even when it touches nothing modelled."""
    delta = _policy_delta(delta, policies)
    register = delta.head_register
    if register is not None:
        register = triage_scan(register, RegisterFile(), today=today, policies=policies)
    if _is_empty(head) and _is_empty(base) and not register_notes:
        return delta.model_copy(update={"head_register": register})
    known = [*delta.introduced, *delta.persisting]
    threats = register.threats if register is not None else tuple(known)
    model = register.model if register is not None else ThreatModel()
    ordered, result, notes = _triaged(threats, model, head, today, False)
    base_customs = {t.id for t in custom_threats(base)[0]}
    added = tuple(t for t in custom_threats(head)[0] if t.id not in base_customs)
    if register is not None:
        register = register.model_copy(update={"threats": ordered, "triage": result})
    changes = decision_changes(base, head)
    return delta.model_copy(
        update={
            "relevant": delta.relevant or bool(changes or added) or _voided(result),
            "head_register": register,
            "introduced": tuple(sorted((*delta.introduced, *added), key=sort_key)),
            "triage": result,
            "triage_changes": changes,
            "notifications": (*delta.notifications, *register_notes, *notes),
        }
    )
