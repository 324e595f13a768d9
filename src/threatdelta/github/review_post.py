"""Posting one review: a pending review with the line comments, file-level threads added
over GraphQL, then submitted as `COMMENT`; a pending review is invisible to others until
then, so a refusal or a moved head leaves nothing behind (the pending review is deleted, and
a crash before that leaves one marked ours, which the next run clears).

When GitHub answers 422 (it does not say which comment it refused), the refused comments
are found by bisection: a half is probed as a pending review, deleted at once if accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import cast

from github.Commit import Commit
from github.GithubException import GithubException
from github.PullRequest import PullRequest, ReviewComment
from github.PullRequestReview import PullRequestReview

from threatdelta.github.retry import RetryPolicy, with_retries
from threatdelta.github.review_plan import PlannedComment
from threatdelta.github.review_threads import add_file_thread
from threatdelta.model.base import Frozen, Level, Notification


class Posted(Frozen):
    review_url: str | None = None
    posted: tuple[PlannedComment, ...] = ()
    rejected: tuple[PlannedComment, ...] = ()
    head_moved: bool = False
    notifications: tuple[Notification, ...] = ()


def payload(comment: PlannedComment) -> ReviewComment:
    """The create-review `comments[]` item of a line comment."""
    anchor = comment.anchor
    assert anchor.line is not None
    spec: dict[str, object] = {
        "path": anchor.path,
        "body": comment.body,
        "line": anchor.line,
        "side": "RIGHT",
    }
    if anchor.start_line is not None and anchor.start_line < anchor.line:
        spec.update(start_line=anchor.start_line, start_side="RIGHT")
    return cast(ReviewComment, spec)


def _where(comment: PlannedComment) -> str:
    anchor = comment.anchor
    return f"{anchor.path}:{anchor.line}" if anchor.line is not None else anchor.path


def _rejected_note(comment: PlannedComment, why: str) -> Notification:
    return Notification(
        level=Level.WARNING,
        code="review-comment-rejected",
        path=comment.anchor.path,
        message=f"GitHub refused the inline comment on {_where(comment)} ({why}); "
        "the threat is listed in the summary comment instead",
    )


class ReviewPoster:
    def __init__(
        self,
        pull: PullRequest,
        commit: Commit,
        policy: RetryPolicy,
        head_unchanged: Callable[[], bool],
    ) -> None:
        self.pull, self.commit, self.policy = pull, commit, policy
        self.head_unchanged = head_unchanged
        self._create_policy = policy.model_copy(update={"retry_server_errors": False})

    def _create(self, comments: Sequence[PlannedComment], body: str) -> PullRequestReview:
        create = partial(
            self.pull.create_review,
            commit=self.commit,
            body=body,
            comments=[payload(c) for c in comments],
        )
        return with_retries(create, policy=self._create_policy)

    def _delete(self, review: PullRequestReview) -> None:
        with_retries(review.delete, policy=self.policy)

    def _accepted(self, comments: Sequence[PlannedComment], body: str) -> bool:
        try:
            probe = self._create(comments, body)
        except GithubException as exc:
            if exc.status == 422:
                return False
            raise
        self._delete(probe)
        return True

    def _refused(self, comments: Sequence[PlannedComment], body: str) -> list[PlannedComment]:
        if len(comments) == 1:
            return list(comments)
        middle = len(comments) // 2
        refused: list[PlannedComment] = []
        for half in (comments[:middle], comments[middle:]):
            if not self._accepted(half, body):
                refused += self._refused(half, body)
        return refused

    def _pending(
        self, lines: Sequence[PlannedComment], body: str, *, keep_empty: bool
    ) -> tuple[PullRequestReview | None, list[PlannedComment]]:
        """The pending review with every line comment GitHub accepts, and those it refused;
        no review when none is accepted and `keep_empty` is False."""
        try:
            return self._create(lines, body), []
        except GithubException as exc:
            if exc.status != 422 or not lines:
                raise
        refused = list(lines) if len(lines) == 1 else self._refused(lines, body)
        kept = [c for c in lines if c not in refused]
        if not kept and not keep_empty:
            return None, refused
        return self._create(kept, body), refused

    def _file_threads(
        self, review: PullRequestReview, files: Sequence[PlannedComment]
    ) -> tuple[list[PlannedComment], list[Notification]]:
        added: list[PlannedComment] = []
        notes: list[Notification] = []
        requester = self.pull.requester
        for comment in files:
            try:
                add_file_thread(
                    requester, review.node_id, comment.anchor.path, comment.body, self.policy
                )
            except GithubException as exc:
                notes.append(_rejected_note(comment, f"GitHub answered {exc.status}"))
                continue
            added.append(comment)
        return added, notes

    def _submit(self, review: PullRequestReview, body: str) -> None:
        url = f"{self.pull.url}/reviews/{review.id}/events"
        submit = partial(
            self.pull.requester.requestJsonAndCheck,
            "POST",
            url,
            input={"event": "COMMENT", "body": body},
        )
        with_retries(submit, policy=self._create_policy)

    def post(self, comments: Sequence[PlannedComment], body: str) -> Posted:
        lines = [c for c in comments if c.anchor.line is not None]
        files = [c for c in comments if c.anchor.line is None]
        review, refused = self._pending(lines, body, keep_empty=bool(files))
        notes = [_rejected_note(c, "422 Unprocessable Entity") for c in refused]
        if review is None:
            return Posted(rejected=tuple(refused), notifications=tuple(notes))
        try:
            added, file_notes = self._file_threads(review, files)
            notes += file_notes
            posted = [c for c in lines if c not in refused] + added
            rejected = refused + [c for c in files if c not in added]
            moved = bool(posted) and not self.head_unchanged()
            if not posted or moved:
                self._delete(review)
                return Posted(
                    rejected=tuple(rejected), head_moved=moved, notifications=tuple(notes)
                )
            self._submit(review, body)
        except BaseException:
            self._discard(review)
            raise
        return Posted(
            review_url=review.html_url,
            posted=tuple(posted),
            rejected=tuple(rejected),
            notifications=tuple(notes),
        )

    def _discard(self, review: PullRequestReview) -> None:
        """Best effort: a pending review left behind is cleared by the next run."""
        try:
            self._delete(review)
        except (GithubException, OSError):
            return
