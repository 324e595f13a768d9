"""Runs rules over a model: isolates crashes, scores, fingerprints and sorts once."""

from __future__ import annotations

from collections.abc import Sequence

from threatdelta.findings.scoring import cvss_score, fingerprint
from threatdelta.findings.threat import Threat, ThreatSource
from threatdelta.model.base import Level, Notification
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import Match, Rule, RuleSpec, fix_applicability


def _threat(spec: RuleSpec, match: Match) -> Threat:
    score, severity = cvss_score(spec.cvss_vector)
    fix = match.fix
    applicability = fix_applicability(spec.fix)
    if fix is not None and applicability is not None and fix.patch is None:
        fix = fix.model_copy(update={"applicability": applicability})
    return Threat(
        id=fingerprint(spec.id, match.element, match.qualifier),
        rule_id=spec.id,
        stride=spec.stride,
        title=spec.title,
        message=match.message,
        attack_vector=match.attack_vector,
        impact=match.impact,
        cwe=spec.cwe,
        capec=spec.capec,
        cvss_vector=spec.cvss_vector,
        score=score,
        severity=severity,
        confidence=match.confidence or spec.confidence,
        element=match.element,
        evidence=match.evidence,
        fix=fix,
        source=ThreatSource.RULE,
    )


def sort_key(threat: Threat) -> tuple[int, str, int, str, str]:
    first = threat.evidence[0].location
    return (-threat.severity.rank, first.path, first.start_line, threat.rule_id, threat.id)


def run_rules(
    model: ThreatModel, rules: Sequence[Rule]
) -> tuple[tuple[Threat, ...], tuple[Notification, ...]]:
    """Every rule over the model. A crashing rule becomes a notification; the rest still run."""
    threats: dict[str, Threat] = {}
    notes: list[Notification] = []
    for rule in rules:
        try:
            for match in rule.check(model):
                threat = _threat(rule.SPEC, match)
                threats.setdefault(threat.id, threat)
        except Exception as exc:  # isolate a faulty rule; never lose the others
            notes.append(
                Notification(
                    level=Level.ERROR,
                    code="rule-crashed",
                    message=f"rule {rule.SPEC.id} crashed and was skipped: "
                    f"{type(exc).__name__}: {exc}",
                )
            )
    ordered = tuple(sorted(threats.values(), key=sort_key))
    return ordered, tuple(notes)
