from __future__ import annotations

import pytest
from pydantic import ValidationError

from threatdelta.register.schema import (
    CustomThreat,
    Decision,
    TargetKind,
    TriageStatus,
    is_suppressed,
)


def test_accepting_without_justification_is_refused() -> None:
    with pytest.raises(ValidationError, match="needs a justification"):
        Decision(target="th-0123456789ab", status=TriageStatus.ACCEPTED)


def test_open_decision_needs_no_justification() -> None:
    assert Decision(target="th-0123456789ab", status=TriageStatus.OPEN).justification == ""


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("th-0123456789ab", TargetKind.THREAT),
        ("rule:TD-S001", TargetKind.RULE),
        ("element:endpoint:GET /health", TargetKind.ELEMENT),
        ("element:endpoint:GET /admin/*", TargetKind.ELEMENT_PREFIX),
    ],
)
def test_target_forms_are_recognised(target: str, kind: TargetKind) -> None:
    decision = Decision(target=target, status=TriageStatus.FALSE_POSITIVE, justification="x")
    assert decision.kind is kind


@pytest.mark.parametrize(
    "target", ["TD-1a2b3c4d", "th-XYZ", "rule:", "rule:sql injection", "element:", "element:a*b*"]
)
def test_malformed_targets_are_refused(target: str) -> None:
    with pytest.raises(ValidationError):
        Decision(target=target, status=TriageStatus.ACCEPTED, justification="x")


def test_fingerprint_on_a_rule_wildcard_is_refused() -> None:
    with pytest.raises(ValidationError, match="element_fingerprint"):
        Decision(
            target="rule:TD-S001",
            status=TriageStatus.ACCEPTED,
            justification="x",
            element_fingerprint="sha256:00",
        )


def test_only_accepted_mitigated_and_false_positive_suppress() -> None:
    assert {s for s in TriageStatus if is_suppressed(s)} == {
        TriageStatus.ACCEPTED,
        TriageStatus.MITIGATED,
        TriageStatus.FALSE_POSITIVE,
    }


def test_custom_threat_needs_a_rating_and_a_path_line() -> None:
    base = {
        "element": "endpoint:POST /users",
        "title": "Coupon reuse",
        "stride": ["T"],
        "attack_vector": "replay a coupon code",
        "impact": "free goods",
    }
    with pytest.raises(ValidationError, match="severity or a cvss_vector"):
        CustomThreat.model_validate({**base, "evidence": "app/api.py:9"})
    with pytest.raises(ValidationError, match="path:line"):
        CustomThreat.model_validate({**base, "evidence": "app/api.py", "severity": "high"})
    custom = CustomThreat.model_validate(
        {**base, "evidence": "app/api.py:9-12", "severity": "high"}
    )
    assert custom.evidence_span() == ("app/api.py", 9, 12)
