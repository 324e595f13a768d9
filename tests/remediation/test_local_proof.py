"""Local proofs (only the elements a patch can affect are re-derived, as the diff engine
does) reach the same verdicts as full relinks on the fixture applications; the proof budget
of a scan is honoured and noted."""

from __future__ import annotations

from pathlib import Path

import pytest
from toy_families import APP, DEBUG_OFF, KEEPS_THREAT

from threatdelta.pipeline import scan_with_inputs
from threatdelta.remediation.run import attach_fixes, remediate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.mark.parametrize(
    "app", ["flask-clinic", "express-shop", "spring-bank", "terraform-stack", "k8s-compose-deploy"]
)
def test_local_and_full_proofs_agree_on_fixture(app: str) -> None:
    report, inputs = scan_with_inputs(FIXTURES / app)
    full = remediate(report, inputs, local=False)
    local = remediate(report, inputs, local=True)
    assert {f.threat.id: f.patched for f in local.fixes} == {
        f.threat.id: f.patched for f in full.fixes
    }


def test_local_proof_refuses_a_patch_that_keeps_the_threat(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    report, inputs = scan_with_inputs(tmp_path)
    done = remediate(report, inputs, (DEBUG_OFF,), local=True)
    assert len(done.fixes) == 1
    kept = remediate(report, inputs, (KEEPS_THREAT,), local=True)
    assert kept.fixes == ()
    assert kept.notifications[0].code == "fix-not-proven"


def test_exhausted_proof_budget_gives_no_patch_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    report, inputs = scan_with_inputs(tmp_path)
    done = attach_fixes(report, inputs, (DEBUG_OFF,), max_proofs=0)
    assert done.threats[0].fix is None or done.threats[0].fix.patch is None
    assert [n.code for n in done.notifications][-1] == "fix-budget-exhausted"
