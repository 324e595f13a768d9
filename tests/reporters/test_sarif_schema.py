"""Our SARIF validates against the official SARIF 2.1.0 JSON schema (OASIS, Errata 01,
vendored under `data/`), for a realistic report, an empty one and a full pipeline scan."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from report_samples import (
    empty_report,
    patched_report,
    sample_report,
    write_project,
    write_scan_project,
)

from threatdelta.pipeline import scan
from threatdelta.reporters.sarif import render_sarif
from threatdelta.reporters.sarif_fingerprints import line_hashes_for_repository

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
# RFC 3986 path-noscheme: what a relative URI under %SRCROOT% must look like. (The schema's
# "uri-reference" format is not checked by jsonschema without optional packages.)
_SEGMENT_NC = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-Fa-f]{2})+"
_SEGMENT = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*"
_RELATIVE_URI = re.compile(rf"{_SEGMENT_NC}(?:/{_SEGMENT})*")


@cache
def _validator() -> Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def _errors(log: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator().iter_errors(log)
    ]


def _uris(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("uri"), str):
            yield node["uri"]
        for value in node.values():
            yield from _uris(value)
    elif isinstance(node, list):
        for value in node:
            yield from _uris(value)


def _assert_valid(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    assert _errors(log) == []
    for uri in _uris(log):
        if uri != log.get("$schema"):
            assert _RELATIVE_URI.fullmatch(uri), f"not a relative URI: {uri!r}"
    return log


def test_schema_is_the_vendored_oasis_2_1_0_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert len(SCHEMA.read_text(encoding="utf-8")) == 112768


def test_validator_rejects_what_the_schema_forbids() -> None:
    log = json.loads(render_sarif(sample_report()))
    log["runs"][0]["results"][0]["level"] = "critical"
    del log["runs"][0]["results"][1]["message"]
    log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["enabled"] = "yes"
    assert len(_errors(log)) == 3


def test_sample_report_sarif_is_valid(tmp_path: Path) -> None:
    write_project(tmp_path)
    report = sample_report()
    log = _assert_valid(render_sarif(report, line_hashes_for_repository(report, tmp_path)))
    results = log["runs"][0]["results"]
    assert len(results) == len(report.threats)
    assert all("primaryLocationLineHash" in r["partialFingerprints"] for r in results)


def test_sarif_with_fixes_is_valid(tmp_path: Path) -> None:
    write_project(tmp_path)
    report = patched_report()
    log = _assert_valid(render_sarif(report, line_hashes_for_repository(report, tmp_path)))
    fixes = log["runs"][0]["results"][0]["fixes"]
    assert len(fixes[0]["artifactChanges"][0]["replacements"]) == 4


def test_sample_report_sarif_without_line_hashes_is_valid() -> None:
    _assert_valid(render_sarif(sample_report()))


def test_empty_report_sarif_is_valid() -> None:
    _assert_valid(render_sarif(empty_report()))


def test_sarif_of_a_pipeline_scan_is_valid(tmp_path: Path) -> None:
    write_scan_project(tmp_path)
    report = scan(tmp_path)
    log = _assert_valid(render_sarif(report, line_hashes_for_repository(report, tmp_path)))
    run = log["runs"][0]
    assert len(run.get("results", [])) == len(report.threats)
    assert all("primaryLocationLineHash" in r["partialFingerprints"] for r in run["results"])
    notes = run["invocations"][0].get("toolExecutionNotifications", [])
    assert len(notes) == len(report.notifications) > 0


@pytest.mark.parametrize(
    "path",
    ["a b.py", "weird:name.py", "dir/[x]#y?.py", "ünïcödé/файл.py", "100%.py", "-dash/~tilde.py"],
)
def test_hostile_file_names_give_valid_uris(path: str) -> None:
    report = sample_report()
    threat = report.threats[0]
    moved = threat.evidence[0].model_copy(
        update={"location": threat.evidence[0].location.model_copy(update={"path": path})}
    )
    changed = threat.model_copy(update={"evidence": (moved, *threat.evidence[1:])})
    report = report.model_copy(update={"threats": (changed,)})
    _assert_valid(render_sarif(report))


def test_sarif_of_a_fixture_with_proven_patches_is_valid() -> None:
    root = Path(__file__).resolve().parents[2] / "fixtures" / "flask-clinic"
    report = scan(root)
    log = _assert_valid(render_sarif(report, line_hashes_for_repository(report, root)))
    assert sum("fixes" in r for r in log["runs"][0]["results"]) > 0
