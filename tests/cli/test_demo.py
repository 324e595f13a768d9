"""`threatdelta demo`: the README's main job, offline and without a key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from threatdelta.cli.main import EXIT_OK, EXIT_USAGE, main

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "demo-pr"


def test_demo_reports_the_new_unauthenticated_endpoint_and_the_changed_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--fixture", str(FIXTURE), "--format", "json"]) == EXIT_OK
    doc = json.loads(capsys.readouterr().out)
    assert doc["relevant"] is True and doc["complete"] is True
    introduced = {(t["rule_id"], t["element"]) for t in doc["introduced"]}
    new = "endpoint:POST /api/customers/import"
    assert {("TD-S001", new), ("TD-D004", new)} <= introduced
    assert doc["resolved"] == []
    changes = {a["key"]: a["change"] for a in doc["affected"]}
    assert changes[new] == "added"
    assert changes["datastore:sql:customers"] == "modified"
    assert changes["endpoint:GET /api/customers/{customer_id}"] == "dependent"


def test_demo_prints_a_markdown_pr_summary_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--fixture", str(FIXTURE)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("**threatdelta: this change introduces")
    assert "```mermaid" in out


def test_demo_without_a_fixture_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--fixture", str(tmp_path)]) == EXIT_USAGE
    assert "base/ and pr/" in capsys.readouterr().err
