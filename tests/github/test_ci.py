"""`threatdelta ci` in-process: a real git repository built from fixtures/demo-pr, a real
event file, the runner's variables, and (for publishing) the fake GitHub server. The demo
pull request introduces one high, one medium and one low threat."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import git
import pytest
from ci_env import (
    PR_NUMBER,
    actions_env,
    pull_request_event,
    push_event,
    read_outputs,
    read_summary,
)
from ci_repo import PrRepository, build_pr_repository, pull_files
from fake_github import FakeGitHub

from threatdelta.cli.main import main
from threatdelta.errors import ConfigError, UsageError
from threatdelta.github.ci import exit_code, run_ci
from threatdelta.github.gate import Conclusion, Gate, GateVerdict

CONFIG = ".threatdelta/config.yml"


@pytest.fixture(autouse=True)
def _no_system_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def job(tmp_path: Path) -> Path:
    folder = tmp_path / "job"
    folder.mkdir()
    return folder


def _pr(tmp_path: Path, **kw: object) -> PrRepository:
    return build_pr_repository(tmp_path / "workspace", **kw)  # type: ignore[arg-type]


def _run(env: dict[str, str]) -> tuple[int, str]:
    log = io.StringIO()
    return run_ci(env, log), log.getvalue()


@pytest.mark.parametrize(
    ("verdict", "conclusion", "code"),
    [
        (GateVerdict.PASS, Conclusion.SUCCESS, 0),
        (GateVerdict.FAIL, Conclusion.FAILURE, 1),
        (GateVerdict.FAIL, Conclusion.NEUTRAL, 0),  # soft-fail
        (GateVerdict.INCOMPLETE, Conclusion.FAILURE, 1),
        (GateVerdict.INCOMPLETE, Conclusion.NEUTRAL, 0),
    ],
)
def test_the_exit_code_follows_the_gate_conclusion(
    verdict: GateVerdict, conclusion: Conclusion, code: int
) -> None:
    assert exit_code(Gate(verdict=verdict, conclusion=conclusion, reason="r")) == code


def test_a_pull_request_without_a_token_fails_the_gate_and_falls_back_to_annotations(
    tmp_path: Path, job: Path
) -> None:
    pr = _pr(tmp_path)
    env = actions_env(job, pr.path, pull_request_event(job, pr), sha=pr.head_sha)
    code, log = _run(env)
    assert code == 1
    outputs = read_outputs(job)
    assert outputs["gate"] == "fail"
    assert (outputs["introduced"], outputs["resolved"]) == ("3", "0")
    assert int(outputs["threats-total"]) >= 3
    assert outputs["sarif-file"] == "threatdelta.sarif"
    assert outputs["summary-comment-url"] == ""
    sarif = json.loads((pr.path / "threatdelta.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["automationDetails"]["id"] == "threatdelta/"
    assert len(sarif["runs"][0]["results"]) == int(outputs["threats-total"])
    errors = [line for line in log.splitlines() if line.startswith("::error ")]
    warnings = [line for line in log.splitlines() if line.startswith("::warning ")]
    assert len(errors) == 1  # the high threat fails the gate
    assert "file=shop/routes/customers.py,line=" in errors[0]
    assert len(warnings) == 2  # medium and low
    summary = read_summary(job)
    assert "**Gate: FAIL**" in summary
    assert "no-github-token" in summary
    assert "introduces 3 threats" in summary


def _fenced(log: str) -> list[str]:
    """The text between each `::stop-commands::<token>` and its `::<token>::`."""
    return [
        m.group(2) for m in re.finditer(r"^::stop-commands::(\w+)\n(.*?)^::\1::$", log, re.M | re.S)
    ]


def test_untrusted_text_in_the_log_is_fenced_by_stop_commands(tmp_path: Path, job: Path) -> None:
    pr = _pr(tmp_path)
    _, log = _run(actions_env(job, pr.path, pull_request_event(job, pr), sha=pr.head_sha))
    fenced = _fenced(log)
    assert any("at or above high" in text for text in fenced)  # the gate reason
    outside = re.sub(r"^::stop-commands::(\w+)\n.*?^::\1::$", "", log, flags=re.M | re.S)
    assert "at or above high" not in outside


def test_the_base_settings_file_overrides_the_input_and_the_heads_edit_is_ignored(
    tmp_path: Path, job: Path
) -> None:
    pr = _pr(
        tmp_path,
        base_files={CONFIG: "fail-on: critical\n"},
        head_files={CONFIG: "fail-on: low\nsoft-fail: false\n"},
    )
    env = actions_env(
        job, pr.path, pull_request_event(job, pr), inputs={"fail-on": "low"}, sha=pr.head_sha
    )
    code, _ = _run(env)
    assert code == 0
    assert read_outputs(job)["gate"] == "pass"
    summary = read_summary(job)
    assert "fail-on `critical`" in summary
    assert "from the settings file of the base commit: fail-on" in summary


def test_a_pull_request_cannot_plant_its_own_settings_file(tmp_path: Path, job: Path) -> None:
    pr = _pr(tmp_path, head_files={CONFIG: "fail-on: none\n"})
    code, _ = _run(actions_env(job, pr.path, pull_request_event(job, pr), sha=pr.head_sha))
    assert code == 1
    assert read_outputs(job)["gate"] == "fail"


def test_soft_fail_reports_the_failing_gate_but_exits_zero(tmp_path: Path, job: Path) -> None:
    pr = _pr(tmp_path)
    env = actions_env(
        job, pr.path, pull_request_event(job, pr), inputs={"soft-fail": "true"}, sha=pr.head_sha
    )
    code, _ = _run(env)
    assert code == 0
    assert read_outputs(job)["gate"] == "fail"


def test_a_change_with_no_architecture_relevance_passes(tmp_path: Path, job: Path) -> None:
    pr = _pr(tmp_path, with_change=False, head_files={"docs/notes.md": "# notes\n"})
    code, log = _run(actions_env(job, pr.path, pull_request_event(job, pr), sha=pr.head_sha))
    assert code == 0
    outputs = read_outputs(job)
    assert (outputs["gate"], outputs["introduced"]) == ("pass", "0")
    assert "::error" not in log
    assert "No architecture-relevant change." in read_summary(job)


def test_a_cache_tracked_by_the_pull_request_is_not_used(tmp_path: Path, job: Path) -> None:
    pr = _pr(tmp_path, head_files={".threatdelta/cache/planted.json": "{}"})
    code, _ = _run(actions_env(job, pr.path, pull_request_event(job, pr), sha=pr.head_sha))
    assert code == 1
    assert "cache-tracked-in-git" in read_summary(job)


def test_the_cache_is_written_into_the_workspace_folder(tmp_path: Path, job: Path) -> None:
    pr = _pr(tmp_path)
    _run(actions_env(job, pr.path, pull_request_event(job, pr), sha=pr.head_sha))
    assert any((pr.path / ".threatdelta" / "cache").rglob("*"))


def test_sarif_off_writes_no_file_and_an_empty_output(tmp_path: Path, job: Path) -> None:
    pr = _pr(tmp_path)
    env = actions_env(job, pr.path, pull_request_event(job, pr), inputs={"sarif": "off"})
    _run(env)
    assert read_outputs(job)["sarif-file"] == ""
    assert not (pr.path / "threatdelta.sarif").exists()


def test_a_push_to_the_default_branch_scans_the_commit_and_warms_the_cache(
    tmp_path: Path, job: Path
) -> None:
    pr = _pr(tmp_path)
    repo = git.Repo(pr.path)
    repo.git.checkout("--quiet", "main")
    repo.git.merge("--quiet", "--ff-only", "bulk-import")
    repo.close()
    env = actions_env(
        job, pr.path, push_event(job, pr.head_sha), event_name="push", sha=pr.head_sha
    )
    code, _ = _run({**env, "GITHUB_REF": "refs/heads/main"})
    outputs = read_outputs(job)
    assert (outputs["introduced"], outputs["resolved"]) == ("0", "0")
    assert int(outputs["threats-total"]) >= 3
    assert outputs["gate"] == "fail"
    assert code == 1
    assert any((pr.path / ".threatdelta" / "cache").rglob("*"))


def test_an_event_that_is_not_analysed_succeeds_with_a_note(tmp_path: Path, job: Path) -> None:
    pr = _pr(tmp_path)
    event = pull_request_event(job, pr, action="closed")
    code, log = _run(actions_env(job, pr.path, event))
    assert code == 0
    assert read_outputs(job)["gate"] == "pass"
    assert "Nothing to analyse" in read_summary(job)
    assert "'closed'" in log


def test_a_bad_input_is_a_config_error(tmp_path: Path, job: Path) -> None:
    pr = _pr(tmp_path)
    env = actions_env(job, pr.path, pull_request_event(job, pr), inputs={"fail-on": "severe"})
    with pytest.raises(ConfigError, match="input fail-on"):
        _run(env)


def test_a_missing_head_commit_says_to_fetch_the_whole_history(tmp_path: Path, job: Path) -> None:
    pr = _pr(tmp_path)
    event = pull_request_event(job, pr.model_copy(update={"head_sha": "f" * 40}))
    with pytest.raises(UsageError, match="fetch-depth: 0"):
        _run(actions_env(job, pr.path, event))


def test_end_to_end_the_action_entrypoint_reviews_a_pull_request(
    tmp_path: Path, job: Path, fake_github: FakeGitHub
) -> None:
    """`python -m threatdelta ci` as the Docker entrypoint runs it: in the workspace, with
    the runner's variables and inputs, talking to the (fake) GitHub API."""
    pr = _pr(tmp_path)
    fake_github.add_pull(
        PR_NUMBER, head_sha=pr.head_sha, base_sha=pr.base_sha, files=pull_files(pr)
    )
    env = actions_env(
        job,
        pr.path,
        pull_request_event(job, pr),
        sha=pr.head_sha,
        api_url=fake_github.url,
        inputs={"github-token": "ghs_e2e", "sarif": "upload", "max-inline-comments": "2"},
    )
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    done = subprocess.run(
        [sys.executable, "-m", "threatdelta", "ci"],
        cwd=pr.path,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ghs_e2e" not in done.stdout.replace("::add-mask::ghs_e2e", "")
    outputs = read_outputs(job)
    assert outputs["gate"] == "fail"
    assert outputs["introduced"] == "3"
    assert len(fake_github.reviews(PR_NUMBER)) == 1
    assert len(fake_github.review_comments(PR_NUMBER)) == 2  # capped by max-inline-comments
    [summary] = fake_github.issue_comments(PR_NUMBER)
    assert outputs["summary-comment-url"] == summary["html_url"]
    assert "Not commented inline" in summary["body"]
    [check] = fake_github.check_runs()
    assert (check["name"], check["conclusion"]) == ("threatdelta", "failure")
    [upload] = fake_github.sarif_uploads()
    assert upload["ref"] == f"refs/pull/{PR_NUMBER}/head"
    authorised = {
        r.headers.get("Authorization", r.headers.get("authorization")) for r in fake_github.requests
    }
    assert authorised == {"token ghs_e2e"} or authorised == {"Bearer ghs_e2e"}
    assert "**Gate: FAIL**" in read_summary(job)


def test_the_ci_command_reports_a_configuration_error_as_an_annotation_and_exit_2(
    tmp_path: Path, job: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pr = _pr(tmp_path)
    env = actions_env(job, pr.path, pull_request_event(job, pr), inputs={"comment-mode": "loud"})
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["ci"]) == 2
    out, err = capsys.readouterr()
    assert out.startswith("::error title=threatdelta configuration::input comment-mode")
    assert "threatdelta: error: input comment-mode must be one of review" in err


def test_files_that_cannot_be_written_are_warnings_and_the_gate_still_decides(
    tmp_path: Path, job: Path
) -> None:
    pr = _pr(tmp_path)
    (pr.path / "threatdelta.sarif").mkdir()  # the SARIF file cannot be created
    env = actions_env(job, pr.path, pull_request_event(job, pr), sha=pr.head_sha)
    (job / "set_output").mkdir()  # nor the outputs file
    code, log = _run(env)
    assert code == 1
    assert "::warning title=threatdelta::cannot write" in log
    assert "sarif-file-not-written" in read_summary(job)


def test_a_base_commit_missing_from_the_clone_says_to_fetch_the_history(
    tmp_path: Path, job: Path
) -> None:
    pr = _pr(tmp_path)
    event = pull_request_event(job, pr.model_copy(update={"base_sha": "d" * 40}))
    with pytest.raises(UsageError, match="fetch-depth: 0"):
        _run(actions_env(job, pr.path, event))
