"""One inline review per run on a pull request, never twice the same comment.

`publish_review` reads the pull request and our earlier comments (found by their markers),
clears a stale pending review of ours, and posts the threats this run adds as one review
(`event: COMMENT`): the line comments go into a pending review, file-level threads are added
to it over GraphQL, and it is submitted. The head SHA is re-read before the first write and
before submitting; if it moved, nothing is posted (a newer run will). Comments whose threat
is gone are edited to say so and their threads resolved; one that came back is restored.

If GitHub refuses the review with 422, the refused comments are found by bisection with
pending probes (deleted at once) and left out; they come back in `spilled`, for the summary.
Nothing raises for 403/404/422 or a failure that outlasted the retries: the result carries a
notification instead. Writes go out one at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from github import Github
from github.GithubException import GithubException
from github.PullRequestComment import PullRequestComment

from threatdelta.diff.delta import DeltaReport
from threatdelta.findings.threat import Threat
from threatdelta.github.markers import (
    REVIEW_MARKER,
    is_our_review,
    marked_threat,
    written_by_us,
)
from threatdelta.github.refusal import refusal_note
from threatdelta.github.retry import RetryPolicy, with_retries
from threatdelta.github.review_plan import ExistingComment, ReviewPlan, plan_review
from threatdelta.github.review_post import Posted, ReviewPoster
from threatdelta.github.review_threads import resolve_threads
from threatdelta.model.base import Frozen, Level, Notification
from threatdelta.reporters.escape import code_span

T = TypeVar("T")
_SHORT_SHA = 12


class ReviewResult(Frozen):
    review_url: str | None = None
    posted: tuple[str, ...] = ()  # threat ids commented inline by this run
    already: tuple[str, ...] = ()  # threat ids that had our comment from an earlier run
    resolved: tuple[str, ...] = ()  # marker ids whose comment now says "resolved"
    reopened: tuple[str, ...] = ()  # marker ids whose resolved comment was restored
    spilled: tuple[Threat, ...] = ()  # meant to go inline, not posted: list them in the summary
    summarised: tuple[Threat, ...] = ()  # over the inline cap, or no line in the diff
    head_moved: bool = False
    notifications: tuple[Notification, ...] = ()


def _head_moved_note(head_sha: str, current: str) -> Notification:
    return Notification(
        level=Level.NOTE,
        code="review-head-moved",
        message=f"the pull request head moved from {head_sha[:_SHORT_SHA]} to "
        f"{current[:_SHORT_SHA]} during the run; nothing was posted (the run for the new head "
        "will post)",
    )


class _Run:
    """One publication: the pull request, who we are, and what we noted."""

    def __init__(
        self, gh: Github, repo: str, number: int, head_sha: str, policy: RetryPolicy
    ) -> None:
        self.gh, self.repo, self.number, self.head_sha = gh, repo, number, head_sha
        self.policy = policy
        self.notes: list[Notification] = []
        self._comments: dict[int, PullRequestComment] = {}

    def call(self, fn: Callable[[], T]) -> T:
        return with_retries(fn, policy=self.policy)

    def open(self) -> bool:
        """Read the pull request; False when its head is no longer the analysed one."""
        self.repository = self.call(partial(self.gh.get_repo, self.repo))
        self.pull = self.call(partial(self.repository.get_pull, self.number))
        return self._same_head(self.pull.head.sha)

    def _same_head(self, current: str) -> bool:
        if current != self.head_sha:
            self.notes.append(_head_moved_note(self.head_sha, current))
        return current == self.head_sha

    def head_unchanged(self) -> bool:
        current = self.call(partial(self.repository.get_pull, self.number)).head.sha
        return self._same_head(current)

    def viewer(self) -> str | None:
        """The token's login, when GitHub says (a workflow token may not read /user)."""
        try:
            return str(self.call(lambda: self.gh.get_user().login))
        except (GithubException, OSError):
            return None

    def existing(self) -> list[ExistingComment]:
        viewer = self.viewer()
        found: list[ExistingComment] = []
        for comment in self.call(lambda: list(self.pull.get_review_comments())):
            marker = marked_threat(comment.body)
            if marker and written_by_us(comment.user, viewer):
                self._comments[comment.id] = comment
                found.append(
                    ExistingComment(
                        id=comment.id, marker=marker, body=comment.body, path=comment.path
                    )
                )
        return found

    def clear_pending(self) -> None:
        """Delete a pending review of ours left by an earlier run (GitHub allows one)."""
        for review in self.call(lambda: list(self.pull.get_reviews())):
            if review.state == "PENDING" and is_our_review(review.body):
                self.call(review.delete)
                self.notes.append(
                    Notification(
                        level=Level.NOTE,
                        code="review-pending-cleared",
                        message=f"deleted a pending review left by an earlier run ({review.id})",
                    )
                )

    def edit(self, plan: ReviewPlan) -> tuple[list[str], list[str]]:
        """Apply the plan's edits: (resolved, reopened) marker ids. Threads of resolved
        comments are resolved where GitHub allows."""
        resolved: list[str] = []
        reopened: list[str] = []
        try:
            for edit in plan.edits:
                self.call(partial(self._comments[edit.comment_id].edit, edit.body))
                (resolved if edit.resolves else reopened).append(edit.marker)
        except (GithubException, OSError) as exc:
            self.notes.append(refusal_note(exc, "review", "edit an earlier review comment"))
        done = [e.comment_id for e in plan.edits if e.resolves and e.marker in resolved]
        if done:
            try:
                resolve_threads(self.pull.requester, self.repo, self.number, done, self.policy)
            except (GithubException, OSError) as exc:
                self.notes.append(refusal_note(exc, "review-thread", "resolve review threads"))
        return resolved, reopened

    def post(self, plan: ReviewPlan) -> Posted:
        if not plan.new:
            return Posted()
        commit = self.call(partial(self.repository.get_commit, self.head_sha))
        poster = ReviewPoster(self.pull, commit, self.policy, self.head_unchanged)
        try:
            return poster.post(plan.new, _review_body(len(plan.new), self.head_sha))
        except (GithubException, OSError) as exc:
            self.notes.append(refusal_note(exc, "review", "post the inline review"))
            return Posted(rejected=plan.new)


