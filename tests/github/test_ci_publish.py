"""`threatdelta ci` publishing through the real PyGithub client to the fake GitHub server:
what reaches GitHub, what falls back when a write is refused, and that the exit code follows
the gate whatever GitHub answers."""

from __future__ import annotations

import base64
import gzip
import io
from collections.abc import Callable
from pathlib import Path

import github
import pytest
from ci_env import PR_NUMBER, actions_env, pull_request_event, read_outputs, read_summary
from ci_repo import PrRepository, build_pr_repository, pull_files
from fake_github import FakeGitHub
from publish_helpers import FakeClock

from threatdelta.github.ci import run_ci
from threatdelta.github.client import make_github, transport_retry


@pytest.fixture(autouse=True)
def _no_system_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def _client(token: str, api_url: str) -> github.Github:
    """The action's own client, without pacing or transport retries (tests never wait)."""
    return make_github(
        token,
        api_url,
        retry=transport_retry(total=0, backoff_factor=0),
        seconds_between_requests=0,
        seconds_between_writes=0,
    )


def _pull_request(tmp_path: Path, fake: FakeGitHub) -> tuple[PrRepository, Path]:
    pr = build_pr_repository(tmp_path / "workspace")
    fake.add_pull(PR_NUMBER, head_sha=pr.head_sha, base_sha=pr.base_sha, files=pull_files(pr))
    job = tmp_path / "job"
    job.mkdir()
    return pr, job


def _env(job: Path, pr: PrRepository, fake: FakeGitHub, **inputs: str) -> dict[str, str]:
    return actions_env(
        job,
        pr.path,
        pull_request_event(job, pr),
        sha=pr.head_sha,
        api_url=fake.url,
        inputs={"github-token": "ghs_test", "sarif": "upload", **inputs},
    )


def _run(
    env: dict[str, str],
    client: Callable[[str, str], github.Github] = _client,
    clock: FakeClock | None = None,
) -> tuple[int, str]:
    log = io.StringIO()
    retry = (clock or FakeClock()).policy()
    return run_ci(env, log, client=client, retry=retry), log.getvalue()


