"""`threatdelta fix` on the command line: usage errors exit 2, unknown ids and missing
patches exit 1 with a message naming them."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatdelta.cli.main import main

APP = "from flask import Flask\n\napp = Flask(__name__)\n"


def test_unknown_threat_id_exits_1_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    assert main(["fix", "th-0123456789ab", str(tmp_path)]) == 1
    assert "unknown threat id th-0123456789ab" in capsys.readouterr().err


def test_unknown_threat_id_with_apply_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    assert main(["fix", "--apply", "th-0123456789ab", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "unknown threat id th-0123456789ab" in err
    assert "not a git repository" in err
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP


def test_two_folders_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["fix", str(tmp_path), str(tmp_path)]) == 2


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["fix", str(tmp_path / "nope")]) == 2


def test_bad_only_value_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["fix", "--only", "display-only", str(tmp_path)]) == 2


def test_nothing_to_fix_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    assert main(["fix", str(tmp_path)]) == 0
    assert "0 proven patch(es)" in capsys.readouterr().err
