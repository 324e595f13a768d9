"""`threatdelta export`: through `main([...])`, a scanned repository written as OTM or
Threat Dragon v2, read back by a later scan of the exported file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from threatdelta.cli.main import main
from threatdelta.pipeline import scan

CLINIC = Path(__file__).resolve().parents[2] / "fixtures" / "flask-clinic"


@pytest.mark.parametrize(("fmt", "name"), [("otm", "model.otm.json"), ("threat-dragon", "td.json")])
def test_export_then_scan_of_the_export_gives_the_same_model(
    tmp_path: Path, fmt: str, name: str
) -> None:
    out = tmp_path / "exported" / name
    out.parent.mkdir()
    assert main(["export", "--format", fmt, str(CLINIC), "-o", str(out)]) == 0
    original = scan(CLINIC)
    again = scan(out.parent)
    assert {s.name for s in again.model.services} == {s.name for s in original.model.services}
    assert {d.key for d in again.model.datastores} == {d.key for d in original.model.datastores}
    assert {x.key for x in again.model.externals} == {x.key for x in original.model.externals}
    assert {b.key for b in again.model.boundaries} >= {b.key for b in original.model.boundaries}
    titles = {f"{t.rule_id} {t.title}" for t in original.threats}
    assert titles == {t.title for t in again.model.imported_threats}
    assert {t.status.value for t in again.model.imported_threats} == {"open"}
    assert {t.evidence[0].location.path for t in again.model.imported_threats} == {name}


def test_export_writes_to_stdout_with_the_given_title(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["export", "--format", "threat-dragon", "--title", "Clinic", str(CLINIC)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["title"] == "Clinic"
    assert document["detail"]["diagrams"][0]["cells"]


def test_export_keeps_imported_threat_status(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(CLINIC.parents[0] / "dfd-models" / "otm.yaml", repo / "threat-model.yaml")
    out = tmp_path / "out.json"
    assert main(["export", "--format", "otm", str(repo), "-o", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    states = {
        instance["state"]
        for holder in (*document["components"], *document["dataflows"])
        for instance in holder.get("threats", [])
    }
    assert states == {"MITIGATED", "EXPOSED", "ACCEPTED"}


def test_unknown_format_and_missing_folder_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "xml", str(tmp_path)]) == 2
    assert main(["export", "--format", "otm", str(tmp_path / "missing")]) == 2
    assert "not a folder" in capsys.readouterr().err
