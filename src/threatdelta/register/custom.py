"""Custom threats of the register as threats: `source: human`, a stable id, a CVSS score."""

from __future__ import annotations

from threatdelta.findings.scoring import cvss_score, fingerprint
from threatdelta.findings.threat import Confidence, Severity, Threat, ThreatSource
from threatdelta.model.base import Evidence, Level, Location, Notification
from threatdelta.model.threat_model import ThreatModel
from threatdelta.register.schema import REGISTER_PATH, CustomThreat, RegisterFile

HUMAN_RULE_ID = "TD-HUMAN"
# A representative CVSS 3.1 base score for a severity given without a vector.
_SEVERITY_SCORE = {
    Severity.CRITICAL: 9.0,
    Severity.HIGH: 7.5,
    Severity.MEDIUM: 5.5,
    Severity.LOW: 3.0,
}


def custom_threat_id(custom: CustomThreat) -> str:
    """Stable: from the element key and the threat's name (its title when unnamed)."""
    return fingerprint(HUMAN_RULE_ID, custom.element, custom.name or custom.title)


def _rated(custom: CustomThreat) -> tuple[str, float, Severity] | str:
    """(vector, score, severity), or the reason the vector is refused."""
    if custom.cvss_vector:
        try:
            score, severity = cvss_score(custom.cvss_vector)
        except ValueError as exc:
            return str(exc)
        return custom.cvss_vector, score, custom.severity or severity
    severity = custom.severity or Severity.MEDIUM
    return "", _SEVERITY_SCORE[severity], severity


def as_threat(custom: CustomThreat) -> Threat | str:
    """The custom threat as a threat, or why it cannot be one."""
    rated = _rated(custom)
    if isinstance(rated, str):
        return rated
    vector, score, severity = rated
    path, start, end = custom.evidence_span()
    return Threat(
        id=custom_threat_id(custom),
        rule_id=HUMAN_RULE_ID,
        stride=custom.stride,
        title=custom.title,
        message=custom.description or custom.title,
        attack_vector=custom.attack_vector,
        impact=custom.impact,
        cwe=custom.cwe,
        cvss_vector=vector,
        score=score,
        severity=severity,
        confidence=Confidence.HIGH,
        element=custom.element,
        evidence=(Evidence(location=Location(path=path, start_line=start, end_line=end)),),
        source=ThreatSource.HUMAN,
    )


def custom_threats(
    register: RegisterFile, model: ThreatModel | None = None
) -> tuple[tuple[Threat, ...], tuple[Notification, ...]]:
    """Every custom threat of the register; one whose element the model does not have is
    still reported (a human said so), with a warning that its element is gone."""
    threats: dict[str, Threat] = {}
    notes: list[Notification] = []
    for custom in register.custom_threats:
        threat = as_threat(custom)
        if isinstance(threat, str):
            notes.append(_warning(f"custom threat {custom.title!r} ignored: {threat}"))
            continue
        if threat.id in threats:
            notes.append(_warning(f"custom threat {custom.title!r} repeats {threat.id}; ignored"))
            continue
        if model is not None and model.element(custom.element) is None:
            notes.append(
                _warning(
                    f"custom threat {threat.id}: element {custom.element!r} is not in the model"
                )
            )
        threats[threat.id] = threat
    return tuple(threats.values()), tuple(notes)


def _warning(message: str) -> Notification:
    return Notification(
        level=Level.WARNING, code="register-custom-threat", path=REGISTER_PATH, message=message
    )
