"""A proven patch shows in the terminal, Markdown and JSON register outputs."""

from __future__ import annotations

import json
from pathlib import Path

from toy_families import APP, DEBUG_OFF

from threatdelta.pipeline import scan_with_inputs
from threatdelta.remediation.run import attach_fixes
from threatdelta.report import ScanReport
from threatdelta.reporters.json_report import render_json
from threatdelta.reporters.markdown import render_markdown
from threatdelta.reporters.terminal import render_terminal


def _report(tmp_path: Path) -> ScanReport:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    report, inputs = scan_with_inputs(tmp_path)
    return attach_fixes(report, inputs, (DEBUG_OFF,))


def test_terminal_prints_the_patch(tmp_path: Path) -> None:
    text = render_terminal(_report(tmp_path), width=200)
    assert "(safe, toy-debug-off):" in text
    assert "+    app.run(debug=False)" in text


def test_markdown_puts_the_patch_in_a_diff_block(tmp_path: Path) -> None:
    text = render_markdown(_report(tmp_path))
    assert "```diff\n--- a/app.py\n+++ b/app.py\n" in text


def test_json_register_carries_patch_edits_and_family(tmp_path: Path) -> None:
    (threat,) = json.loads(render_json(_report(tmp_path)))["threats"]
    assert threat["fix"]["patch"].startswith("--- a/app.py")
    assert threat["fix"]["family"] == "toy-debug-off"
    assert threat["fix"]["applicability"] == "safe"
    assert threat["fix"]["edits"][0]["lines"] == ["    app.run(debug=False)"]
