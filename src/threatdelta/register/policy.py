"""Rule policy from the settings file: a severity override or a disabled rule, each with a
required reason (`rules:` in `.threatdelta/config.yml`).

```yaml
rules:
  TD-R001: {severity: medium, reason: "audit logging is done by the gateway"}
  TD-D004: {disabled: true, reason: "rate limits are enforced by the CDN"}
```

A disabled rule's threats leave the report; an overridden rule's threats take the new
severity, and their CVSS score is brought into that severity's band (so SARIF's
`security-severity` agrees). Each policy is stated in a note of the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import Field, StrictBool, model_validator

from threatdelta.findings.threat import Severity, Threat
from threatdelta.model.base import Frozen, Level, Notification

_BANDS = {
    Severity.CRITICAL: (9.0, 10.0),
    Severity.HIGH: (7.0, 8.9),
    Severity.MEDIUM: (4.0, 6.9),
    Severity.LOW: (0.1, 3.9),
}


class RulePolicy(Frozen):
    severity: Severity | None = None
    disabled: StrictBool = False
    reason: str = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _says_something(self) -> RulePolicy:
        if not self.reason.strip():
            raise ValueError("reason must not be blank")
        if self.severity is None and not self.disabled:
            raise ValueError("set severity or disabled: true")
        if self.severity is not None and self.disabled:
            raise ValueError("a disabled rule has no severity")
        return self


RulePolicies = Mapping[str, RulePolicy]


def _overridden(threat: Threat, severity: Severity) -> Threat:
    low, high = _BANDS[severity]
    score = min(max(threat.score, low), high)
    return threat.model_copy(update={"severity": severity, "score": score})


def apply_rule_policy(
    threats: Sequence[Threat], policies: RulePolicies
) -> tuple[tuple[Threat, ...], tuple[Notification, ...]]:
    """The threats under the policies (disabled rules' threats left out, severities
    overridden, order kept), and one note per policy in force."""
    if not policies:
        return tuple(threats), ()
    kept: list[Threat] = []
    for threat in threats:
        policy = policies.get(threat.rule_id)
        if policy is None:
            kept.append(threat)
        elif policy.severity is not None:
            kept.append(_overridden(threat, policy.severity))
        elif not policy.disabled:
            kept.append(threat)
    return tuple(kept), policy_notes(policies)


def policy_notes(policies: RulePolicies) -> tuple[Notification, ...]:
    notes = []
    for rule_id, policy in sorted(policies.items()):
        what = "disabled" if policy.disabled else f"severity set to {policy.severity}"
        notes.append(
            Notification(
                level=Level.NOTE,
                code="rule-policy",
                message=f"rule {rule_id} {what} by the settings file: {policy.reason}",
            )
        )
    return tuple(notes)
