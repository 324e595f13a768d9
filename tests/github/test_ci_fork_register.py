"""`threatdelta ci` on pull requests that edit `.threatdelta/register.yaml`: a fork's
decisions are not applied to its own gate (the base commit's are), a same-repository pull
request's are. The demo pull request introduces one high threat (th-463ca8d2bad0, the gate's
only failure at the default `fail-on: high`), one medium and one low."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from ci_env import (
    EVENTS,
    PR_NUMBER,
    actions_env,
    pull_request_event,
    read_outputs,
    read_summary,
)
from ci_repo import PrRepository, build_pr_repository, pull_files
from fake_github import FakeGitHub

from threatdelta.github.ci import run_ci

REGISTER = ".threatdelta/register.yaml"
HIGH = "th-463ca8d2bad0"
NOT_APPLIED = "## Triage decisions not applied (pull request from a fork)"
CHANGED = "## Triage decisions changed by this PR"


@pytest.fixture(autouse=True)
def _no_system_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def job(tmp_path: Path) -> Path:
    folder = tmp_path / "job"
    folder.mkdir()
    return folder


def _register(status: str | None, by: str = "Security Lead") -> str:
    if status is None:
        return "version: 1\ndecisions: []\n"
    why = "" if status == "open" else "    justification: only reachable from the office VPN\n"
    return (
        f"version: 1\ndecisions:\n  - target: {HIGH}\n    status: {status}\n{why}"
        f"    decided_by: {by}\n"
    )


def _fork_event(where: Path, pr: PrRepository) -> Path:
    """The fork fixture (head in mallory/octo-repo) naming this repository's commits."""
    event = json.loads((EVENTS / "pull_request_synchronize_fork.json").read_text("utf-8"))
    event["pull_request"]["base"]["sha"] = pr.base_sha
    event["pull_request"]["head"]["sha"] = pr.head_sha
    event["pull_request"]["number"] = PR_NUMBER
    path = where / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def _run(job: Path, pr: PrRepository, event: Path, **kw: object) -> tuple[int, str]:
    env = actions_env(job, pr.path, event, sha=pr.head_sha, **kw)  # type: ignore[arg-type]
    return run_ci(env, io.StringIO()), read_summary(job)


def _pr(tmp_path: Path, base: str | None, head: str | None) -> PrRepository:
    return build_pr_repository(
        tmp_path / "workspace",
        base_files={REGISTER: base} if base is not None else None,
        head_files={REGISTER: head} if head is not None else None,
    )


def test_a_fork_accepting_its_own_threat_still_fails_and_is_told_why(
    tmp_path: Path, job: Path, fake_github: FakeGitHub
) -> None:
    pr = _pr(tmp_path, None, _register("accepted"))
    fake_github.add_pull(
        PR_NUMBER, head_sha=pr.head_sha, base_sha=pr.base_sha, files=pull_files(pr)
    )
    code, summary = _run(
        job,
        pr,
        _fork_event(job, pr),
        api_url=fake_github.url,
        inputs={"github-token": "ghs_fork"},
    )
    assert code == 1
    assert read_outputs(job)["gate"] == "fail"
    assert "**Gate: FAIL**" in summary
    refused = summary.split(NOT_APPLIED, 1)[1]
    assert "this pull request comes from a fork" in refused
    assert f"`{HIGH}`: **accepted**" in refused
    assert "decided by Security Lead" in refused
    assert CHANGED not in summary
    assert "## Suppressed threats" not in summary
    checks = fake_github.check_runs()
    assert all(c["conclusion"] != "success" for c in checks)


@pytest.mark.parametrize(
    ("base", "head", "code"),
    [
        ("in_progress", "false_positive", 1),  # softer: would suppress it; base keeps it counted
        ("accepted", "open", 0),  # harder: not applied either; the base acceptance stands
        ("accepted", None, 0),  # removed: the base acceptance still applies
    ],
)
def test_a_forks_change_to_a_base_decision_is_not_applied(
    tmp_path: Path, job: Path, base: str, head: str | None, code: int
) -> None:
    pr = _pr(tmp_path, _register(base), _register(head))
    got, summary = _run(job, pr, _fork_event(job, pr))
    assert got == code
    refused = summary.split(NOT_APPLIED, 1)[1]
    if head is None:
        assert f"`{HIGH}`: decision removed (was **{base}**" in refused
    else:
        assert f"(was **{base}**)" in refused
    assert CHANGED not in summary


def test_a_same_repository_pull_request_accepting_a_threat_passes(
    tmp_path: Path, job: Path
) -> None:
    pr = _pr(tmp_path, None, _register("accepted"))
    code, summary = _run(job, pr, pull_request_event(job, pr))
    assert code == 0
    assert read_outputs(job)["gate"] == "pass"
    assert f"`{HIGH}`: **accepted**" in summary.split(CHANGED, 1)[1]
    assert NOT_APPLIED not in summary
