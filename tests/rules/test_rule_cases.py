"""Every rule has positive and negative cases under `cases/<rule id>/`, scanned through the
whole pipeline (real extractors, linker and engine); findings must match annotations exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotations import expectations, threat_lines

from threatdelta.pipeline import scan
from threatdelta.rules.registry import RULES

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.SPEC.id)
def test_rule_matches_its_annotated_cases_exactly(rule) -> None:  # type: ignore[no-untyped-def]
    rule_id = rule.SPEC.id
    case_dir = CASES / rule_id
    assert case_dir.is_dir(), f"{rule_id} has no case folder {case_dir}"
    exp = [e for e in expectations(case_dir) if e.rule_id == rule_id]
    assert any(e.kind == "ruleid" for e in exp), f"{rule_id} has no positive case"
    assert any(e.kind == "ok" for e in exp), f"{rule_id} has no negative case"
    report = scan(case_dir)
    found = {(p, line) for rid, p, line in threat_lines(report.threats) if rid == rule_id}
    expected = {(e.path, e.line) for e in exp if e.kind == "ruleid"}
    near_misses = {(e.path, e.line) for e in exp if e.kind == "ok"}
    assert found == expected, (
        f"{rule_id}: missing {expected - found}, unexpected {found - expected}"
    )
    assert not found & near_misses
