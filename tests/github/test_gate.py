"""The merge gate over delta reports (pull requests) and scan reports (pushes).

The reports are the reporter tests' samples, whose threats come from the real rule engine:
introduced on POST /users are a critical TD-T001 (SQL from input), a high TD-S001 and a low
TD-R001; a hostile-path endpoint's threats persist."""

from __future__ import annotations

import pytest
from reporters.delta_samples import delta_report, quiet_report

from threatdelta.errors import ConfigError
from threatdelta.findings.threat import Severity, Threat, ThreatSource
from threatdelta.github.gate import (
    Conclusion,
    Gate,
    GateVerdict,
    decide,
    failing_threats,
    is_budget_notification,
)
from threatdelta.model.base import Level, Notification
from threatdelta.report import ScanReport

BUDGET = Notification(level=Level.ERROR, code="budget-exhausted", message="read budget reached")


def _gate(report: object, fail_on: str = "high", **kw: object) -> Gate:
    options: dict[str, object] = {"soft_fail": False, "incomplete_conclusion": "failure"}
    options.update(kw)
    return decide(report, fail_on=fail_on, **options)  # type: ignore[arg-type]


def _by_rule(threats: tuple[Threat, ...], rule_id: str) -> Threat:
    return next(t for t in threats if t.rule_id == rule_id)


def _scan() -> ScanReport:
    register = delta_report().head_register
    assert register is not None
    return register


def test_introduced_threats_at_or_above_fail_on_fail_the_gate_most_severe_first() -> None:
    gate = _gate(delta_report(), "high")
    assert gate.verdict is GateVerdict.FAIL
    assert gate.conclusion == "failure"
    assert [t.rule_id for t in gate.failing] == ["TD-T001", "TD-S001"]
    assert gate.reason.startswith("2 introduced open threats at or above high: ")
    assert "(critical, app/api.py:12)" in gate.reason


def test_fail_on_critical_lets_a_high_threat_through() -> None:
    gate = _gate(delta_report(), "critical")
    assert gate.verdict is GateVerdict.FAIL
    assert [t.rule_id for t in gate.failing] == ["TD-T001"]


def test_fail_on_low_counts_the_low_threat_too() -> None:
    assert len(_gate(delta_report(), "low").failing) == 3


def test_fail_on_none_never_fails_and_says_so() -> None:
    gate = _gate(delta_report(), "none")
    assert (gate.verdict, gate.conclusion, gate.failing) == (
        GateVerdict.PASS,
        Conclusion.SUCCESS,
        (),
    )
    assert (
        gate.reason == "Fail-on is none, so no threat fails the gate (3 introduced open threats)."
    )


def test_persisting_and_resolved_threats_do_not_fail_a_pull_request() -> None:
    report = delta_report(introduced=())
    assert report.persisting and report.resolved
    gate = _gate(report, "low")
    assert gate.verdict is GateVerdict.PASS and gate.conclusion == "success"
    assert gate.reason == "No introduced open threat at or above low."


def test_push_scan_counts_every_threat_of_the_register() -> None:
    scan = _scan()
    gate = _gate(scan, "high")
    assert gate.verdict is GateVerdict.FAIL
    expected = [t for t in scan.threats if t.severity.rank >= Severity.HIGH.rank]
    assert {t.id for t in gate.failing} == {t.id for t in expected}
    assert len(gate.failing) > 2  # the persisting endpoint's threats count on a push
    assert gate.reason.startswith(f"{len(expected)} open threats at or above high")


def test_threats_accepted_in_the_register_do_not_fail_the_gate() -> None:
    report = delta_report()
    accepted = {
        _by_rule(report.introduced, "TD-T001").id,
        _by_rule(report.introduced, "TD-S001").id,
    }
    gate = _gate(report, "high", accepted=accepted)
    assert gate.verdict is GateVerdict.PASS
    assert gate.reason == (
        "No introduced open threat at or above high (1 below high; 2 accepted in the register)."
    )


def test_a_threat_from_the_llm_analyst_alone_never_fails_the_gate() -> None:
    report = delta_report()
    low = _by_rule(report.introduced, "TD-R001")
    llm = low.model_copy(
        update={"id": "llm-1", "severity": Severity.CRITICAL, "source": ThreatSource.LLM}
    )
    gate = _gate(report.model_copy(update={"introduced": (low, llm)}), "high")
    assert gate.verdict is GateVerdict.PASS and gate.conclusion == "success"
    assert "1 from the LLM analyst alone, which never fails the gate" in gate.reason


def test_an_llm_threat_next_to_a_failing_rule_threat_is_not_listed_as_failing() -> None:
    report = delta_report()
    high = _by_rule(report.introduced, "TD-S001")
    llm = high.model_copy(
        update={"id": "llm-1", "severity": Severity.CRITICAL, "source": ThreatSource.LLM}
    )
    gate = _gate(report.model_copy(update={"introduced": (llm, high)}), "high")
    assert gate.verdict is GateVerdict.FAIL
    assert [t.id for t in gate.failing] == [high.id]


def test_a_threat_a_human_added_fails_the_gate_like_a_rule_threat() -> None:
    report = delta_report()
    human = _by_rule(report.introduced, "TD-S001").model_copy(update={"source": ThreatSource.HUMAN})
    gate = _gate(report.model_copy(update={"introduced": (human,)}), "high")
    assert [t.id for t in gate.failing] == [human.id]


