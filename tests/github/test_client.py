"""make_github: the PyGithub client every call goes through, against the fake server."""

from __future__ import annotations

import github
import pytest
from fake_github import FakeGitHub
from github import GithubException

from threatdelta.github.client import make_github, transport_retry


def quick(fake: FakeGitHub, url: str | None = None) -> github.Github:
    return make_github(
        "t0k3n",
        url or fake.url,
        retry=transport_retry(backoff_factor=0),
        seconds_between_requests=0,
        seconds_between_writes=0,
    )


def test_an_enterprise_api_url_with_a_trailing_slash_works(fake_github: FakeGitHub) -> None:
    repo = quick(fake_github, fake_github.url + "/").get_repo(fake_github.repo)
    assert repo.full_name == fake_github.repo
    [request] = fake_github.requests
    assert request.headers["User-Agent"] == "threatdelta"
    assert request.headers["Authorization"] == "token t0k3n"


def test_server_errors_on_a_read_are_retried_below_us(fake_github: FakeGitHub) -> None:
    fake_github.server_errors("GET", r"/repos/[^/]+/[^/]+", times=2, status=503)
    assert quick(fake_github).get_repo(fake_github.repo).name == "octo-repo"
    assert [r.status for r in fake_github.requests] == [503, 503, 200]


def test_a_post_is_never_repeated_below_us(fake_github: FakeGitHub) -> None:
    fake_github.add_pull(1)
    gh = quick(fake_github)
    issue = gh.get_repo(fake_github.repo).get_issue(1)
    fake_github.server_errors("POST", r".*/comments", times=1)
    with pytest.raises(GithubException) as caught:
        issue.create_comment("once")
    assert caught.value.status == 502
    assert len(fake_github.requests_to("POST")) == 1


def test_retries_give_up_with_the_last_answer(fake_github: FakeGitHub) -> None:
    fake_github.server_errors("GET", r"/repos/[^/]+/[^/]+", times=10)
    with pytest.raises(GithubException) as caught:
        quick(fake_github).get_repo(fake_github.repo)
    assert caught.value.status == 502
    assert len(fake_github.requests) == 4  # the first try and three retries


def test_lists_are_read_100_per_page(fake_github: FakeGitHub) -> None:
    fake_github.add_pull(1)
    for n in range(101):
        fake_github.add_issue_comment(1, f"c{n}")
    issue = quick(fake_github).get_repo(fake_github.repo).get_issue(1)
    assert len(list(issue.get_comments())) == 101
    gets = fake_github.requests_to("GET", "/comments")
    assert [r.query["per_page"] for r in gets] == [["100"], ["100"]]


def test_no_transport_retry_when_asked_for_none(fake_github: FakeGitHub) -> None:
    fake_github.server_errors("GET", r"/repos/[^/]+/[^/]+", times=1)
    gh = make_github("t", fake_github.url, retry=None, seconds_between_requests=0)
    with pytest.raises(GithubException):
        gh.get_repo(fake_github.repo)
    assert len(fake_github.requests) == 1