def _review_body(count: int, head_sha: str) -> str:
    threats = f"{count} new threat" + ("" if count == 1 else "s")
    return (
        f"**threatdelta** found {threats} at {code_span(head_sha[:_SHORT_SHA])}: each inline "
        "comment has the details, and the summary comment lists every threat of this change."
        f"\n\n{REVIEW_MARKER}"
    )


def _leftover_notes(plan: ReviewPlan) -> list[Notification]:
    notes: list[Notification] = []
    if plan.over_cap:
        notes.append(
            Notification(
                level=Level.NOTE,
                code="review-inline-cap",
                message=f"{len(plan.over_cap)} more introduced threat(s) are over the cap of "
                f"{plan.max_inline} inline comments; the summary comment lists them",
            )
        )
    if plan.not_in_diff:
        notes.append(
            Notification(
                level=Level.NOTE,
                code="review-not-in-diff",
                message=f"{len(plan.not_in_diff)} introduced threat(s) have no evidence in a file "
                "of this change; the summary comment lists them",
            )
        )
    return notes


def _publish(run: _Run, report: DeltaReport, max_inline: int) -> ReviewResult:
    if not run.open():
        return ReviewResult(head_moved=True, notifications=tuple(run.notes))
    plan = plan_review(report, run.existing(), head_sha=run.head_sha, max_inline=max_inline)
    run.clear_pending()
    if (plan.new or plan.edits) and not run.head_unchanged():
        return ReviewResult(head_moved=True, notifications=tuple(run.notes))
    posted = run.post(plan)
    if posted.head_moved:
        return ReviewResult(head_moved=True, notifications=(*run.notes, *posted.notifications))
    resolved, reopened = run.edit(plan)
    return ReviewResult(
        review_url=posted.review_url,
        posted=tuple(c.threat.id for c in posted.posted),
        already=plan.already,
        resolved=tuple(resolved),
        reopened=tuple(reopened),
        spilled=tuple(c.threat for c in posted.rejected),
        summarised=(*plan.over_cap, *plan.not_in_diff),
        notifications=(*run.notes, *posted.notifications, *_leftover_notes(plan)),
    )


def publish_review(
    gh: Github,
    repo: str,
    pr_number: int,
    head_sha: str,
    report: DeltaReport,
    *,
    max_inline: int,
    policy: RetryPolicy | None = None,
) -> ReviewResult:
    """Post this run's inline review on pull request `pr_number` of `repo` (`owner/name`)
    for the analysed `head_sha`; see the module docstring. Never raises for an API refusal."""
    run = _Run(gh, repo, pr_number, head_sha, policy or RetryPolicy())
    try:
        return _publish(run, report, max_inline)
    except (GithubException, OSError) as exc:
        run.notes.append(refusal_note(exc, "review", "publish the inline review"))
        plan = plan_review(report, (), head_sha=head_sha, max_inline=max_inline)
        return ReviewResult(
            spilled=tuple(c.threat for c in plan.new),
            summarised=(*plan.over_cap, *plan.not_in_diff),
            notifications=tuple(run.notes),
        )
