"""A GitHub call that failed for good, as a notification instead of an exception.

Codes are `<subject>-forbidden` (403 that is not a rate limit: the token lacks a permission,
as a fork's read-only token does), `<subject>-not-found` (404), `<subject>-rejected` (422),
`<subject>-rate-limited` (a rate limit that outlasted the retries) and `<subject>-failed`
(a server or transport error that outlasted the retries).
"""

from __future__ import annotations

from github.GithubException import GithubException

from threatdelta.github.retry import error_message
from threatdelta.model.base import Level, Notification
from threatdelta.reporters.escape import one_line

_MESSAGE_LIMIT = 300
_RATE_LIMIT_WORDS = ("rate limit", "abuse")


def refusal_kind(exc: BaseException) -> str:
    """forbidden | not-found | rejected | rate-limited | failed."""
    if not isinstance(exc, GithubException):
        return "failed"
    message = error_message(exc).lower()
    if exc.status == 429 or (exc.status == 403 and any(w in message for w in _RATE_LIMIT_WORDS)):
        return "rate-limited"
    return {403: "forbidden", 404: "not-found", 422: "rejected"}.get(exc.status, "failed")


def _said(exc: BaseException) -> str:
    if isinstance(exc, GithubException):
        text = one_line(error_message(exc))[:_MESSAGE_LIMIT]
        return f"GitHub answered {exc.status}" + (f" ({text})" if text else "")
    return f"{type(exc).__name__}: {one_line(str(exc))[:_MESSAGE_LIMIT]}"


def refusal_note(exc: BaseException, subject: str, action: str, hint: str = "") -> Notification:
    """The notification for `exc` raised while trying to `action` (a verb phrase)."""
    kind = refusal_kind(exc)
    level = Level.WARNING if kind in ("forbidden", "not-found") else Level.ERROR
    message = f"could not {action}: {_said(exc)}"
    if kind == "forbidden" and not hint:
        hint = "the token lacks the permission (a pull request from a fork gets a read-only token)"
    return Notification(
        level=level,
        code=f"{subject}-{kind}",
        message=message + (f"; {hint}" if hint else ""),
    )