def test_a_pull_request_gets_a_review_a_summary_a_check_and_a_sarif_upload(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr, job = _pull_request(tmp_path, fake_github)
    code, log = _run(_env(job, pr, fake_github))
    assert code == 1
    reviews = fake_github.reviews(PR_NUMBER)
    assert len(reviews) == 1
    assert reviews[0]["commit_id"] == pr.head_sha
    inline = fake_github.review_comments(PR_NUMBER)
    assert len(inline) == 3
    assert {c["path"] for c in inline} == {"shop/routes/customers.py"}
    summaries = fake_github.issue_comments(PR_NUMBER)
    assert len(summaries) == 1
    assert "**Gate: FAIL**" in summaries[0]["body"]
    assert pr.head_sha in summaries[0]["body"]
    runs = fake_github.check_runs()
    assert [(r["name"], r["head_sha"], r["conclusion"]) for r in runs] == [
        ("threatdelta", pr.head_sha, "failure")
    ]
    assert runs[0]["details_url"] == "https://github.com/octo-org/octo-repo/actions/runs/4242"
    outputs = read_outputs(job)
    assert outputs["summary-comment-url"] == summaries[0]["html_url"]
    assert f"[the summary comment]({summaries[0]['html_url']})" in read_summary(job)
    assert "::error " not in log  # the check run and the review show the threats


def test_the_uploaded_sarif_decodes_back_to_the_file_written(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr, job = _pull_request(tmp_path, fake_github)
    _run(_env(job, pr, fake_github, **{"sarif-category": "threatdelta/api"}))
    [upload] = fake_github.sarif_uploads()
    assert upload["commit_sha"] == pr.head_sha
    assert upload["ref"] == f"refs/pull/{PR_NUMBER}/head"
    sent = gzip.decompress(base64.b64decode(upload["sarif"])).decode("utf-8")
    written = (pr.path / read_outputs(job)["sarif-file"]).read_text(encoding="utf-8")
    assert sent == written
    assert '"id": "threatdelta/api/"' in written.replace('":"', '": "')


def test_a_second_run_on_the_same_head_posts_nothing_new(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr, job = _pull_request(tmp_path, fake_github)
    _run(_env(job, pr, fake_github))
    comments = len(fake_github.review_comments(PR_NUMBER))
    (job / "set_output").unlink()
    code, _ = _run(_env(job, pr, fake_github))
    assert code == 1
    assert len(fake_github.review_comments(PR_NUMBER)) == comments
    assert len(fake_github.reviews(PR_NUMBER)) == 1
    assert len(fake_github.issue_comments(PR_NUMBER)) == 1  # edited in place


def test_a_read_only_token_falls_back_and_the_exit_code_still_follows_the_gate(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr, job = _pull_request(tmp_path, fake_github)
    fake_github.read_only_token()
    code, log = _run(_env(job, pr, fake_github))
    assert code == 1
    assert fake_github.reviews(PR_NUMBER) == []
    assert fake_github.issue_comments(PR_NUMBER) == []
    assert fake_github.check_runs() == []
    errors = [line for line in log.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1
    assert "file=shop/routes/customers.py" in errors[0]
    summary = read_summary(job)
    assert "forbidden" in summary
    assert read_outputs(job)["gate"] == "fail"
    assert (pr.path / "threatdelta.sarif").is_file()


def test_a_passing_gate_stays_exit_zero_when_github_keeps_failing(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr, job = _pull_request(tmp_path, fake_github)
    fake_github.fail("*", r".*", 500, times=None)
    clock = FakeClock()
    code, _ = _run(_env(job, pr, fake_github, **{"fail-on": "critical"}), clock=clock)
    assert code == 0
    assert clock.sleeps  # the publishers retried before giving up
    assert read_outputs(job)["gate"] == "pass"
    assert "-failed" in read_summary(job)


def test_a_crashing_publisher_becomes_a_note_and_the_others_still_run(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr, job = _pull_request(tmp_path, fake_github)
    calls: list[str] = []

    def flaky(token: str, api_url: str) -> github.Github:
        calls.append(token)
        return _client(token, api_url)

    fake_github.fail("GET", r"/repos/[^/]+/[^/]+/pulls/\d+", 200, body=["not", "a", "pull"])
    code, _ = _run(_env(job, pr, fake_github), client=flaky)
    assert calls == ["ghs_test"]
    assert code == 1
    assert "the review failed unexpectedly and was skipped" in read_summary(job)
    assert [r["name"] for r in fake_github.check_runs()] == ["threatdelta"]
    assert len(fake_github.sarif_uploads()) == 1


def test_summary_only_posts_no_review_and_lists_the_threats_in_the_summary(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr, job = _pull_request(tmp_path, fake_github)
    _run(_env(job, pr, fake_github, **{"comment-mode": "summary-only"}))
    assert fake_github.reviews(PR_NUMBER) == []
    [summary] = fake_github.issue_comments(PR_NUMBER)
    assert "Not commented inline" in summary["body"]


def test_check_mode_status_sets_a_commit_status_instead_of_a_check_run(
    tmp_path: Path, fake_github: FakeGitHub
) -> None:
    pr, job = _pull_request(tmp_path, fake_github)
    _run(_env(job, pr, fake_github, **{"check-mode": "status", "comment-mode": "off"}))
    assert fake_github.check_runs() == []
    [status] = fake_github.statuses()
    assert (status["context"], status["state"], status["sha"]) == (
        "threatdelta",
        "failure",
        pr.head_sha,
    )
    assert fake_github.issue_comments(PR_NUMBER) == []


def test_a_head_that_moved_mid_run_gets_no_comment(tmp_path: Path, fake_github: FakeGitHub) -> None:
    pr, job = _pull_request(tmp_path, fake_github)
    fake_github.set_head(PR_NUMBER, "e" * 40)
    _run(_env(job, pr, fake_github))
    assert fake_github.reviews(PR_NUMBER) == []
    assert fake_github.issue_comments(PR_NUMBER) == []
