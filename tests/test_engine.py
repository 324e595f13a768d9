"""The engine: crash isolation, scoring, stable ids, one sort."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from threatdelta.engine import run_rules
from threatdelta.findings.threat import Confidence, Severity, Stride
from threatdelta.model import ElementKind, Endpoint, Evidence, Location, ThreatModel
from threatdelta.rules.spec import Match, RuleSpec


def _spec(rule_id: str, vector: str) -> RuleSpec:
    return RuleSpec(
        id=rule_id,
        name="test-rule",
        title="t",
        stride=(Stride.SPOOFING,),
        cwe=(1,),
        cvss_vector=vector,
        confidence=Confidence.HIGH,
        applies_to=(ElementKind.ENDPOINT,),
    )


def _rule(rule_id: str, vector: str, line: int):  # type: ignore[no-untyped-def]
    def check(model: ThreatModel) -> Iterator[Match]:
        for ep in model.endpoints:
            loc = Location(path="a.py", start_line=line, end_line=line)
            yield Match(
                element=ep.key,
                evidence=(Evidence(location=loc),),
                message="m",
                attack_vector="a",
                impact="i",
            )

    return SimpleNamespace(SPEC=_spec(rule_id, vector), check=check, __name__=rule_id)


def _broken():  # type: ignore[no-untyped-def]
    def check(model: ThreatModel) -> Iterator[Match]:
        raise KeyError("boom")
        yield  # pragma: no cover

    return SimpleNamespace(
        SPEC=_spec("TD-T999", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
        check=check,
        __name__="broken",
    )


MODEL = ThreatModel(endpoints=(Endpoint(method="POST", path="/x", service="s"),))
LOW = "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"
CRIT = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"


def test_a_crashing_rule_becomes_a_notification_and_others_still_run() -> None:
    threats, notes = run_rules(MODEL, [_broken(), _rule("TD-S900", CRIT, 3)])
    assert [t.rule_id for t in threats] == ["TD-S900"]
    assert notes[0].code == "rule-crashed" and "TD-T999" in notes[0].message


def test_threats_are_scored_with_cvss_and_sorted_by_severity() -> None:
    threats, _ = run_rules(MODEL, [_rule("TD-S901", LOW, 1), _rule("TD-S902", CRIT, 9)])
    assert [t.rule_id for t in threats] == ["TD-S902", "TD-S901"]
    assert threats[0].score == 9.8 and threats[0].severity is Severity.CRITICAL
    assert threats[1].severity is Severity.LOW


def test_threat_id_ignores_line_numbers() -> None:
    first, _ = run_rules(MODEL, [_rule("TD-S903", CRIT, 3)])
    moved, _ = run_rules(MODEL, [_rule("TD-S903", CRIT, 30)])
    assert first[0].id == moved[0].id
    other, _ = run_rules(MODEL, [_rule("TD-S904", CRIT, 3)])
    assert other[0].id != first[0].id
