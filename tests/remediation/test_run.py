"""Propose and prove through the real pipeline with test-only families: a proven patch is
attached as the threat's fix; a patch that breaks the syntax, keeps the threat or adds one is
dropped with a notification; a crashing family does not stop the run."""

from __future__ import annotations

from pathlib import Path

from toy_families import (
    ADDS_THREAT,
    APP,
    BREAKS_SYNTAX,
    DEBUG_OFF,
    KEEPS_THREAT,
    CrashingFamily,
)

from threatdelta.findings.threat import Applicability
from threatdelta.pipeline import scan, scan_with_inputs
from threatdelta.remediation.base import FixFamily
from threatdelta.remediation.run import Remediation, attach_fixes, remediate


def _remediate(tmp_path: Path, text: str, *families: FixFamily) -> Remediation:
    (tmp_path / "app.py").write_bytes(text.encode("utf-8"))
    report, inputs = scan_with_inputs(tmp_path)
    assert [t.rule_id for t in report.threats] == ["TD-I002"]
    return remediate(report, inputs, families)


def test_proven_patch_is_attached_as_a_unified_diff(tmp_path: Path) -> None:
    done = _remediate(tmp_path, APP, DEBUG_OFF)
    (threat,) = done.threats
    assert threat.fix is not None
    assert threat.fix.patch is not None
    assert threat.fix.patch.startswith("--- a/app.py\n+++ b/app.py\n@@ -9,4 +9,4 @@\n")
    assert "-    app.run(debug=True)\n+    app.run(debug=False)\n" in threat.fix.patch
    assert threat.fix.applicability is Applicability.SAFE
    assert threat.fix.family == "toy-debug-off"
    assert threat.fix.guidance == "Check no deployment relies on the debugger."
    assert threat.fix.edits == done.fixes[0].patch.edits
    assert threat.fix.summary  # the rule's own summary is kept
    assert done.fixes[0].patched["app.py"] == APP.replace("debug=True", "debug=False")


def test_first_proven_patch_wins_over_later_families(tmp_path: Path) -> None:
    done = _remediate(tmp_path, APP, BREAKS_SYNTAX, DEBUG_OFF)
    assert [f.patch.family for f in done.fixes] == ["toy-debug-off"]
    assert [n.code for n in done.notifications] == ["fix-not-proven"]


def test_patch_that_breaks_the_syntax_is_dropped(tmp_path: Path) -> None:
    done = _remediate(tmp_path, APP, BREAKS_SYNTAX)
    assert done.fixes == ()
    assert done.threats[0].fix is None or done.threats[0].fix.patch is None
    (note,) = done.notifications
    assert note.code == "fix-not-proven"
    assert "not valid Python" in note.message
    assert note.path == "app.py"


def test_patch_that_keeps_the_threat_is_dropped(tmp_path: Path) -> None:
    done = _remediate(tmp_path, APP, KEEPS_THREAT)
    assert done.fixes == ()
    assert "still yields TD-I002" in done.notifications[0].message


def test_patch_that_adds_a_threat_is_dropped(tmp_path: Path) -> None:
    done = _remediate(tmp_path, APP, ADDS_THREAT)
    assert done.fixes == ()
    assert "introduces" in done.notifications[0].message


def test_crashing_family_is_noted_and_the_next_one_runs(tmp_path: Path) -> None:
    done = _remediate(tmp_path, APP, CrashingFamily(), DEBUG_OFF)
    assert [n.code for n in done.notifications] == ["fix-family-crashed"]
    assert len(done.fixes) == 1


def test_attach_fixes_puts_patches_and_notes_on_the_report(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    report, inputs = scan_with_inputs(tmp_path)
    fixed = attach_fixes(report, inputs, (DEBUG_OFF,))
    assert fixed.threats[0].fix is not None
    assert fixed.threats[0].fix.patch
    assert attach_fixes(report, inputs, ()) == report


def test_scan_without_fixes_attaches_no_patch(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    report = scan(tmp_path, fixes=False)
    assert all(t.fix is None or t.fix.patch is None for t in report.threats)
