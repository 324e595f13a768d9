"""The `issue_comment` event that may carry `/threatdelta` commands.

Only a comment *created* on a pull request is read: an edited or deleted comment must never
re-run or change a decision (an edit could rewrite a command a maintainer already ran, or
turn someone else's comment into one), so those are `Ignored`, as are comments on plain
issues and comments written by bots (`user.type == "Bot"` or a login ending in `[bot]`:
our own replies must never trigger us). Whether the author may run commands is decided
later from `association` (None when the payload lacks it: refused, fail closed).
"""

from __future__ import annotations

import json
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from threatdelta.errors import ConfigError
from threatdelta.model.base import Frozen

COMMENT_EVENT = "issue_comment"
MAX_BODY = 65_536  # GitHub's limit on a comment body


class _Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class _User(_Payload):
    login: str
    type: str = ""


class _Comment(_Payload):
    id: int
    body: str | None = None
    user: _User | None = None
    author_association: str | None = None
    created_at: datetime
    html_url: str = ""


class _Issue(_Payload):
    number: int
    pull_request: dict[str, object] | None = None


class _CommentPayload(_Payload):
    action: str
    issue: _Issue
    comment: _Comment


class CommandComment(Frozen):
    """A new comment on pull request `number` that may hold commands."""

    comment_id: int
    number: int
    body: str = Field(max_length=MAX_BODY * 4)
    login: str
    association: str | None  # GitHub's author_association; None when the payload lacks it
    created_at: datetime
    html_url: str = ""


class Ignored(Frozen):
    reason: str


def is_bot(login: str, user_type: str) -> bool:
    return user_type == "Bot" or login.endswith("[bot]")


def _read(data: _CommentPayload) -> CommandComment | Ignored:
    comment, issue = data.comment, data.issue
    if data.action != "created":
        return Ignored(
            reason=f"issue_comment action {data.action!r} is ignored: only a new comment "
            "runs commands (an edited comment never re-runs or changes a decision)"
        )
    if issue.pull_request is None:
        return Ignored(reason=f"#{issue.number} is an issue, not a pull request")
    if comment.user is None:
        return Ignored(reason="the comment has no author (a deleted account)")
    if is_bot(comment.user.login, comment.user.type):
        return Ignored(reason=f"the comment was written by the bot {comment.user.login!r}")
    return CommandComment(
        comment_id=comment.id,
        number=issue.number,
        body=(comment.body or "")[: MAX_BODY * 4],
        login=comment.user.login,
        association=comment.author_association,
        created_at=comment.created_at,
        html_url=comment.html_url,
    )


def parse_comment_event(payload_text: str) -> CommandComment | Ignored:
    """The command comment of an `issue_comment` payload, or why there is none."""
    try:
        payload = json.loads(payload_text)
        return _read(_CommentPayload.model_validate(payload))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"the event payload is not valid JSON: {exc}") from None
    except ValidationError as exc:
        where = ", ".join(".".join(map(str, e["loc"])) or "payload" for e in exc.errors()[:3])
        raise ConfigError(
            f"the issue_comment event payload lacks what threatdelta needs ({where})"
        ) from None
