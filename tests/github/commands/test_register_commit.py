"""Decisions committed to the register file on the pull request's branch through the (fake)
contents API, with the real PyGithub client, and the refusals that leave nothing changed."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
import yaml
from fake_github import FakeGitHub
from github import Github
from github.GithubException import GithubException

from threatdelta.github.client import make_github
from threatdelta.github.commands.commit import commit_decisions
from threatdelta.github.retry import RetryPolicy
from threatdelta.register.schema import Decision, TriageStatus
from threatdelta.register.store import REGISTER_PATH, parse_register

NO_WAIT = RetryPolicy(max_attempts=2, base_wait=0, max_wait=0, secondary_wait=0)
BRANCH = "feature"
HOSTILE = "<script>alert(1)</script> @octo-org/admins\n`x` ]]>: {a: b} # not a comment\n- item"


def client(fake: FakeGitHub) -> Github:
    return make_github(
        "ghs_test", fake.url, retry=None, seconds_between_requests=None, seconds_between_writes=None
    )


def decision(target: str = "th-0123456789ab", reason: str = HOSTILE) -> Decision:
    return Decision(
        target=target,
        status=TriageStatus.ACCEPTED,
        justification=reason,
        decided_by="maintainer",
        decided_at=datetime(2026, 11, 26, 23, 0, tzinfo=UTC),
    )


def test_a_first_decision_creates_the_register_file_and_moves_the_pull_request_head(
    fake_github: FakeGitHub,
) -> None:
    fake_github.add_pull(7, head_sha="a" * 40)
    repo = client(fake_github).get_repo(fake_github.repo)
    written = commit_decisions(repo, BRANCH, [decision()], "Record triage", policy=NO_WAIT)
    assert written.committed and len(written.commit_sha) == 40
    [put] = fake_github.requests_to("PUT", "/contents/.threatdelta/register.yaml")
    assert put.status == 201
    assert put.json["branch"] == BRANCH and "sha" not in put.json
    text = fake_github.file(BRANCH, REGISTER_PATH)
    assert text == written.text
    assert base64.b64decode(put.json["content"]).decode() == text
    register, notes = parse_register(text or "", REGISTER_PATH)
    assert notes == ()
    [saved] = register.decisions
    assert saved.justification == HOSTILE  # stored as data, byte for byte
    assert yaml.safe_load(text or "")["decisions"][0]["justification"] == HOSTILE
    [commit] = fake_github.file_commits()
    assert commit["message"] == "Record triage"
    assert fake_github.store.pulls[7].head_sha == written.commit_sha


def test_an_existing_file_is_updated_with_its_blob_sha_keeping_comments(
    fake_github: FakeGitHub,
) -> None:
    original = (
        "# triage for the shop\nversion: 1\ndecisions:\n"
        "  - target: rule:TD-R001  # audit is done by the database\n"
        "    status: false_positive\n    justification: db triggers\n"
    )
    fake_github.put_file(BRANCH, REGISTER_PATH, original)
    repo = client(fake_github).get_repo(fake_github.repo)
    written = commit_decisions(repo, BRANCH, [decision(reason="ok")], "m", policy=NO_WAIT)
    assert written.committed
    [put] = fake_github.requests_to("PUT", "/contents/.threatdelta/register.yaml")
    assert put.status == 200 and len(put.json["sha"]) == 40
    text = fake_github.file(BRANCH, REGISTER_PATH) or ""
    assert text.startswith("# triage for the shop\n")
    assert "# audit is done by the database" in text
    register, _ = parse_register(text, REGISTER_PATH)
    assert [d.target for d in register.decisions] == ["rule:TD-R001", "th-0123456789ab"]


def test_a_refused_write_commits_nothing_and_returns_the_text_to_commit(
    fake_github: FakeGitHub,
) -> None:
    fake_github.refuse_contents_writes()
    repo = client(fake_github).get_repo(fake_github.repo)
    written = commit_decisions(repo, BRANCH, [decision()], "m", policy=NO_WAIT)
    assert not written.committed
    assert "403" in written.why and "may not write" in written.why
    assert fake_github.file(BRANCH, REGISTER_PATH) is None
    register, _ = parse_register(written.text, REGISTER_PATH)
    assert register.decisions[0].target == "th-0123456789ab"


def test_a_file_changed_meanwhile_is_a_conflict_never_overwritten(
    fake_github: FakeGitHub,
) -> None:
    fake_github.put_file(BRANCH, REGISTER_PATH, "version: 1\n")
    fake_github.fail("PUT", r"/repos/[^/]+/[^/]+/contents/.*", 409)
    repo = client(fake_github).get_repo(fake_github.repo)
    written = commit_decisions(repo, BRANCH, [decision()], "m", policy=NO_WAIT)
    assert not written.committed and "409" in written.why
    assert fake_github.file(BRANCH, REGISTER_PATH) == "version: 1\n"


def test_the_fake_answers_409_to_a_stale_blob_sha(fake_github: FakeGitHub) -> None:
    fake_github.put_file(BRANCH, REGISTER_PATH, "version: 1\n")
    repo = client(fake_github).get_repo(fake_github.repo)
    stale = repo.get_contents(REGISTER_PATH, ref=BRANCH)
    assert not isinstance(stale, list)
    fake_github.put_file(BRANCH, REGISTER_PATH, "version: 1\ndecisions: []\n")
    written = commit_decisions(repo, BRANCH, [decision()], "m", policy=NO_WAIT)
    assert written.committed  # re-read: the current sha
    with pytest.raises(GithubException) as refused:
        repo.update_file(REGISTER_PATH, "m", "x", stale.sha, branch=BRANCH)
    assert refused.value.status == 409


def test_a_register_that_does_not_parse_is_not_edited(fake_github: FakeGitHub) -> None:
    fake_github.put_file(BRANCH, REGISTER_PATH, "decisions: [unclosed\n")
    repo = client(fake_github).get_repo(fake_github.repo)
    written = commit_decisions(repo, BRANCH, [decision()], "m", policy=NO_WAIT)
    assert not written.committed and "cannot be edited" in written.why
    assert fake_github.requests_to("PUT") == []
