"""Proven patches on a pull request, end to end: `threatdelta ci` on the demo pull request (a
real git repository, the registered fix families, the fake GitHub server). The diff gives the
introduced threats their proven patches; each patch that is one insertion next to the
threat's changed lines is posted as a suggestion block GitHub would commit as the patched
lines, the summary marks the patched threats with the apply command, and the SARIF results
carry the same patches as fixes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from ci_env import PR_NUMBER, actions_env, pull_request_event
from ci_repo import build_pr_repository, pull_files
from fake_github import FakeGitHub

from threatdelta.github.ci import run_ci
from threatdelta.github.markers import marked_threat


@pytest.fixture(autouse=True)
def _no_system_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def _patched_results(sarif: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """threat id -> SARIF result, for the results that carry a fix."""
    results = sarif["runs"][0]["results"]
    return {r["properties"]["threatId"]: r for r in results if "fixes" in r}


def _expected_suggestion(replacement: dict[str, Any], head_lines: list[str]) -> str:
    """The suggestion one insertion becomes: the inserted lines, then the line before which
    they go (the line the comment is on)."""
    region = replacement["deletedRegion"]
    inserted = replacement["insertedContent"]["text"].rstrip("\n").split("\n")
    return "\n".join(["```suggestion", *inserted, head_lines[region["startLine"] - 1], "```"])


def test_a_pull_request_run_posts_proven_patches_as_suggestions(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    job = tmp_path / "job"
    job.mkdir()
    pr = build_pr_repository(tmp_path / "workspace")
    fake_github.add_pull(
        PR_NUMBER, head_sha=pr.head_sha, base_sha=pr.base_sha, files=pull_files(pr)
    )
    inputs = {"github-token": "ghs_e2e", "sarif": "file", "max-inline-comments": "10"}
    event = pull_request_event(job, pr)
    env = actions_env(job, pr.path, event, sha=pr.head_sha, api_url=fake_github.url, inputs=inputs)
    run_ci(env, io.StringIO())

    sarif = json.loads((pr.path / "threatdelta.sarif").read_text(encoding="utf-8"))
    patched = _patched_results(sarif)
    assert patched, "the registered families patch a threat the demo change introduces"
    comments = {marked_threat(c["body"]): c for c in fake_github.review_comments(PR_NUMBER)}
    suggested = 0
    for threat_id, result in patched.items():
        [change] = result["fixes"][0]["artifactChanges"]
        comment = comments[threat_id]
        if len(change["replacements"]) != 1:
            assert "diff\n" in comment["body"]
            continue
        [replacement] = change["replacements"]
        path = change["artifactLocation"]["uri"]
        head_lines = (pr.path / path).read_text(encoding="utf-8").splitlines()
        assert replacement["deletedRegion"].get("endColumn") == 1  # an insertion
        assert (comment["path"], comment["line"]) == (
            path,
            replacement["deletedRegion"]["startLine"],
        )
        assert _expected_suggestion(replacement, head_lines) in comment["body"]
        suggested += 1
    assert suggested >= 1
    [summary] = fake_github.issue_comments(PR_NUMBER)
    assert "fix available: safe" in summary["body"]
    for threat_id in patched:
        assert f"`threatdelta fix {threat_id} --apply`" in summary["body"]
