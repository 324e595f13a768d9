"""The GitHub side of a command run: the pull request it is about, the reaction on the
command's comment and the reply. A reaction or a reply GitHub refuses is a notification,
never an exception (the decision, if committed, stands either way)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from github.GithubException import GithubException
from github.IssueComment import IssueComment
from github.PullRequest import PullRequest
from github.Repository import Repository

from threatdelta.github.commands.event import CommandComment
from threatdelta.github.event import PullRequestRun
from threatdelta.github.refusal import refusal_note
from threatdelta.github.retry import RetryPolicy, with_retries
from threatdelta.model.base import Notification
from threatdelta.reporters.escape import one_line

COMMAND_ACTION = "command"  # PullRequestRun.action of a run started by a command


class Reaction(StrEnum):
    DONE = "+1"  # the command ran (a decision committed, or a recheck)
    REFUSED = "confused"  # refused: unknown author, unknown id, malformed line
    SEEN = "eyes"  # seen and working; stays alone when a maintainer must commit


@dataclass
class Session:
    repo: Repository
    comment: CommandComment
    policy: RetryPolicy
    notes: list[Notification] = field(default_factory=list)
    _issue_comment: IssueComment | None = None

    def _target(self) -> IssueComment:
        if self._issue_comment is None:
            issue = with_retries(
                partial(self.repo.get_issue, self.comment.number), policy=self.policy
            )
            self._issue_comment = with_retries(
                partial(issue.get_comment, self.comment.comment_id), policy=self.policy
            )
        return self._issue_comment

    def react(self, reaction: Reaction) -> None:
        try:
            with_retries(
                partial(self._target().create_reaction, reaction.value), policy=self.policy
            )
        except (GithubException, OSError) as exc:
            self.notes.append(refusal_note(exc, "command-reaction", "react to the command"))

    def reply(self, body: str) -> str:
        """Post the reply on the pull request; its URL ("" when GitHub refused it)."""
        once = self.policy.model_copy(update={"retry_server_errors": False})
        try:
            issue = with_retries(
                partial(self.repo.get_issue, self.comment.number), policy=self.policy
            )
            posted = with_retries(partial(issue.create_comment, body), policy=once)
        except (GithubException, OSError) as exc:
            self.notes.append(refusal_note(exc, "command-reply", "reply to the command"))
            return ""
        return str(posted.html_url)

    def pull(self) -> PullRequest:
        return with_retries(partial(self.repo.get_pull, self.comment.number), policy=self.policy)


def pull_request_run(pull: PullRequest, base_repository: str) -> PullRequestRun:
    """The pull request as the `pull_request` flow sees it (fork: the head is elsewhere)."""
    head_repo = pull.head.repo
    fork = head_repo is None or head_repo.full_name != base_repository
    return PullRequestRun(
        action=COMMAND_ACTION,
        number=pull.number,
        base_sha=pull.base.sha,
        head_sha=pull.head.sha,
        base_ref=one_line(pull.base.ref),
        head_ref=one_line(pull.head.ref),
        fork=fork,
    )
