"""publish_review when GitHub refuses or things move: a 422 for one comment, a stale pending
review, a head that moves mid-run, a read-only token, rate limits and server errors, 100+
existing comments, and comments whose threat is resolved."""

from __future__ import annotations

from typing import Any

from fake_github import FakeGitHub
from review_samples import API, HEAD, NEXT_HEAD, PR, Sleeps, client, open_pull, report, threat

from threatdelta.diff.delta import DeltaReport
from threatdelta.github.markers import RESOLVED_MARKER, REVIEW_MARKER, threat_marker
from threatdelta.github.review import ReviewResult, publish_review


def publish(fake: FakeGitHub, delta: DeltaReport, *, sleeps: Sleeps | None = None) -> ReviewResult:
    policy = (sleeps or Sleeps()).policy()
    return publish_review(client(fake), fake.repo, PR, HEAD, delta, max_inline=15, policy=policy)


def three() -> DeltaReport:
    return report(
        threat("th-a", start=6, end=7),
        threat("th-b", start=10, end=11),
        threat("th-c", start=15, end=16),
    )


def visible_lines(fake: FakeGitHub) -> list[int]:
    submitted = {r["id"] for r in fake.reviews(PR) if r["state"] != "PENDING"}
    return [c["line"] for c in fake.review_comments(PR) if c["pull_request_review_id"] in submitted]


