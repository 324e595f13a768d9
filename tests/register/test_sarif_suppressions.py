"""Suppressed threats in SARIF: one external, accepted suppression with the justification,
the register status in the properties; valid for the SARIF 2.1.0 JSON schema and for the
SARIF multitool's validator (SARIF and GitHub rules)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from register_samples import (
    CREATE,
    CUSTOM_THREAT_YAML,
    scanned,
    threat_id,
    write_app,
    write_register,
)

from threatdelta.pipeline import scan
from threatdelta.reporters.sarif import render_sarif
from threatdelta.reporters.sarif_fingerprints import line_hashes_for_repository

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "tests" / "reporters" / "data" / "sarif-schema-2.1.0.json"
SCRIPT = REPO / ".ci" / "tools" / "sarif-multitool.sh"


def _triaged_sarif(root: Path) -> tuple[str, dict[str, str]]:
    plain = scanned(root)
    ids = {
        "accepted": threat_id(plain, "TD-T001", CREATE),
        "false_positive": threat_id(plain, "TD-S001", CREATE),
    }
    write_register(
        root,
        "decisions:\n"
        f"  - target: {ids['accepted']}\n    status: accepted\n"
        "    justification: 'internal [admin] tool; see <SEC-12> & \"notes\"'\n"
        "    decided_by: Ada\n    owner: appsec\n    ticket: SEC-12\n    expires: 2099-01-01\n"
        f"  - target: {ids['false_positive']}\n    status: false_positive\n"
        "    justification: the SSO proxy authenticates every route\n"
        "  - target: rule:TD-D004\n    status: in_progress\n    justification: JIRA-7\n"
        + CUSTOM_THREAT_YAML,
    )
    report = scan(root)
    return render_sarif(report, line_hashes_for_repository(report, root)), ids


def _results(text: str) -> dict[str, dict[str, Any]]:
    log = json.loads(text)
    return {r["properties"]["threatId"]: r for r in log["runs"][0]["results"]}


def test_suppressed_threats_carry_an_external_accepted_suppression(tmp_path: Path) -> None:
    text, ids = _triaged_sarif(tmp_path)
    results = _results(text)
    accepted = results[ids["accepted"]]
    assert accepted["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": 'internal [admin] tool; see <SEC-12> & "notes"',
            "properties": {"triageStatus": "accepted"},
        }
    ]
    assert accepted["properties"]["decidedBy"] == "Ada"
    assert accepted["properties"]["expires"] == "2099-01-01"
    fp = results[ids["false_positive"]]
    assert fp["suppressions"][0]["properties"]["triageStatus"] == "false_positive"
    in_progress = [r for r in results.values() if r["ruleId"] == "TD-D004"]
    assert in_progress and all("suppressions" not in r for r in in_progress)
    assert {r["properties"]["triageStatus"] for r in in_progress} == {"in_progress"}


def test_triaged_sarif_is_valid_for_the_sarif_schema(tmp_path: Path) -> None:
    text, _ = _triaged_sarif(tmp_path)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(json.loads(text))
    ]
    assert errors == []


def _multitool() -> Path:
    if os.environ.get("THREATDELTA_SKIP_MULTITOOL") == "1":
        pytest.skip("THREATDELTA_SKIP_MULTITOOL=1")
    configured = os.environ.get("SARIF_MULTITOOL")
    if configured:
        return Path(configured)
    found = subprocess.run(
        ["bash", str(SCRIPT), "--no-install"], capture_output=True, text=True, check=False
    )
    if found.returncode != 0:
        pytest.fail("SARIF multitool not available: run `bash .ci/tools/sarif-multitool.sh`")
    return Path(found.stdout.strip().splitlines()[-1])


def test_triaged_sarif_has_no_multitool_error(tmp_path: Path) -> None:
    binary = _multitool()
    root = tmp_path / "repo"
    text, _ = _triaged_sarif(write_app(root))
    sarif = tmp_path / "triaged.sarif"
    sarif.write_text(text, encoding="utf-8")
    out = tmp_path / "validation.sarif"
    command = [str(binary), "validate", str(sarif), "--rule-kind", "Sarif;Ghas"]
    command += ["--level", "Error;Warning;Note", "--output", str(out), "--log", "ForceOverwrite"]
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"}
    subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=False)
    log = json.loads(out.read_text(encoding="utf-8-sig"))
    errors = []
    for run in log["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        for invocation in run.get("invocations", []):
            assert invocation.get("executionSuccessful", False)
        for result in run.get("results", []):
            level = result.get("level") or (
                rules[result["ruleIndex"]].get("defaultConfiguration", {}).get("level", "warning")
                if "ruleIndex" in result
                else "warning"
            )
            if level == "error":
                errors.append(f"{result.get('ruleId')}: {result.get('message')}")
    assert errors == []
