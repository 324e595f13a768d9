"""The fake GitHub's contents and reaction routes answer as GitHub does, to the real
PyGithub client and to raw requests."""

from __future__ import annotations

import base64
import hashlib
import json
import urllib.error
import urllib.request
from typing import Any

import pytest
from fake_github import FakeGitHub
from github import Github
from github.GithubException import GithubException

from threatdelta.github.client import make_github


def _client(fake: FakeGitHub) -> Github:
    return make_github(
        "t", fake.url, retry=None, seconds_between_requests=None, seconds_between_writes=None
    )


def _put(fake: FakeGitHub, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        f"{fake.url}/repos/{fake.repo}/contents/{path}",
        data=json.dumps(body).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_a_file_is_served_base64_wrapped_with_its_git_blob_sha(fake_github: FakeGitHub) -> None:
    text = "version: 1\n" + "# " + "x" * 200 + "\n"
    fake_github.put_file("feature", "a/b.yaml", text)
    found = _client(fake_github).get_repo(fake_github.repo).get_contents("a/b.yaml", ref="feature")
    assert not isinstance(found, list)
    assert found.decoded_content.decode() == text
    assert found.sha == hashlib.sha1(b"blob %d\0" % len(text) + text.encode()).hexdigest()
    raw = fake_github.requests_to("GET", "/contents/a/b.yaml")[0]
    assert raw.query == {"ref": ["feature"]}


def test_an_unknown_file_or_branch_is_404(fake_github: FakeGitHub) -> None:
    repo = _client(fake_github).get_repo(fake_github.repo)
    with pytest.raises(GithubException) as missing:
        repo.get_contents("nope.yaml", ref="feature")
    assert missing.value.status == 404


def test_updating_an_existing_file_without_its_sha_is_422(fake_github: FakeGitHub) -> None:
    fake_github.put_file("main", "f.txt", "one\n")
    content = base64.b64encode(b"two\n").decode()
    status, body = _put(fake_github, "f.txt", {"message": "m", "content": content})
    assert status == 422 and "sha" in body["message"]
    status, body = _put(fake_github, "f.txt", {"message": "m", "content": "%%%"})
    assert status == 422
    assert fake_github.file("main", "f.txt") == "one\n"


def test_a_reaction_is_created_once_and_unknown_contents_are_refused(
    fake_github: FakeGitHub,
) -> None:
    fake_github.add_pull(7)
    comment = fake_github.add_command_comment(7, "/threatdelta recheck")
    repo = _client(fake_github).get_repo(fake_github.repo)
    target = repo.get_issue(7).get_comment(comment["id"])
    first = target.create_reaction("+1")
    again = target.create_reaction("+1")
    assert first.id == again.id and first.content == "+1"
    with pytest.raises(GithubException) as refused:
        target.create_reaction("thumbsup")
    assert refused.value.status == 422
    assert fake_github.reactions(comment["id"]) == ["+1"]
    statuses = [r.status for r in fake_github.requests_to("POST", "/reactions")]
    assert statuses == [201, 200, 422]


def test_a_fork_pull_request_names_the_forks_repository(fake_github: FakeGitHub) -> None:
    fake_github.add_pull(7)
    fake_github.set_fork(7, "someone/octo-repo")
    pull = _client(fake_github).get_repo(fake_github.repo).get_pull(7)
    assert pull.head.repo.full_name == "someone/octo-repo"
    assert pull.base.repo.full_name == fake_github.repo
