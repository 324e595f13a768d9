"""The fake GitHub server speaks the REST wire format the real PyGithub client expects."""

from __future__ import annotations

import github
import pytest
from fake_github import FakeGitHub
from github import GithubException
from github.PullRequest import ReviewComment

PATCH = "@@ -1,2 +1,4 @@\n import flask\n+app = flask.Flask(__name__)\n+\n x = 1\n"


def client(fake: FakeGitHub, *, retry: int | None = 0) -> github.Github:
    return github.Github(
        base_url=fake.url,
        auth=github.Auth.Token("t0k3n"),
        retry=retry,
        per_page=100,
        seconds_between_requests=0,
        seconds_between_writes=0,
    )


def test_pull_request_and_files_are_served_through_the_enterprise_prefix(
    fake_github: FakeGitHub,
) -> None:
    fake_github.add_pull(7, head_sha="1" * 40, files=[{"filename": "app.py", "patch": PATCH}])
    pull = client(fake_github).get_repo(fake_github.repo).get_pull(7)
    assert pull.head.sha == "1" * 40
    assert [f.filename for f in pull.get_files()] == ["app.py"]
    assert fake_github.requests[0].path == "/repos/octo-org/octo-repo"
    assert fake_github.requests[0].headers["Authorization"] == "token t0k3n"


def test_unknown_repository_is_not_found(fake_github: FakeGitHub) -> None:
    with pytest.raises(GithubException) as caught:
        client(fake_github).get_repo("someone/else")
    assert caught.value.status == 404


def test_lists_paginate_with_link_headers(fake_github: FakeGitHub) -> None:
    fake_github.add_pull(1)
    for n in range(130):
        fake_github.add_issue_comment(1, f"comment {n}")
    issue = client(fake_github).get_repo(fake_github.repo).get_issue(1)
    bodies = [c.body for c in issue.get_comments()]
    assert bodies == [f"comment {n}" for n in range(130)]
    pages = fake_github.requests_to("GET", "/issues/1/comments")
    assert [r.query.get("page", ["1"])[0] for r in pages] == ["1", "2"]
    assert all(r.query["per_page"] == ["100"] for r in pages)


def test_every_answer_carries_rate_limit_headers(fake_github: FakeGitHub) -> None:
    gh = client(fake_github)
    gh.get_repo(fake_github.repo)
    remaining, limit = gh.rate_limiting
    assert limit == 5000
    assert remaining == 4999


def test_review_comment_outside_the_diff_is_refused_with_422(fake_github: FakeGitHub) -> None:
    fake_github.add_pull(3, files=[{"filename": "app.py", "patch": PATCH}])
    pull = client(fake_github).get_repo(fake_github.repo).get_pull(3)
    comment: ReviewComment = {"path": "app.py", "line": 40, "side": "RIGHT", "body": "x"}
    with pytest.raises(GithubException) as caught:
        pull.create_review(body="r", event="COMMENT", comments=[comment])
    assert caught.value.status == 422
    assert fake_github.reviews(3) == []


def test_review_with_lines_in_the_diff_is_stored_with_its_comments(
    fake_github: FakeGitHub,
) -> None:
    fake_github.add_pull(3, files=[{"filename": "app.py", "patch": PATCH}])
    pull = client(fake_github).get_repo(fake_github.repo).get_pull(3)
    comment = {
        "path": "app.py",
        "line": 3,
        "start_line": 2,
        "side": "RIGHT",
        "start_side": "RIGHT",
        "body": "range",
    }
    review = pull.create_review(body="r", event="COMMENT", comments=[comment])  # type: ignore[list-item]
    assert review.state == "COMMENTED"
    [stored] = fake_github.review_comments(3)
    assert (stored["line"], stored["start_line"], stored["subject_type"]) == (3, 2, "line")
    assert [c.body for c in pull.get_review_comments()] == ["range"]


def test_file_level_comment_is_refused_by_create_review(fake_github: FakeGitHub) -> None:
    fake_github.add_pull(3, files=[{"filename": "app.py", "patch": PATCH}])
    pull = client(fake_github).get_repo(fake_github.repo).get_pull(3)
    comment = {"path": "app.py", "subject_type": "file", "body": "file-level"}
    with pytest.raises(GithubException) as caught:
        pull.create_review(event="COMMENT", comments=[comment])  # type: ignore[list-item]
    assert caught.value.status == 422


def test_file_thread_joins_a_pending_review_through_graphql_then_resolves(
    fake_github: FakeGitHub,
) -> None:
    fake_github.add_pull(3, files=[{"filename": "app.py", "patch": PATCH}])
    gh = client(fake_github)
    pull = gh.get_repo(fake_github.repo).get_pull(3)
    pending = pull.create_review(body="draft")
    assert pending.state == "PENDING"
    _, added = gh.requester.graphql_named_mutation(
        "addPullRequestReviewThread",
        {
            "pullRequestReviewId": pending.node_id,
            "path": "app.py",
            "body": "f",
            "subjectType": "FILE",
        },
        "thread { id }",
    )
    assert list(pull.get_review_comments()) == []  # pending comments are not listed
    gh.requester.requestJsonAndCheck(
        "POST", f"{pull.url}/reviews/{pending.id}/events", input={"event": "COMMENT"}
    )
    [listed] = pull.get_review_comments()
    assert (listed.body, listed.subject_type) == ("f", "file")
    gh.requester.graphql_named_mutation(
        "resolveReviewThread", {"threadId": added["thread"]["id"]}, "thread { isResolved }"
    )
    assert fake_github.review_comments(3)[0]["resolved"] is True
    assert fake_github.requests[-1].path == "/graphql"


