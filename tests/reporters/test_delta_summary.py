"""The verdict of a delta: counts when complete, "no architecture-relevant change" when nothing
modelled changed, and an INCOMPLETE verdict that never reads as a clean result."""

from __future__ import annotations

from delta_samples import delta_report, quiet_report

from threatdelta.findings.threat import Severity
from threatdelta.reporters.delta_summary import SeverityCounts, verdict


def test_verdict_counts_introduced_by_severity_and_resolved() -> None:
    report = delta_report()
    assert [t.severity for t in report.introduced] == [
        Severity.CRITICAL,
        Severity.HIGH,
        Severity.LOW,
    ]
    assert verdict(report) == (
        "threatdelta: this change introduces 3 threats (1 critical, 1 high, 1 low) and resolves 1"
    )


def test_verdict_of_a_relevant_change_without_threats_says_so() -> None:
    report = delta_report(introduced=(), resolved=())
    assert verdict(report) == "threatdelta: this change introduces no threats and resolves none"


def test_verdict_of_one_threat_is_singular() -> None:
    report = delta_report()
    one = delta_report(introduced=report.introduced[1:2])
    assert verdict(one) == "threatdelta: this change introduces 1 threat (1 high) and resolves 1"


def test_verdict_of_an_irrelevant_change() -> None:
    assert verdict(quiet_report()) == "threatdelta: no architecture-relevant change"


def test_incomplete_verdict_leads_with_incomplete_and_never_says_no_threats() -> None:
    for report in (
        quiet_report(complete=False),
        delta_report(complete=False, introduced=(), resolved=()),
        delta_report(complete=False),
    ):
        text = verdict(report)
        assert text.startswith("threatdelta: INCOMPLETE analysis: ")
        assert "threats may be missing" in text
        assert "no threats" not in text
        assert not text.endswith("threatdelta: no architecture-relevant change")


def test_incomplete_verdict_still_reports_what_was_found() -> None:
    text = verdict(delta_report(complete=False))
    assert text.endswith(
        "the analysed part introduces 3 threats (1 critical, 1 high, 1 low) and resolves 1"
    )


def test_severity_counts_and_breakdown() -> None:
    counts = SeverityCounts.of(delta_report().introduced)
    assert counts == SeverityCounts(total=3, critical=1, high=1, medium=0, low=1)
    assert counts.breakdown() == "1 critical, 1 high, 1 low"
    assert SeverityCounts.of(()).breakdown() == ""
