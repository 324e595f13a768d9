"""Imported threats appear in the Markdown report and the JSON register as their own list,
and never count as findings for the gate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from threatdelta.cli.main import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "dfd-models"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "otm.yaml", tmp_path / "threat-model.yaml")
    return tmp_path


def test_markdown_lists_imported_threats_apart_from_rule_threats(repo: Path) -> None:
    out = repo / "report.md"
    assert main(["scan", str(repo), "--format", "markdown", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    findings, section = text.split("## Imported threats", 1)
    assert "Booking requests tampered" not in findings
    assert "| mitigated | T | medium | Booking requests tampered | `service:Portal` |" in section
    assert "| accepted | IT | low | Database traffic in plaintext |" in section
    assert "`threat-model.yaml:39` | otm |" in section


def test_json_register_carries_imported_threats_in_the_model(repo: Path) -> None:
    out = repo / "register.json"
    assert main(["scan", str(repo), "--format", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["threats"] == []
    imported = doc["model"]["imported_threats"]
    assert [(t["title"], t["status"]) for t in imported] == [
        ("Booking requests tampered", "mitigated"),
        ("Patient records exposed", "open"),
        ("Database traffic in plaintext", "accepted"),
    ]
    assert imported[1]["evidence"][0]["location"] == {
        "path": "threat-model.yaml",
        "start_line": 39,
        "end_line": 40,
    }


def test_open_imported_threats_do_not_fail_the_gate(tmp_path: Path) -> None:
    threat = {
        "title": "Anyone can book",
        "status": "Open",
        "severity": "High",
        "type": "Spoofing",
        "description": "",
        "mitigation": "",
    }
    cell = {
        "id": "p",
        "shape": "process",
        "zIndex": 1,
        "data": {"type": "tm.Process", "name": "Portal", "threats": [threat]},
    }
    doc = {
        "version": "2.2.0",
        "summary": {"title": "t"},
        "detail": {"diagrams": [{"id": 0, "cells": [cell]}]},
    }
    (tmp_path / "model.json").write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "register.json"
    assert (
        main(["scan", str(tmp_path), "--format", "json", "--fail-on", "low", "-o", str(out)]) == 0
    )
    register = json.loads(out.read_text(encoding="utf-8"))
    assert [t["status"] for t in register["model"]["imported_threats"]] == ["open"]
    assert register["threats"] == []
