"""Retries around our own GitHub calls: rate limits, secondary rate limits and server errors.

PyGithub's own retry (configured in `client.make_github`) handles transport errors below us;
this layer, built on tenacity, wraps each call we make and decides from the
`GithubException` that reached us:

- `retry-after` present (403, 429 or 5xx): wait exactly that many seconds (or until that
  HTTP date), every time GitHub sends it.
- primary rate limit (403/429 with `x-ratelimit-remaining: 0`): wait until
  `x-ratelimit-reset` (epoch seconds).
- secondary rate limit without `retry-after` (403/429 whose message says so, or any 429):
  `secondary_wait` (GitHub asks for at least a minute), doubling on each further hit, capped
  at `max_wait`.
- 5xx: exponential backoff from `base_wait`, capped at `max_wait` (unless
  `retry_server_errors` is off).
- anything else (403 "Resource not accessible by integration", 404, 422, ...) is raised at
  once: the caller turns it into a notification.

At most `max_attempts` calls; a header asking for a wait longer than `max_header_wait` is
not honoured and the error is raised (a job should not sit idle for an hour). `sleep` and
`clock` are injectable so tests never wait.

How to wrap a write (engineer A and everyone else): wrap *one request* in a closure, never a
sequence of requests (a retried step must not repeat the writes before it):

    comment = with_retries(lambda: issue.create_comment(body), policy=policy)

For a create that is not idempotent (a review, a comment), pass
`policy.model_copy(update={"retry_server_errors": False})`: GitHub rejects rate-limited
requests before acting on them, but a 502 may hide a comment that was in fact created, so
such a write is retried on rate limits only and a lost one is found by its marker next run.
Writes are serialised: call them one after the other, never from threads.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import TypeVar

from github.GithubException import GithubException
from pydantic import Field
from tenacity import RetryCallState, Retrying, retry_if_exception

from threatdelta.model.base import Frozen

T = TypeVar("T")

_RATE_LIMIT_STATUSES = frozenset({403, 429})
_SECONDARY_MARKERS = (
    "secondary rate limit",
    "please retry your request again later",
    "please wait a few minutes before you try again",
    "abuse detection",
)


class RetryPolicy(Frozen):
    max_attempts: int = Field(default=5, ge=1)
    base_wait: float = Field(default=1.0, ge=0)  # first backoff after a 5xx
    max_wait: float = Field(default=300.0, ge=0)  # cap of every exponential backoff
    secondary_wait: float = Field(default=60.0, ge=0)  # first wait on a secondary limit
    max_header_wait: float = Field(default=900.0, ge=0)  # longest header-given wait honoured
    retry_server_errors: bool = True
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time  # epoch seconds, as in x-ratelimit-reset


def _headers(exc: GithubException) -> dict[str, str]:
    raw: Mapping[str, str] = exc.headers or {}
    return {str(key).lower(): str(value) for key, value in raw.items()}


def error_message(exc: GithubException) -> str:
    """The `message` GitHub sent (or the raw body), for notifications and matching."""
    data = exc.data
    if isinstance(data, dict):
        return str(data.get("message") or "")
    return str(data or "")


def _retry_after(headers: Mapping[str, str], now: float) -> float | None:
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(parsedate_to_datetime(value).timestamp() - now, 0.0)
    except (TypeError, ValueError):
        return None


def _reset_wait(headers: Mapping[str, str], now: float) -> float | None:
    if headers.get("x-ratelimit-remaining") != "0":
        return None
    reset = headers.get("x-ratelimit-reset", "")
    return max(float(reset) - now, 0.0) if reset.isdigit() else None


def _is_secondary(exc: GithubException) -> bool:
    message = error_message(exc).lower()
    return exc.status == 429 or any(marker in message for marker in _SECONDARY_MARKERS)


def _backoff(start: float, attempt: int, cap: float) -> float:
    return float(min(start * 2 ** (attempt - 1), cap))


def retry_wait(exc: BaseException, attempt: int, policy: RetryPolicy) -> float | None:
    """Seconds to wait after the `attempt`-th failed call raised `exc`; None: do not retry."""
    if not isinstance(exc, GithubException):
        return None
    headers = _headers(exc)
    now = policy.clock()
    after = _retry_after(headers, now)
    if exc.status in _RATE_LIMIT_STATUSES:
        reset = _reset_wait(headers, now)
        if after is not None or reset is not None:
            return after if after is not None else reset
        if _is_secondary(exc):
            return _backoff(policy.secondary_wait, attempt, policy.max_wait)
        return None
    if exc.status >= 500 and policy.retry_server_errors:
        return after if after is not None else _backoff(policy.base_wait, attempt, policy.max_wait)
    return None


def with_retries(
    fn: Callable[[], T],
    *,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] | None = None,
) -> T:
    """`fn()`, retried as the module docstring says; the last error is raised unchanged.
    `sleep` overrides the policy's (a shortcut for tests)."""
    chosen = policy or RetryPolicy()
    if sleep is not None:
        chosen = chosen.model_copy(update={"sleep": sleep})

    def wait_of(state: RetryCallState) -> float | None:
        exc = state.outcome.exception() if state.outcome else None
        return retry_wait(exc, state.attempt_number, chosen) if exc else None

    def stop(state: RetryCallState) -> bool:
        wait = wait_of(state)
        too_long = wait is not None and wait > chosen.max_header_wait
        return state.attempt_number >= chosen.max_attempts or too_long

    retrying = Retrying(
        retry=retry_if_exception(lambda exc: retry_wait(exc, 1, chosen) is not None),
        stop=stop,
        wait=lambda state: wait_of(state) or 0.0,
        sleep=chosen.sleep,
        reraise=True,
    )
    return retrying(fn)
