"""Our SARIF passes the SARIF multitool's validator with the SARIF and GitHub Advanced Security
rules (`validate --rule-kind "Sarif;Ghas"`) without a single error-level result.

The multitool exits 0 whatever it finds, so the check reads its output (a SARIF log of
validation results) and fails on any result whose effective level is `error`, on any error
notification and on an unsuccessful execution. The binary comes from $SARIF_MULTITOOL or from
`.ci/tools/sarif-multitool.sh --no-install` (CI runs the script, which installs it, first). The
only way to skip is THREATDELTA_SKIP_MULTITOOL=1.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
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

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / ".ci" / "tools" / "sarif-multitool.sh"


def _binary() -> Path:
    configured = os.environ.get("SARIF_MULTITOOL")
    if configured:
        return Path(configured)
    found = subprocess.run(
        ["bash", str(SCRIPT), "--no-install"], capture_output=True, text=True, check=False
    )
    if found.returncode != 0:
        pytest.fail(
            "SARIF multitool not available: run `bash .ci/tools/sarif-multitool.sh` or set "
            "SARIF_MULTITOOL (THREATDELTA_SKIP_MULTITOOL=1 skips this check).\n" + found.stderr
        )
    return Path(found.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def multitool() -> Path:
    if os.environ.get("THREATDELTA_SKIP_MULTITOOL") == "1":
        pytest.skip("THREATDELTA_SKIP_MULTITOOL=1")
    binary = _binary()
    assert binary.is_file(), f"no SARIF multitool at {binary}"
    return binary


def _describe(result: dict[str, Any], rules: list[dict[str, Any]]) -> str:
    message = result.get("message", {})
    text = message.get("text")
    if text is None and "ruleIndex" in result:
        strings = rules[result["ruleIndex"]].get("messageStrings", {})
        text = strings.get(message.get("id"), {}).get("text", "")
        for i, arg in enumerate(message.get("arguments", [])):
            text = text.replace("{" + str(i) + "}", arg)
    return f"{result.get('ruleId')}: {text}"


def _effective_level(result: dict[str, Any], rules: list[dict[str, Any]]) -> str:
    if "level" in result:
        return str(result["level"])
    if "ruleIndex" in result:
        config = rules[result["ruleIndex"]].get("defaultConfiguration", {})
        return str(config.get("level", "warning"))
    return "warning"


def _validate(binary: Path, files: list[Path], out: Path) -> tuple[list[str], set[str]]:
    """Error descriptions, and the URIs of the files the validator reported anything on."""
    command = [str(binary), "validate", *map(str, files), "--rule-kind", "Sarif;Ghas"]
    command += ["--level", "Error;Warning;Note", "--output", str(out), "--log", "ForceOverwrite"]
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"}
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=600, check=False
    )
    assert out.is_file(), (
        f"multitool wrote no output ({done.returncode}): {done.stdout}{done.stderr}"
    )
    log = json.loads(out.read_text(encoding="utf-8-sig"))
    errors: list[str] = []
    seen: set[str] = set()
    for run in log["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        for invocation in run.get("invocations", []):
            if not invocation.get("executionSuccessful", False):
                errors.append("multitool execution was not successful")
            for note in invocation.get("toolExecutionNotifications", []):
                if note.get("level", "warning") == "error":
                    errors.append(f"notification: {note['message'].get('text')}")
        for result in run.get("results", []):
            for location in result.get("locations", []):
                seen.add(location["physicalLocation"]["artifactLocation"]["uri"])
            if _effective_level(result, rules) == "error":
                errors.append(_describe(result, rules))
    return errors, seen


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_our_sarif_has_no_multitool_error(multitool: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    write_project(project)
    report = sample_report()
    scanned_root = tmp_path / "scanned"
    scanned_root.mkdir()
    write_scan_project(scanned_root)
    scanned = scan(scanned_root)
    patched = patched_report()
    files = [
        _write(
            tmp_path / "sample.sarif",
            render_sarif(report, line_hashes_for_repository(report, project)),
        ),
        _write(tmp_path / "plain.sarif", render_sarif(report)),
        _write(
            tmp_path / "patched.sarif",
            render_sarif(patched, line_hashes_for_repository(patched, project)),
        ),
        _write(tmp_path / "empty.sarif", render_sarif(empty_report())),
        _write(
            tmp_path / "scanned.sarif",
            render_sarif(scanned, line_hashes_for_repository(scanned, scanned_root)),
        ),
    ]
    assert '"fixes"' in files[2].read_text(encoding="utf-8")
    errors, seen = _validate(multitool, files, tmp_path / "validation.sarif")
    assert errors == []
    for file in files:  # the validator did read every file (each gets at least a note)
        assert any(uri.endswith("/" + file.name) for uri in seen), file.name


def test_the_check_fails_on_sarif_github_would_reject(multitool: Path, tmp_path: Path) -> None:
    log = json.loads(render_sarif(sample_report()))
    run = log["runs"][0]
    del run["tool"]["driver"]["rules"][0]["help"]
    run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "/abs/x.py"
    bad = _write(tmp_path / "bad.sarif", json.dumps(log))
    errors, _ = _validate(multitool, [bad], tmp_path / "validation.sarif")
    assert any(e.startswith("GH") for e in errors)
    assert any(e.startswith("SARIF1004") for e in errors)
