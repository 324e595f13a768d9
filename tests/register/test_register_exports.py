"""`threatdelta export --format csv|json`: the register with each threat's status, for
trackers; spreadsheet formulas in any cell are neutralised."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from register_samples import CREATE, scanned, threat_id, write_register

from threatdelta.cli.main import main
from threatdelta.exporters.register_csv import neutralised

FORMULAS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralised(cell) == "'" + cell


def test_plain_cells_are_left_as_they_are() -> None:
    assert neutralised("th-0123456789ab") == "th-0123456789ab"
    assert neutralised("a=b") == "a=b"


def _triaged(tmp_path: Path) -> str:
    sqli = threat_id(scanned(tmp_path), "TD-T001", CREATE)
    write_register(
        tmp_path,
        f"decisions:\n  - target: {sqli}\n    status: accepted\n"
        "    justification: '=cmd|\" /C calc\"!A0'\n    owner: '@appsec'\n"
        "    ticket: '+SEC-1'\n    decided_by: '-Ada'\n    expires: 2099-12-31\n"
        "  - target: th-0123456789ab\n    status: mitigated\n    justification: gone\n",
    )
    return sqli


def test_csv_export_has_a_row_per_threat_with_status_and_no_live_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sqli = _triaged(tmp_path)
    assert main(["export", "--format", "csv", str(tmp_path)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(scanned(tmp_path).threats)
    row = next(r for r in rows if r["id"] == sqli)
    assert row["status"] == "accepted"
    assert row["justification"] == '\'=cmd|" /C calc"!A0'
    assert (row["owner"], row["ticket"], row["decided_by"]) == ("'@appsec", "'+SEC-1", "'-Ada")
    assert row["expires"] == "2099-12-31"
    assert {r["status"] for r in rows if r["id"] != sqli} == {"open"}
    for r in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in r.values())


def test_json_export_lists_statuses_and_orphans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sqli = _triaged(tmp_path)
    out = tmp_path / "register.json"
    assert main(["export", "--format", "json", str(tmp_path), "-o", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    statuses = {t["id"]: t["status"] for t in document["threats"]}
    assert statuses[sqli] == "accepted"
    assert [o["target"] for o in document["orphans"]] == ["th-0123456789ab"]
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(("fmt", "name"), [("otm", "m.otm.json"), ("threat-dragon", "td.json")])
def test_otm_and_threat_dragon_exports_carry_the_register_status(
    tmp_path: Path, fmt: str, name: str
) -> None:
    from threatdelta.pipeline import scan

    report = scanned(tmp_path / "repo")
    sqli = threat_id(report, "TD-T001", CREATE)
    write_register(
        tmp_path / "repo",
        f"decisions:\n  - target: {sqli}\n    status: false_positive\n    justification: ORM\n"
        "  - target: rule:TD-R001\n    status: mitigated\n    justification: gateway\n",
    )
    out = tmp_path / "exported" / name
    out.parent.mkdir()
    assert main(["export", "--format", fmt, str(tmp_path / "repo"), "-o", str(out)]) == 0
    imported = scan(out.parent).model.imported_threats
    by_title: dict[str, set[str]] = {}
    for threat in imported:
        by_title.setdefault(threat.title, set()).add(threat.status.value)
    sqli_title = next(f"{t.rule_id} {t.title}" for t in report.threats if t.id == sqli)
    audit_title = next(f"{t.rule_id} {t.title}" for t in report.threats if t.rule_id == "TD-R001")
    assert by_title[sqli_title] == {"not-applicable"}
    assert by_title[audit_title] == {"mitigated"}
    others = [s for title, s in by_title.items() if title not in (sqli_title, audit_title)]
    assert others and all(s == {"open"} for s in others)
