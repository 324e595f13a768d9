"""The `diff --format json` document: the fields the issue names, threats in the register's
shape, head-register counts instead of the whole register, valid against its own JSON Schema;
and the diff format registry."""

from __future__ import annotations

import json

import jsonschema
from delta_samples import delta_report, quiet_report

from threatdelta.diff.delta import DELTA_SCHEMA_VERSION
from threatdelta.reporters.delta_json import DeltaDocument, render_delta_json
from threatdelta.reporters.delta_registry import DIFF_FORMATS
from threatdelta.reporters.register_format import ThreatOut

_REQUIRED = {
    "schema_version",
    "tool",
    "verdict",
    "base",
    "head",
    "base_commit",
    "head_commit",
    "merge_base",
    "relevant",
    "complete",
    "changed_files",
    "affected",
    "counts",
    "introduced",
    "resolved",
    "persisting",
    "notifications",
    "head_register",
}


def _doc(**update: object) -> dict[str, object]:
    loaded = json.loads(render_delta_json(delta_report(**update)))
    assert isinstance(loaded, dict)
    return loaded


def test_document_has_the_required_fields_and_identity() -> None:
    doc = _doc()
    assert set(doc) == _REQUIRED
    assert doc["schema_version"] == DELTA_SCHEMA_VERSION
    assert (doc["base"], doc["head"]) == ("main", "feature/`x`")
    assert (doc["base_commit"], doc["head_commit"], doc["merge_base"]) == (
        "a" * 40,
        "b" * 40,
        "c" * 40,
    )
    assert doc["relevant"] is True
    assert doc["complete"] is True
    assert doc["tool"] == {"name": "threatdelta", "version": delta_report().tool.version}


def test_affected_elements_carry_kind_change_reason_and_evidence() -> None:
    affected = _doc()["affected"]
    assert isinstance(affected, list)
    assert affected[0] == {
        "key": "endpoint:POST /users",
        "kind": "endpoint",
        "change": "added",
        "reason": "New endpoint POST /users in app/api.py.",
        "evidence": [{"path": "app/api.py", "start_line": 8, "end_line": 13, "role": "primary"}],
    }
    assert [a["change"] for a in affected] == ["added", "dependent", "removed"]


def test_threats_have_the_register_shape() -> None:
    report = delta_report()
    doc = _doc()
    for name in ("introduced", "resolved", "persisting"):
        expected = [json.loads(ThreatOut.of(t).model_dump_json()) for t in getattr(report, name)]
        assert doc[name] == expected
    assert doc["counts"] == {
        "introduced": {"total": 3, "critical": 1, "high": 1, "medium": 0, "low": 1},
        "resolved": {"total": 1, "critical": 1, "high": 0, "medium": 0, "low": 0},
        "persisting": {"total": 1, "critical": 0, "high": 1, "medium": 0, "low": 0},
    }


def test_head_register_is_counted_not_dumped() -> None:
    report = delta_report()
    register = report.head_register
    assert register is not None
    doc = _doc()
    head = doc["head_register"]
    assert isinstance(head, dict)
    assert head["threats"]["total"] == len(register.threats)
    assert head["elements"] == sum(1 for _ in register.model.elements())
    text = render_delta_json(report)
    assert '"model"' not in text
    assert '"endpoints"' not in text


def test_changed_files_and_notifications_are_listed() -> None:
    doc = _doc()
    assert doc["changed_files"] == [
        {
            "path": "app/api.py",
            "old_path": None,
            "status": "modified",
            "analysed": True,
            "note": "",
        },
        {
            "path": "README.md",
            "old_path": None,
            "status": "modified",
            "analysed": False,
            "note": "not modelled",
        },
    ]
    notes = doc["notifications"]
    assert isinstance(notes, list)
    assert notes[0]["code"] == "file-too-large"


def test_quiet_change_has_null_head_register_and_no_threats() -> None:
    doc = json.loads(render_delta_json(quiet_report()))
    assert doc["relevant"] is False
    assert doc["head_register"] is None
    assert doc["introduced"] == doc["resolved"] == doc["affected"] == []
    assert doc["verdict"] == "threatdelta: no architecture-relevant change"


def test_incomplete_document_says_so_in_flag_and_verdict() -> None:
    doc = _doc(complete=False)
    assert doc["complete"] is False
    verdict = doc["verdict"]
    assert isinstance(verdict, str)
    assert verdict.startswith("threatdelta: INCOMPLETE analysis")


def test_documents_validate_against_the_published_schema_and_round_trip() -> None:
    schema = DeltaDocument.model_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for report in (delta_report(), quiet_report(complete=False)):
        text = render_delta_json(report)
        jsonschema.validate(json.loads(text), schema)
        assert DeltaDocument.model_validate_json(text).model_dump_json(indent=2) + "\n" == text


def test_registry_offers_text_markdown_and_json_renderers() -> None:
    assert set(DIFF_FORMATS) == {"text", "markdown", "json"}
    report = delta_report()
    assert DIFF_FORMATS["json"](report) == render_delta_json(report)
    for render in DIFF_FORMATS.values():
        assert "introduces 3 threats" in render(report)
