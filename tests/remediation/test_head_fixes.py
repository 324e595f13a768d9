"""`diff` attaches proven patches to the threats a change introduces (and to the same threats
in the head register), reading the head from git; `fixes=False` switches it off."""

from __future__ import annotations

import json
from pathlib import Path

from git_repo import git
from toy_families import APP

from threatdelta.cli.main import main
from threatdelta.pipeline import diff, scan, scan_with_inputs
from threatdelta.remediation.edits import apply_edits
from threatdelta.remediation.run import remediate

BASE = APP.replace("    app.run(debug=True)\n", "    app.run()\n")


def _change(root: Path) -> None:
    (root / "app.py").write_text(BASE, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "app.py")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")
    (root / "app.py").write_text(APP, encoding="utf-8")
    git(root, "commit", "-q", "-am", "debug on")


def test_introduced_threat_carries_a_proven_patch(tmp_path: Path) -> None:
    _change(tmp_path)
    delta = diff(tmp_path, "main", "pr")
    (threat,) = [t for t in delta.introduced if t.rule_id == "TD-I002"]
    assert threat.fix is not None
    assert threat.fix.patch is not None
    assert threat.fix.patch.startswith("--- a/app.py\n+++ b/app.py\n")
    assert delta.head_register is not None
    (same,) = [t for t in delta.head_register.threats if t.id == threat.id]
    assert same.fix == threat.fix
    (tmp_path / "app.py").write_text(apply_edits(APP, threat.fix.edits), encoding="utf-8")
    assert not [t for t in scan(tmp_path, fixes=False).threats if t.rule_id == "TD-I002"]


def test_diff_without_fixes_attaches_none(tmp_path: Path) -> None:
    _change(tmp_path)
    delta = diff(tmp_path, "main", "pr", use_cache=False, fixes=False)
    assert delta.introduced
    assert all(t.fix is None or t.fix.patch is None for t in delta.introduced)


def test_diff_command_no_fixes_flag_leaves_the_json_without_patches(tmp_path: Path) -> None:
    _change(tmp_path)
    out = tmp_path / "delta.json"
    assert (
        main(
            [
                "diff",
                str(tmp_path),
                "--base",
                "main",
                "--head",
                "pr",
                "--format",
                "json",
                "-o",
                str(out),
                "--no-fixes",
            ]
        )
        == 0
    )
    introduced = json.loads(out.read_text(encoding="utf-8"))["introduced"]
    assert introduced
    assert all(t["fix"] is None or t["fix"]["patch"] is None for t in introduced)
    assert (
        main(
            [
                "diff",
                str(tmp_path),
                "--base",
                "main",
                "--head",
                "pr",
                "--format",
                "json",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    patched = json.loads(out.read_text(encoding="utf-8"))["introduced"]
    assert any(t["fix"] and t["fix"]["patch"] for t in patched)


def test_a_diffs_patches_are_those_a_full_relink_of_the_head_proves(tmp_path: Path) -> None:
    _change(tmp_path)
    (tmp_path / "other.py").write_text("VALUE = 1\n", encoding="utf-8")
    git(tmp_path, "add", "other.py")
    git(tmp_path, "commit", "-q", "-m", "another file")
    delta = diff(tmp_path, "main", "pr")
    patched = {t.id: t.fix.edits for t in delta.introduced if t.fix and t.fix.patch}
    assert patched, "the change introduces a threat with a patch"
    report, inputs = scan_with_inputs(tmp_path)  # the head checkout, relinked in full
    full = remediate(report, inputs, local=False, select=set(patched))
    assert {f.threat.id: f.threat.fix.edits for f in full.fixes if f.threat.fix} == patched