@pytest.mark.parametrize("conclusion", ["failure", "neutral"])
def test_incomplete_delta_without_failing_threats_takes_the_incomplete_conclusion(
    conclusion: str,
) -> None:
    report = delta_report(complete=False, introduced=())
    gate = _gate(report, "high", incomplete_conclusion=conclusion)
    assert gate.verdict is GateVerdict.INCOMPLETE
    assert gate.conclusion == conclusion
    assert gate.reason == (
        "The analysis is incomplete: part of the change was not analysed. In what was "
        "analysed: no introduced open threat at or above high."
    )


def test_budget_notification_makes_a_complete_looking_delta_incomplete() -> None:
    report = delta_report(introduced=(), notifications=(BUDGET,))
    gate = _gate(report, "high", incomplete_conclusion="neutral")
    assert gate.verdict is GateVerdict.INCOMPLETE and gate.conclusion == "neutral"
    assert "a budget cut the analysis (budget-exhausted)" in gate.reason


def test_budget_notification_makes_a_push_scan_incomplete() -> None:
    scan = _scan().model_copy(update={"threats": (), "notifications": (BUDGET,)})
    gate = _gate(scan, "high")
    assert gate.verdict is GateVerdict.INCOMPLETE and gate.conclusion == "failure"


def test_a_known_failure_wins_over_an_incomplete_analysis() -> None:
    gate = _gate(delta_report(complete=False), "high", incomplete_conclusion="neutral")
    assert gate.verdict is GateVerdict.FAIL and gate.conclusion == "failure"
    assert gate.reason.endswith(
        "The analysis is also incomplete: part of the change was not analysed."
    )


def test_no_architecture_relevant_change_passes_so_a_required_check_reports() -> None:
    gate = _gate(quiet_report(), "low")
    assert (gate.verdict, gate.conclusion, gate.reason) == (
        GateVerdict.PASS,
        Conclusion.SUCCESS,
        "No architecture-relevant change.",
    )


def test_an_irrelevant_change_whose_analysis_was_cut_is_incomplete_not_a_pass() -> None:
    gate = _gate(quiet_report(complete=False), "low")
    assert gate.verdict is GateVerdict.INCOMPLETE and gate.conclusion == "failure"


@pytest.mark.parametrize(
    ("update", "incomplete_conclusion", "verdict"),
    [
        ({}, "failure", GateVerdict.FAIL),
        ({"complete": False, "introduced": ()}, "failure", GateVerdict.INCOMPLETE),
        ({"complete": False, "introduced": ()}, "neutral", GateVerdict.INCOMPLETE),
    ],
)
def test_soft_fail_never_fails_but_the_verdict_tells_the_truth(
    update: dict[str, object], incomplete_conclusion: str, verdict: GateVerdict
) -> None:
    gate = _gate(
        delta_report(**update),
        "high",
        soft_fail=True,
        incomplete_conclusion=incomplete_conclusion,
    )
    assert gate.verdict is verdict
    assert gate.conclusion is Conclusion.NEUTRAL


def test_soft_fail_says_why_the_failure_is_reported_as_neutral() -> None:
    gate = _gate(delta_report(), "high", soft_fail=True)
    assert gate.failing
    assert gate.reason.endswith("soft-fail is on: reported as neutral, not failure.")


def test_soft_fail_leaves_a_pass_a_success() -> None:
    gate = _gate(delta_report(introduced=()), "high", soft_fail=True)
    assert gate.conclusion is Conclusion.SUCCESS


def test_more_than_three_failing_threats_are_counted_not_all_named() -> None:
    high = _by_rule(delta_report().introduced, "TD-S001")
    many = tuple(high.model_copy(update={"id": f"th-{n}"}) for n in range(5))
    gate = _gate(delta_report(introduced=many), "high")
    assert len(gate.failing) == 5
    assert gate.reason.endswith("; and 2 more.")


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"fail_on": "severe"}, "fail-on must be one of"),
        ({"incomplete_conclusion": "success"}, "incomplete-conclusion must be"),
    ],
)
def test_unknown_option_values_are_configuration_errors(kw: dict[str, str], message: str) -> None:
    options = {"fail_on": "high", "soft_fail": False, "incomplete_conclusion": "failure", **kw}
    with pytest.raises(ConfigError, match=message):
        decide(delta_report(), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "is_budget"),
    [
        ("budget-exhausted", True),
        ("diff-file-budget", True),
        ("diff-byte-budget", True),
        ("file-too-large", False),
        ("budgetary-note", False),
    ],
)
def test_budget_notifications_are_recognised_by_their_code(code: str, is_budget: bool) -> None:
    note = Notification(level=Level.WARNING, code=code, message="m")
    assert is_budget_notification(note) is is_budget


def test_failing_threats_for_fail_on_are_the_gates_failing_threats() -> None:
    report = delta_report()
    high = _by_rule(report.introduced, "TD-S001")
    llm = high.model_copy(
        update={"id": "llm-1", "severity": Severity.CRITICAL, "source": ThreatSource.LLM}
    )
    both = report.model_copy(update={"introduced": (llm, high)})
    assert [t.id for t in failing_threats(both, "high")] == [high.id]
    assert [t.id for t in failing_threats(both, "high", llm_gate=True)] == [llm.id, high.id]
    assert failing_threats(both, "none") == ()
    assert failing_threats(both, "critical") == ()
