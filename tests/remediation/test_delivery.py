"""`fix` delivery with a test-only family: patches are written only inside the root, on
clean files (unless forced), when the file still holds the analysed text, with its own
newline and byte-order mark."""

from __future__ import annotations

from pathlib import Path

import pytest
from git_repo import commit_all
from toy_families import APP, DEBUG_OFF

from threatdelta.findings.threat import Applicability
from threatdelta.remediation.delivery import FixOptions, apply_fixes, plan
from threatdelta.remediation.workspace import Workspace

FIXED = APP.replace("debug=True", "debug=False")


def _repo(root: Path, text: str = APP) -> Path:
    (root / "app.py").write_bytes(text.encode("utf-8"))
    commit_all(root)
    return root / "app.py"


def test_plan_finds_the_proven_patch_and_names_unknown_ids(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    found = plan(tmp_path, FixOptions(ids=("th-000000000000",)), (DEBUG_OFF,))
    assert found.unknown == ("th-000000000000",)
    everything = plan(tmp_path, FixOptions(), (DEBUG_OFF,))
    assert [f.patch.family for f in everything.fixes] == ["toy-debug-off"]


def test_only_unsafe_skips_a_safe_patch_and_reports_it_unfixed(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    threat_id = plan(tmp_path, FixOptions(), (DEBUG_OFF,)).fixes[0].threat.id
    found = plan(tmp_path, FixOptions(ids=(threat_id,), only=Applicability.UNSAFE), (DEBUG_OFF,))
    assert found.fixes == ()
    assert [t.id for t in found.unfixed] == [threat_id]


def test_apply_writes_a_clean_committed_file(tmp_path: Path) -> None:
    app = _repo(tmp_path)
    outcome = apply_fixes(tmp_path, FixOptions(), (DEBUG_OFF,))
    assert [f.patch.family for f in outcome.applied] == ["toy-debug-off"]
    assert outcome.refused == []
    assert app.read_bytes() == FIXED.encode("utf-8")


def test_apply_refuses_a_dirty_file_unless_forced(tmp_path: Path) -> None:
    app = _repo(tmp_path)
    app.write_text(APP + "# local edit\n", encoding="utf-8")
    outcome = apply_fixes(tmp_path, FixOptions(), (DEBUG_OFF,))
    assert outcome.applied == []
    assert "uncommitted changes" in outcome.refused[0][1]
    forced = apply_fixes(tmp_path, FixOptions(force=True), (DEBUG_OFF,))
    assert len(forced.applied) == 1
    assert app.read_text(encoding="utf-8") == FIXED + "# local edit\n"


def test_apply_outside_git_writes_without_dirty_check(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    outcome = apply_fixes(tmp_path, FixOptions(), (DEBUG_OFF,))
    assert outcome.in_git is False
    assert len(outcome.applied) == 1


def test_apply_keeps_crlf_and_byte_order_mark(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + APP.replace("\n", "\r\n").encode("utf-8")
    (tmp_path / "app.py").write_bytes(data)
    outcome = apply_fixes(tmp_path, FixOptions(), (DEBUG_OFF,))
    assert len(outcome.applied) == 1
    expected = b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode("utf-8")
    assert (tmp_path / "app.py").read_bytes() == expected


def test_file_changed_since_the_analysis_is_not_written(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(APP, encoding="utf-8")
    (fix,) = plan(tmp_path, FixOptions(), (DEBUG_OFF,)).fixes
    app.write_text(APP + "x = 1\n", encoding="utf-8")  # edited after the scan
    with Workspace(tmp_path) as workspace:
        reason = workspace.write("app.py", fix.analysed["app.py"], fix.patched["app.py"])
    assert "changed since the analysis" in reason
    assert app.read_text(encoding="utf-8") == APP + "x = 1\n"


@pytest.mark.parametrize("path", ["../outside.py", "link/app.py", "escape.py"])
def test_paths_leaving_the_root_are_refused(tmp_path: Path, path: str) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "outside.py").write_text(APP, encoding="utf-8")
    (root / "link").symlink_to(outside, target_is_directory=True)
    (root / "escape.py").symlink_to(outside / "app.py")
    with Workspace(root) as workspace:
        assert isinstance(workspace.target(path), str)
        assert "outside the repository" in workspace.write(path, APP, FIXED)
    assert (outside / "app.py").read_text(encoding="utf-8") == APP
    assert (tmp_path / "outside.py").read_text(encoding="utf-8") == APP