def test_a_comment_refused_with_422_moves_to_the_summary_and_the_rest_go_out(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    fake_github.reject_review_comment(API, 10)
    result = publish(fake_github, three())
    assert sorted(visible_lines(fake_github)) == [6, 15]
    assert [t.id for t in result.spilled] == ["th-b"]
    assert set(result.posted) == {"th-a", "th-c"}
    assert [r["state"] for r in fake_github.reviews(PR)] == ["COMMENTED"]  # probes deleted
    [note] = [n for n in result.notifications if n.code == "review-comment-rejected"]
    assert note.path == API
    assert "app/api.py:10" in note.message


def test_a_single_refused_comment_posts_no_review(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.reject_review_comment(API, 8)
    result = publish(fake_github, report(threat("th-1")))
    assert fake_github.reviews(PR) == []
    assert [t.id for t in result.spilled] == ["th-1"]
    assert result.review_url is None


def test_a_stale_pending_review_of_ours_is_deleted_before_posting(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    stale = fake_github.add_review(PR, state="PENDING", body=f"old\n\n{REVIEW_MARKER}")
    result = publish(fake_github, report(threat("th-1")))
    writes = [(r.method, r.path.rsplit("/", 2)[-2:]) for r in fake_github.writes]
    assert writes[0] == ("DELETE", ["reviews", str(stale["id"])])
    assert [r["state"] for r in fake_github.reviews(PR)] == ["COMMENTED"]
    assert result.posted == ("th-1",)
    assert "review-pending-cleared" in [n.code for n in result.notifications]


def test_a_pending_review_that_is_not_ours_is_left_alone(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    draft = fake_github.add_review(PR, state="PENDING", body="my own draft")
    result = publish(fake_github, report(threat("th-1")))
    assert fake_github.requests_to("DELETE") == []
    assert [r["id"] for r in fake_github.reviews(PR)] == [draft["id"]]
    assert [t.id for t in result.spilled] == ["th-1"]


def test_a_head_that_moved_before_posting_means_nothing_is_written(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    fake_github.move_head_after_reads(PR, NEXT_HEAD, reads=1)
    result = publish(fake_github, three())
    assert fake_github.writes == []
    assert result.head_moved
    assert result.spilled == ()
    assert "review-head-moved" in [n.code for n in result.notifications]


def test_a_head_that_moved_before_submitting_leaves_no_review(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.move_head_after_reads(PR, NEXT_HEAD, reads=2)
    result = publish(fake_github, three())
    assert [r.method for r in fake_github.writes] == ["POST", "DELETE"]
    assert fake_github.reviews(PR) == []
    assert result.head_moved
    assert result.posted == ()


def test_a_head_moved_before_the_first_read_posts_nothing(fake_github: FakeGitHub) -> None:
    open_pull(fake_github, head=NEXT_HEAD)
    result = publish(fake_github, three())
    assert fake_github.writes == []
    assert result.head_moved


def test_a_read_only_token_gives_notifications_and_spills_everything(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    fake_github.read_only_token()
    result = publish(fake_github, three())
    assert fake_github.reviews(PR) == []
    assert {t.id for t in result.spilled} == {"th-a", "th-b", "th-c"}
    [note] = [n for n in result.notifications if n.code == "review-forbidden"]
    assert "Resource not accessible by integration" in note.message


def test_an_unknown_pull_request_gives_a_notification(fake_github: FakeGitHub) -> None:
    result = publish(fake_github, three())
    assert [n.code for n in result.notifications] == ["review-not-found"]
    assert len(result.spilled) == 3


def test_a_secondary_rate_limit_on_the_review_waits_then_posts_once(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    fake_github.secondary_rate_limit("POST", r".*/pulls/\d+/reviews", retry_after=5)
    sleeps = Sleeps()
    result = publish(fake_github, three(), sleeps=sleeps)
    assert sleeps.seconds == [5.0]
    assert len(fake_github.reviews(PR)) == 1
    assert len(result.posted) == 3


def test_a_server_error_on_the_review_is_not_repeated(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.server_errors("POST", r".*/pulls/\d+/reviews", times=1)
    result = publish(fake_github, three())
    assert len(fake_github.requests_to("POST", "/reviews")) == 1
    assert fake_github.reviews(PR) == []
    assert [n.code for n in result.notifications] == ["review-failed"]
    assert len(result.spilled) == 3


def _ours(tid: str, line: int) -> dict[str, Any]:
    return {"path": API, "line": line, "side": "RIGHT", "body": f"x\n\n{threat_marker(tid)}"}


def test_existing_comments_are_read_past_the_first_hundred(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    others = [{"path": API, "line": 5, "body": f"chat {n}"} for n in range(130)]
    fake_github.add_review(PR, body="people", comments=others, login="dev")
    fake_github.add_review(PR, body=REVIEW_MARKER, comments=[_ours("th-1", 8)])
    result = publish(fake_github, report(threat("th-1")))
    pages = [r.query.get("page", ["1"])[0] for r in fake_github.requests_to("GET", "/comments")]
    assert pages == ["1", "2"]
    assert fake_github.writes == []
    assert result.already == ("th-1",)


def test_a_marker_in_someone_elses_comment_does_not_count(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.add_review(PR, body="copy", comments=[_ours("th-1", 8)], login="mallory")
    result = publish(fake_github, report(threat("th-1")))
    assert result.posted == ("th-1",)


def test_a_resolved_threat_is_edited_once_and_its_thread_resolved(
    fake_github: FakeGitHub,
) -> None:
    open_pull(fake_github)
    publish(fake_github, report(threat("th-1"), threat("th-2", start=15, end=16)))
    gone = report(threat("th-2", start=15, end=16), register=(threat("th-2"),))
    result = publish(fake_github, gone)
    [edit] = fake_github.requests_to("PATCH")
    assert "**Resolved**" in edit.json["body"]
    assert RESOLVED_MARKER in edit.json["body"]
    by_marker = {c["body"].split("id=")[1][:4]: c for c in fake_github.review_comments(PR)}
    assert by_marker["th-1"]["resolved"] is True
    assert by_marker["th-2"]["resolved"] is False
    assert result.resolved == ("th-1",)
    publish(fake_github, gone)
    assert len(fake_github.requests_to("PATCH")) == 1


def test_an_incomplete_analysis_never_marks_a_comment_resolved(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    publish(fake_github, report(threat("th-1")))
    result = publish(fake_github, report(complete=False, register=()))
    assert fake_github.requests_to("PATCH") == []
    assert result.resolved == ()


def test_a_threat_that_comes_back_gets_its_comment_restored(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    publish(fake_github, report(threat("th-1")))
    publish(fake_github, report(register=()))
    result = publish(fake_github, report(threat("th-1")))
    restore = fake_github.requests_to("PATCH")[-1].json["body"]
    assert RESOLVED_MARKER not in restore
    assert restore.endswith(threat_marker("th-1"))
    assert result.reopened == ("th-1",)
    assert len(fake_github.review_comments(PR)) == 1


def test_a_comment_of_a_deleted_account_does_not_count(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.add_review(PR, body="ghost", comments=[_ours("th-1", 8)], login="")
    result = publish(fake_github, report(threat("th-1")))
    assert result.posted == ("th-1",)
