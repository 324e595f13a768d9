"""The command line: exit codes, formats, usage errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from threatdelta.cli.main import EXIT_OK, EXIT_THREATS, EXIT_USAGE, main
from threatdelta.rules.registry import RULES

VULNERABLE_FLASK = """\
from flask import Flask, request

app = Flask(__name__)


@app.route("/orders", methods=["POST"])
def create_order():
    return {"ok": True}, 201
"""


@pytest.fixture
def flask_repo(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(VULNERABLE_FLASK)
    return tmp_path


def test_scan_of_a_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", str(tmp_path / "missing")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "path does not exist" in err and "Traceback" not in err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--format", "pdf"]) == EXIT_USAGE
    assert "invalid choice" in capsys.readouterr().err


def test_scan_never_fails_by_default_even_with_threats(flask_repo: Path) -> None:
    assert (
        main(["scan", str(flask_repo), "--format", "json", "-o", str(flask_repo / "o.json")])
        == EXIT_OK
    )
    doc = json.loads((flask_repo / "o.json").read_text())
    assert any(t["rule_id"] == "TD-S001" for t in doc["threats"])


def test_fail_on_exits_1_exactly_when_a_threat_meets_the_threshold(flask_repo: Path) -> None:
    report = flask_repo / "o.json"
    main(["scan", str(flask_repo), "--format", "json", "-o", str(report)])
    ranks = {"low": 1, "medium": 2, "high": 3, "critical": 4}
    worst = max(ranks[t["severity"]] for t in json.loads(report.read_text())["threats"])
    for level, rank in ranks.items():
        expected = EXIT_THREATS if rank <= worst else EXIT_OK
        got = main(["scan", str(flask_repo), "--fail-on", level, "-o", str(flask_repo / "o")])
        assert got == expected, level


def test_fail_on_passes_a_clean_repository(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# nothing here\n")
    assert main(["scan", str(tmp_path), "--fail-on", "low", "-o", str(tmp_path / "o")]) == EXIT_OK


def test_rules_lists_every_rule_in_each_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed] == [r.SPEC.id for r in RULES]
    assert main(["rules", "--format", "markdown"]) == EXIT_OK
    markdown = capsys.readouterr().out
    assert all(f"## {r.SPEC.id} {r.SPEC.name}" in markdown for r in RULES)


def test_schema_is_a_json_schema_of_the_register(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == EXIT_OK
    schema = json.loads(capsys.readouterr().out)
    assert {"schema_version", "tool", "elements", "threats", "notifications"} <= set(
        schema["properties"]
    )


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "threatdelta", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("threatdelta ")
