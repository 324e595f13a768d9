"""upsert_summary against the fake GitHub: exactly one summary comment, found by its marker
on any page, edited in place; nothing new when the change is not relevant."""

from __future__ import annotations

from fake_github import FakeGitHub
from review_samples import HEAD, NEXT_HEAD, PR, Sleeps, client, open_pull

from threatdelta.github.markers import SUMMARY_MARKER
from threatdelta.github.summary_comment import SummaryAction, SummaryResult, upsert_summary
from threatdelta.github.summary_fit import SUMMARY_LIMIT

SUMMARY = "## threatdelta\n\n- **high** · TD-S001 Unauthenticated state change\n"


def upsert(
    fake: FakeGitHub,
    markdown: str = SUMMARY,
    *,
    relevant: bool = True,
    sleeps: Sleeps | None = None,
) -> SummaryResult:
    policy = (sleeps or Sleeps()).policy()
    return upsert_summary(
        client(fake), fake.repo, PR, HEAD, markdown, relevant=relevant, policy=policy
    )


def test_first_run_creates_one_comment_ending_in_the_marker(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    result = upsert(fake_github)
    [comment] = fake_github.issue_comments(PR)
    assert comment["body"].startswith("## threatdelta")
    assert comment["body"].endswith(SUMMARY_MARKER)
    assert (result.action, result.comment_url) == (SummaryAction.CREATED, comment["html_url"])


def test_the_next_run_edits_the_same_comment(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    upsert(fake_github)
    result = upsert(fake_github, SUMMARY.replace("high", "critical"))
    [comment] = fake_github.issue_comments(PR)
    assert "**critical**" in comment["body"]
    assert len(fake_github.requests_to("POST", "/comments")) == 1
    [edit] = fake_github.requests_to("PATCH")
    assert edit.path.endswith(f"/issues/comments/{comment['id']}")
    assert result.action is SummaryAction.UPDATED


def test_an_identical_summary_is_not_rewritten(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    upsert(fake_github)
    result = upsert(fake_github)
    assert len(fake_github.writes) == 1
    assert result.action is SummaryAction.UNCHANGED


def test_the_marker_is_found_beyond_the_first_hundred_comments(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    for n in range(140):
        fake_github.add_issue_comment(PR, f"discussion {n}", login=f"dev{n % 3}")
    ours = fake_github.add_issue_comment(PR, f"old summary\n\n{SUMMARY_MARKER}")
    for n in range(20):
        fake_github.add_issue_comment(PR, f"later {n}", login="dev")
    upsert(fake_github)
    pages = [r.query.get("page", ["1"])[0] for r in fake_github.requests_to("GET", "/comments")]
    assert pages == ["1", "2"]
    assert fake_github.requests_to("POST", "/comments") == []
    [edit] = fake_github.requests_to("PATCH")
    assert edit.path.endswith(f"/issues/comments/{ours['id']}")
    assert len(fake_github.issue_comments(PR)) == 161


def test_a_marker_pasted_by_a_person_is_not_ours(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    pasted = fake_github.add_issue_comment(PR, f"quoting {SUMMARY_MARKER}", login="mallory")
    upsert(fake_github)
    assert fake_github.requests_to("PATCH") == []
    bodies = {c["id"]: c["body"] for c in fake_github.issue_comments(PR)}
    assert bodies[pasted["id"]] == f"quoting {SUMMARY_MARKER}"
    assert len(bodies) == 2


def test_duplicates_of_ours_are_folded_into_one(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    first = fake_github.add_issue_comment(PR, f"one\n\n{SUMMARY_MARKER}")
    fake_github.add_issue_comment(PR, f"two\n\n{SUMMARY_MARKER}")
    upsert(fake_github)
    [kept] = fake_github.issue_comments(PR)
    assert kept["id"] == first["id"]
    assert kept["body"].startswith("## threatdelta")


def test_not_relevant_and_no_comment_writes_nothing(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    result = upsert(fake_github, relevant=False)
    assert fake_github.writes == []
    assert result.action is SummaryAction.NONE
    assert result.comment_url is None


def test_not_relevant_reduces_an_existing_summary_to_one_line(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    upsert(fake_github)
    result = upsert(fake_github, relevant=False)
    [comment] = fake_github.issue_comments(PR)
    first_line, _, rest = comment["body"].partition("\n\n")
    assert "no architecture-relevant change" in first_line
    assert HEAD[:12] in first_line
    assert rest == SUMMARY_MARKER
    assert result.action is SummaryAction.REDUCED


def test_a_moved_head_writes_nothing(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.move_head_after_reads(PR, NEXT_HEAD, reads=1)
    result = upsert(fake_github)
    assert fake_github.writes == []
    assert result.head_moved
    assert [n.code for n in result.notifications] == ["summary-head-moved"]


def test_a_read_only_token_gives_a_notification_not_an_error(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.read_only_token()
    result = upsert(fake_github)
    assert fake_github.issue_comments(PR) == []
    assert result.action is SummaryAction.NOT_POSTED
    [note] = result.notifications
    assert note.code == "summary-comment-forbidden"
    assert "Resource not accessible by integration" in note.message


def test_an_unknown_pull_request_gives_a_notification(fake_github: FakeGitHub) -> None:
    result = upsert(fake_github)
    assert [n.code for n in result.notifications] == ["summary-comment-not-found"]


def test_a_summary_over_the_limit_drops_low_severities_first(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    high = "- **high** · TD-S001 keep me\n"
    low = "- **low** · TD-I002 " + "x" * 200 + "\n"
    markdown = "## threatdelta\n\n" + high + low * 400
    result = upsert(fake_github, markdown)
    [comment] = fake_github.issue_comments(PR)
    assert len(comment["body"]) <= SUMMARY_LIMIT
    assert "keep me" in comment["body"]
    assert "400 low-severity threats not shown here" in comment["body"]
    assert result.truncated


def test_a_server_error_on_create_is_not_repeated(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.server_errors("POST", r".*/issues/\d+/comments", times=1)
    result = upsert(fake_github)
    assert len(fake_github.requests_to("POST", "/comments")) == 1
    assert [n.code for n in result.notifications] == ["summary-comment-failed"]
    assert upsert(fake_github).action is SummaryAction.CREATED  # the next run posts it


def test_a_server_error_on_edit_is_retried(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    upsert(fake_github)
    fake_github.server_errors("PATCH", r".*/issues/comments/\d+", times=2)
    result = upsert(fake_github, SUMMARY + "more\n")
    assert [r.status for r in fake_github.requests_to("PATCH")] == [502, 502, 200]
    assert result.action is SummaryAction.UPDATED


def test_a_secondary_rate_limit_waits_as_told_then_posts_once(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.secondary_rate_limit("POST", r".*/issues/\d+/comments", retry_after=3)
    sleeps = Sleeps()
    result = upsert(fake_github, sleeps=sleeps)
    assert sleeps.seconds == [3.0]
    assert len(fake_github.issue_comments(PR)) == 1
    assert result.action is SummaryAction.CREATED


def test_a_comment_of_a_deleted_account_is_skipped(fake_github: FakeGitHub) -> None:
    open_pull(fake_github)
    fake_github.add_issue_comment(PR, f"ghost {SUMMARY_MARKER}", login="")
    result = upsert(fake_github)
    assert result.action is SummaryAction.CREATED
    assert len(fake_github.issue_comments(PR)) == 2
