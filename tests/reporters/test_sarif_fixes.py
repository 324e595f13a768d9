"""SARIF `fixes` from proven patches: the shape of each replacement (replace, insert, delete),
the file's newline kept, and no fix when a patch cannot be expressed or is not proven."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from report_samples import API, API_TEXT, GUARD_IMPORT, patched_report, write_project

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability, Fix
from threatdelta.pipeline import scan
from threatdelta.remediation.edits import apply_edits
from threatdelta.reporters.sarif import render_sarif
from threatdelta.reporters.sarif_fingerprints import (
    compute_line_hashes,
    line_hashes_for_repository,
    source_paths,
)
from threatdelta.reporters.sarif_fixes import file_shape, sarif_fixes
from threatdelta.reporters.sarif_json import to_json

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _fixes(fix: Fix, text: str, path: str = API) -> Any:
    shape = file_shape(path, text)
    assert shape is not None
    found = sarif_fixes(fix, {path: shape})
    return None if found is None else to_json(found)


def _fix(*edits: TextEdit) -> Fix:
    return Fix(summary="Guard it [now]", applicability=Applicability.SAFE, edits=edits)


def test_a_patched_threat_carries_one_fix_with_replacements_in_file_order(tmp_path: Path) -> None:
    write_project(tmp_path)
    report = patched_report()
    log = json.loads(render_sarif(report, line_hashes_for_repository(report, tmp_path)))
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results if "fixes" in r] == [report.threats[0].rule_id]
    (fix,) = results[0]["fixes"]
    assert fix["description"] == {"text": "Require a signed-in user on POST /users."}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": API, "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 4, "startColumn": 1, "endColumn": 1},
            "insertedContent": {"text": GUARD_IMPORT + "\n"},
        },
        {
            "deletedRegion": {"startLine": 7, "startColumn": 1, "endLine": 8, "endColumn": 1},
            "insertedContent": {"text": ""},
        },
        {
            "deletedRegion": {"startLine": 9, "startColumn": 1, "endColumn": 1},
            "insertedContent": {"text": "@login_required\n"},
        },
        {
            "deletedRegion": {"startLine": 11, "endLine": 11},
            "insertedContent": {"text": '    db = sqlite3.connect("app.db")  # x'},
        },
    ]


def test_a_crlf_file_gets_crlf_in_the_inserted_content() -> None:
    text = API_TEXT.replace("\n", "\r\n")
    fix = _fix(
        TextEdit(path=API, start=9, end=8, lines=("@a", "@b")),
        TextEdit(path=API, start=11, end=11, lines=("x", "y")),
    )
    (found,) = _fixes(fix, text)
    texts = [r["insertedContent"]["text"] for r in found["artifactChanges"][0]["replacements"]]
    assert texts == ["@a\r\n@b\r\n", "x\r\ny"]


def test_appending_to_a_file_with_a_trailing_newline_inserts_after_its_last_line() -> None:
    (found,) = _fixes(_fix(TextEdit(path=API, start=3, end=2, lines=("z",))), "a\nb\n")
    (replacement,) = found["artifactChanges"][0]["replacements"]
    assert replacement["deletedRegion"] == {"startLine": 3, "startColumn": 1, "endColumn": 1}


def test_appending_to_or_deleting_the_end_of_a_file_without_trailing_newline_gives_no_fix() -> None:
    assert _fixes(_fix(TextEdit(path=API, start=3, end=2, lines=("z",))), "a\nb") is None
    assert _fixes(_fix(TextEdit(path=API, start=2, end=2)), "a\nb") is None


def test_an_edit_outside_the_file_or_a_mixed_newline_file_gives_no_fix() -> None:
    assert _fixes(_fix(TextEdit(path=API, start=5, end=5, lines=("z",))), "a\nb\n") is None
    assert file_shape(API, "a\r\nb\n") is None


def test_a_fix_without_edits_or_without_the_files_shape_gives_no_fix() -> None:
    assert sarif_fixes(Fix(summary="s", applicability=Applicability.SAFE), {}) is None
    assert sarif_fixes(_fix(TextEdit(path=API, start=1, end=1, lines=("z",))), {}) is None


def test_the_patched_files_are_read_with_the_primary_ones() -> None:
    report = patched_report()
    moved = report.threats[0].model_copy(
        update={"fix": _fix(TextEdit(path="app/guards.py", start=1, end=0, lines=("x",)))}
    )
    report = report.model_copy(update={"threats": (moved, *report.threats[1:])})
    assert "app/guards.py" in source_paths(report)
    hashes = compute_line_hashes(report, {API: API_TEXT, "app/guards.py": "y = 1\r\n"})
    assert [(f.path, f.newline, f.line_count) for f in hashes.files] == [
        ("app/guards.py", "\r\n", 1)
    ]


def _offset(starts: list[int], ends: list[int], region: dict[str, int]) -> tuple[int, int]:
    """Character offsets of a SARIF text region (1-based lines and columns; a region without
    `endColumn` ends before the newline of its last line)."""
    start = starts[region["startLine"] - 1] + region.get("startColumn", 1) - 1
    end_line = region.get("endLine", region["startLine"])
    if "endColumn" in region:
        return start, starts[end_line - 1] + region["endColumn"] - 1
    return start, ends[end_line - 1]


def _apply_sarif(text: str, replacements: list[dict[str, Any]], newline: str) -> str:
    """`text` with SARIF replacements applied the way a SARIF consumer applies them."""
    starts, ends, at = [], [], 0
    for line in text.split(newline):
        starts.append(at)
        ends.append(at + len(line))
        at += len(line) + len(newline)
    spans = [(_offset(starts, ends, r["deletedRegion"]), r) for r in replacements]
    for (start, end), replacement in sorted(spans, key=lambda s: s[0], reverse=True):
        text = text[:start] + replacement["insertedContent"]["text"] + text[end:]
    return text


@pytest.mark.parametrize(
    "fixture",
    [
        "django-clinic",
        "express-shop",
        "flask-clinic",
        "go-inventory",
        "graphql-library",
        "k8s-compose-deploy",
        "multi-service",
        "nest-shop",
        "spring-bank",
        "terraform-stack",
    ],
)
def test_applying_the_sarif_fixes_of_a_fixture_gives_the_proven_patched_files(
    fixture: str,
) -> None:
    root = FIXTURES / fixture
    report = scan(root)
    log = json.loads(render_sarif(report, line_hashes_for_repository(report, root)))
    results = {r["properties"]["threatId"]: r for r in log["runs"][0]["results"]}
    patched = [t for t in report.threats if t.fix is not None and t.fix.edits]
    assert patched
    for threat in patched:
        assert threat.fix is not None
        for change in results[threat.id]["fixes"][0]["artifactChanges"]:
            path = unquote(change["artifactLocation"]["uri"])
            text = (root / path).read_bytes().decode("utf-8")
            edits = [e for e in threat.fix.edits if e.path == path]
            newline = "\r\n" if "\r\n" in text else "\n"
            expected = apply_edits(text, edits)
            assert _apply_sarif(text, change["replacements"], newline) == expected, threat.id


def test_applying_sarif_fixes_to_a_crlf_file_keeps_crlf() -> None:
    text = API_TEXT.replace("\n", "\r\n")
    edits = (
        TextEdit(path=API, start=1, end=0, lines=("# top",)),
        TextEdit(path=API, start=7, end=7),
        TextEdit(path=API, start=11, end=11, lines=("x", "y")),
        TextEdit(path=API, start=21, end=20, lines=("# end",)),
    )
    (found,) = _fixes(_fix(*edits), text)
    replacements = found["artifactChanges"][0]["replacements"]
    assert _apply_sarif(text, replacements, "\r\n") == apply_edits(text, edits)
