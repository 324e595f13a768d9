"""The Markdown `threatdelta ci` writes: repository text escaped, links only to GitHub's URLs,
threat items in the shape the summary comment folds."""

from __future__ import annotations

import re

from threatdelta.diff.delta import ChangedFile, DeltaReport
from threatdelta.findings.threat import Confidence, Severity, Stride, Threat
from threatdelta.github.ci_report import (
    coverage_lines,
    gate_line,
    published_section,
    spilled_section,
)
from threatdelta.github.gate import Conclusion, Gate, GateVerdict
from threatdelta.model.base import Evidence, Location


def _threat(severity: Severity, title: str = "Endpoint without authentication") -> Threat:
    return Threat(
        id=f"th-{severity.value}",
        rule_id="TD-S001",
        stride=(Stride.SPOOFING,),
        title=title,
        message="m",
        attack_vector="a",
        impact="i",
        cwe=(306,),
        capec=(),
        cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N",
        score=7.5,
        severity=severity,
        confidence=Confidence.HIGH,
        element="endpoint:POST /x",
        evidence=(Evidence(location=Location(path="app.py", start_line=3, end_line=4)),),
    )


def test_the_gate_reason_is_escaped() -> None:
    gate = Gate(
        verdict=GateVerdict.FAIL,
        conclusion=Conclusion.FAILURE,
        reason="1 threat: <img src=x> @admin (high, [a](http://evil.test))",
    )
    line = gate_line(gate)
    assert line.startswith("**Gate: FAIL** (check conclusion `failure`): ")
    assert re.search(r"(?<!\\)<", line) is None  # no raw HTML
    assert "@admin" not in line  # mention defused
    assert re.search(r"(?<!\\)\]\(", line) is None  # no link
    assert "http://evil" not in line  # autolink defused


def test_only_a_plain_github_url_becomes_a_link() -> None:
    good = "https://github.com/octo-org/octo-repo/pull/7#issuecomment-1"
    assert f"[the summary comment]({good})" in published_section(["check run"], good)
    odd = "https://github.com/x) [click](http://evil.test"
    section = published_section([], odd)
    assert "](" not in section
    assert published_section([], "") == ""


def test_spilled_threats_are_items_the_summary_comment_can_fold() -> None:
    section = spilled_section([_threat(Severity.HIGH), _threat(Severity.LOW, "x @y <b>")])
    items = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(items) == 2
    assert all(re.match(r"^- \*\*(high|low)\*\* · ", item) for item in items)
    assert re.search(r"(?<!\\)<", section) is None
    assert spilled_section([]) == ""


def test_coverage_names_each_skipped_file_and_why() -> None:
    report = DeltaReport(
        base="main",
        head="pr",
        base_commit="a" * 40,
        head_commit="b" * 40,
        merge_base="a" * 40,
        relevant=True,
        complete=False,
        changed_files=(
            ChangedFile(path="app.py", status="modified", analysed=True),
            ChangedFile(path="big.py", status="added", analysed=False, note="over <1 MB>"),
            ChangedFile(path="README.md", status="modified", analysed=False),
        ),
    )
    lines = coverage_lines(report)
    assert lines[0] == (
        "Coverage: 1 of 3 changed files analysed, 2 not modelled · **the analysis is incomplete**"
    )
    assert lines[1].startswith("- `big.py`: over ")
    assert re.search(r"(?<!\\)<", lines[1]) is None
    assert lines[2] == "- `README.md`: no extractor reads this kind of file"