def test_injected_rejection_refuses_a_line_that_is_in_the_diff(fake_github: FakeGitHub) -> None:
    fake_github.add_pull(3, files=[{"filename": "app.py", "patch": PATCH}])
    fake_github.reject_review_comment("app.py", 2)
    pull = client(fake_github).get_repo(fake_github.repo).get_pull(3)
    with pytest.raises(GithubException) as caught:
        pull.create_review(event="COMMENT", comments=[{"path": "app.py", "line": 2, "body": "x"}])
    assert caught.value.status == 422


def test_one_pending_review_per_user_and_it_can_be_deleted(fake_github: FakeGitHub) -> None:
    fake_github.add_pull(4, files=[{"filename": "app.py", "patch": PATCH}])
    pending = fake_github.add_review(4, state="PENDING", body="draft")
    pull = client(fake_github).get_repo(fake_github.repo).get_pull(4)
    with pytest.raises(GithubException) as caught:
        pull.create_review(body="again", event="COMMENT")
    assert caught.value.status == 422
    [review] = [r for r in pull.get_reviews() if r.state == "PENDING"]
    assert review.id == pending["id"]
    review.delete()
    assert fake_github.reviews(4) == []
    assert fake_github.requests_to("DELETE")[0].path.endswith(f"/reviews/{pending['id']}")


def test_server_errors_then_success_are_retried_by_pygithub(fake_github: FakeGitHub) -> None:
    fake_github.server_errors("GET", r"/repos/[^/]+/[^/]+", times=2)
    retry = github.GithubRetry(total=3, backoff_factor=0)
    gh = github.Github(
        base_url=fake_github.url,
        auth=github.Auth.Token("t"),
        retry=retry,
        seconds_between_requests=0,
    )
    assert gh.get_repo(fake_github.repo).full_name == "octo-org/octo-repo"
    assert [r.status for r in fake_github.requests] == [502, 502, 200]


def test_read_only_token_refuses_writes_but_not_reads(fake_github: FakeGitHub) -> None:
    fake_github.add_pull(5)
    fake_github.read_only_token()
    repo = client(fake_github).get_repo(fake_github.repo)
    with pytest.raises(GithubException) as caught:
        repo.get_issue(5).create_comment("hello")
    assert caught.value.status == 403
    assert "Resource not accessible by integration" in str(caught.value.data)
    assert fake_github.issue_comments(5) == []


def test_secondary_rate_limit_answers_403_with_retry_after(fake_github: FakeGitHub) -> None:
    fake_github.secondary_rate_limit("GET", r"/repos/[^/]+/[^/]+", retry_after=7)
    with pytest.raises(GithubException) as caught:
        client(fake_github).get_repo(fake_github.repo)
    assert caught.value.status == 403
    assert caught.value.headers is not None
    assert caught.value.headers["retry-after"] == "7"
    assert "secondary rate limit" in str(caught.value.data)


def test_head_moves_after_the_given_number_of_reads(fake_github: FakeGitHub) -> None:
    fake_github.add_pull(6, head_sha="1" * 40)
    fake_github.move_head_after_reads(6, "2" * 40, reads=1)
    repo = client(fake_github).get_repo(fake_github.repo)
    assert repo.get_pull(6).head.sha == "1" * 40
    assert repo.get_pull(6).head.sha == "2" * 40


def test_check_run_refuses_more_than_50_annotations_per_request(fake_github: FakeGitHub) -> None:
    repo = client(fake_github).get_repo(fake_github.repo)
    note: dict[str, str | int] = {
        "path": "a.py",
        "start_line": 1,
        "end_line": 1,
        "annotation_level": "warning",
        "message": "m",
    }
    run = repo.create_check_run(
        "threatdelta", "1" * 40, output={"title": "t", "summary": "s", "annotations": [note] * 50}
    )
    with pytest.raises(GithubException):
        run.edit(output={"title": "t", "summary": "s", "annotations": [note] * 51})
    run.edit(conclusion="success", output={"title": "t", "summary": "s", "annotations": [note]})
    [stored] = fake_github.check_runs()
    assert (stored["status"], stored["conclusion"]) == ("completed", "success")
    assert len(stored["annotations"]) == 51


def test_commit_status_and_its_description_limit(fake_github: FakeGitHub) -> None:
    commit = client(fake_github).get_repo(fake_github.repo).get_commit("1" * 40)
    commit.create_status("success", description="ok", context="threatdelta")
    with pytest.raises(GithubException):
        commit.create_status("success", description="x" * 141, context="threatdelta")
    assert [(s["sha"], s["context"]) for s in fake_github.statuses()] == [("1" * 40, "threatdelta")]


def test_sarif_upload_is_accepted_then_polled(fake_github: FakeGitHub) -> None:
    fake_github.set_sarif_processing("pending", "complete")
    gh = client(fake_github)
    requester = gh.requester
    _, answer = requester.requestJsonAndCheck(
        "POST",
        f"{fake_github.url}/repos/{fake_github.repo}/code-scanning/sarifs",
        input={"commit_sha": "1" * 40, "ref": "refs/pull/1/head", "sarif": "H4sI"},
    )
    polls = [
        requester.requestJsonAndCheck("GET", answer["url"])[1]["processing_status"]
        for _ in range(3)
    ]
    assert polls == ["pending", "complete", "complete"]
    assert fake_github.sarif_uploads()[0]["ref"] == "refs/pull/1/head"


def test_code_scanning_disabled_answers_404(fake_github: FakeGitHub) -> None:
    fake_github.code_scanning_disabled()
    with pytest.raises(GithubException) as caught:
        client(fake_github).requester.requestJsonAndCheck(
            "POST",
            f"{fake_github.url}/repos/{fake_github.repo}/code-scanning/sarifs",
            input={"commit_sha": "1" * 40, "ref": "refs/heads/main", "sarif": "H4sI"},
        )
    assert caught.value.status == 404
