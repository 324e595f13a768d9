"""The one summary comment on a pull request, edited in place run after run.

It is found by its hidden marker among the comments we wrote (every page of the issue
comments is read). On an architecture-relevant change its body is the given Markdown, with
low severities folded and the size kept under GitHub's limit (`summary_fit`); a change that
is not relevant creates nothing, and an existing summary is reduced to one line saying so.
Before writing, the pull request's head is read again: if it moved, nothing is written (the
run for the new head will). A duplicate of ours (two runs racing) is deleted, so one stays.

Nothing raises for 403/404/422 or a failure that outlasted the retries: the result carries
a notification instead.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import partial
from typing import TypeVar

from github import Github
from github.GithubException import GithubException
from github.IssueComment import IssueComment
from github.PullRequest import PullRequest

from threatdelta.github.markers import SUMMARY_MARKER, is_summary, written_by_us
from threatdelta.github.refusal import refusal_note
from threatdelta.github.retry import RetryPolicy, with_retries
from threatdelta.github.summary_fit import SUMMARY_LIMIT, fit_summary, size
from threatdelta.model.base import Frozen, Level, Notification
from threatdelta.reporters.escape import code_span

T = TypeVar("T")
_SHORT_SHA = 12


class SummaryAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"  # the existing comment already says exactly this
    REDUCED = "reduced"  # not relevant any more: the existing comment became one line
    NONE = "none"  # not relevant and no comment of ours: nothing written
    NOT_POSTED = "not-posted"  # refused, failed, or the head moved


class SummaryResult(Frozen):
    comment_url: str | None = None
    action: SummaryAction = SummaryAction.NOT_POSTED
    truncated: bool = False  # threats were left out (or the text cut) to fit the limit
    head_moved: bool = False
    notifications: tuple[Notification, ...] = ()


def summary_body(markdown: str) -> tuple[str, bool]:
    """(the comment body for `markdown`, whether it was truncated)."""
    budget = SUMMARY_LIMIT - size(SUMMARY_MARKER) - 2
    text, truncated = fit_summary(markdown.rstrip("\n"), budget)
    return f"{text}\n\n{SUMMARY_MARKER}", truncated


def not_relevant_body(head_sha: str) -> str:
    return (
        f"**threatdelta:** no architecture-relevant change at "
        f"{code_span(head_sha[:_SHORT_SHA])}.\n\n{SUMMARY_MARKER}"
    )


class _Summary:
    def __init__(
        self, gh: Github, repo: str, number: int, head_sha: str, policy: RetryPolicy
    ) -> None:
        self.gh, self.repo, self.number, self.head_sha = gh, repo, number, head_sha
        self.policy = policy
        self.notes: list[Notification] = []

    def call(self, fn: Callable[[], T]) -> T:
        return with_retries(fn, policy=self.policy)

    def pull(self) -> PullRequest:
        repository = self.call(partial(self.gh.get_repo, self.repo))
        return self.call(partial(repository.get_pull, self.number))

    def head_unchanged(self, current: str | None = None) -> bool:
        current = current or self.pull().head.sha
        if current != self.head_sha:
            self.notes.append(
                Notification(
                    level=Level.NOTE,
                    code="summary-head-moved",
                    message=f"the pull request head moved from {self.head_sha[:_SHORT_SHA]} to "
                    f"{current[:_SHORT_SHA]}; the summary comment was left for the run of "
                    "the new head",
                )
            )
        return current == self.head_sha

    def viewer(self) -> str | None:
        try:
            return str(self.call(lambda: self.gh.get_user().login))
        except (GithubException, OSError):
            return None

    def ours(self, pull: PullRequest) -> list[IssueComment]:
        viewer = self.viewer()
        comments = self.call(lambda: list(pull.get_issue_comments()))
        return [c for c in comments if is_summary(c.body) and written_by_us(c.user, viewer)]

    def write(self, pull: PullRequest, found: list[IssueComment], body: str) -> IssueComment:
        once = self.policy.model_copy(update={"retry_server_errors": False})
        if not found:
            return with_retries(partial(pull.create_issue_comment, body), policy=once)
        kept = found[0]
        self.call(partial(kept.edit, body))
        for duplicate in found[1:]:
            self.call(duplicate.delete)
        return kept


def _upsert(run: _Summary, markdown: str, relevant: bool) -> SummaryResult:
    pull = run.pull()
    if not run.head_unchanged(pull.head.sha):
        return SummaryResult(head_moved=True, notifications=tuple(run.notes))
    found = run.ours(pull)
    if not relevant and not found:
        return SummaryResult(action=SummaryAction.NONE)
    body, truncated = (
        summary_body(markdown) if relevant else (not_relevant_body(run.head_sha), False)
    )
    if truncated:
        run.notes.append(
            Notification(
                level=Level.NOTE,
                code="summary-truncated",
                message="the summary comment was shortened to fit GitHub's size limit (lowest "
                "severities first); the job summary has the full report",
            )
        )
    if len(found) == 1 and found[0].body == body:
        url = found[0].html_url
        return SummaryResult(
            comment_url=url,
            action=SummaryAction.UNCHANGED,
            truncated=truncated,
            notifications=tuple(run.notes),
        )
    if not run.head_unchanged():
        return SummaryResult(head_moved=True, notifications=tuple(run.notes))
    comment = run.write(pull, found, body)
    action = SummaryAction.CREATED if not found else SummaryAction.UPDATED
    if found and not relevant:
        action = SummaryAction.REDUCED
    return SummaryResult(
        comment_url=comment.html_url,
        action=action,
        truncated=truncated,
        notifications=tuple(run.notes),
    )


def upsert_summary(
    gh: Github,
    repo: str,
    pr_number: int,
    head_sha: str,
    markdown: str,
    *,
    relevant: bool,
    policy: RetryPolicy | None = None,
) -> SummaryResult:
    """Create or edit the summary comment of pull request `pr_number` of `repo`
    (`owner/name`) for the analysed `head_sha`; see the module docstring."""
    run = _Summary(gh, repo, pr_number, head_sha, policy or RetryPolicy())
    try:
        return _upsert(run, markdown, relevant)
    except (GithubException, OSError) as exc:
        run.notes.append(refusal_note(exc, "summary-comment", "write the summary comment"))
        return SummaryResult(notifications=tuple(run.notes))
