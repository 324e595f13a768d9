"""The PyGithub client every GitHub call goes through.

PyGithub's own retry (urllib3 underneath) handles the transport: connection errors, and 5xx
answers to idempotent requests (GET, PUT, PATCH, DELETE: our PATCHes set a whole body, so
repeating one is harmless), honouring `retry-after`. A POST is never repeated here, because
a 502 may hide a comment that was in fact created; rate limits (403/429) are left to our
tenacity layer (`retry.with_retries`), which reads GitHub's rate-limit headers.

`base_url` is `GITHUB_API_URL`, so GitHub Enterprise Server (`https://host/api/v3`) works.
PyGithub's pacing (a pause between requests and a longer one between writes, as GitHub asks
of integrations to avoid secondary rate limits) is kept by default; tests turn it off.
"""

from __future__ import annotations

from typing import Literal

import github
from urllib3.util.retry import Retry

DEFAULT_TIMEOUT = 30  # seconds per request
_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"})
_SERVER_ERRORS = (500, 502, 503, 504)
_USER_AGENT = "threatdelta"


def transport_retry(*, total: int = 3, backoff_factor: float = 1.0) -> Retry:
    """Retries for connection errors and 5xx answers to idempotent requests."""
    return Retry(
        total=total,
        connect=total,
        read=total,
        status=total,
        other=0,
        status_forcelist=_SERVER_ERRORS,
        allowed_methods=_IDEMPOTENT,
        backoff_factor=backoff_factor,
        backoff_max=30.0,
        respect_retry_after_header=True,
        raise_on_status=False,  # the last answer reaches PyGithub, which raises its exception
    )


def make_github(
    token: str,
    api_url: str,
    *,
    timeout: int = DEFAULT_TIMEOUT,
    retry: Retry | Literal["default"] | None = "default",
    seconds_between_requests: float | None = 0.25,
    seconds_between_writes: float | None = 1.0,
) -> github.Github:
    """A client for `api_url` authenticated by `token`, listing 100 items per page.
    `retry`: the transport retry (`transport_retry()` by default; None: none, as in
    PyGithub)."""
    return github.Github(
        base_url=api_url.rstrip("/"),
        auth=github.Auth.Token(token),
        timeout=timeout,
        user_agent=_USER_AGENT,
        per_page=100,
        retry=transport_retry() if retry == "default" else retry,
        seconds_between_requests=seconds_between_requests,
        seconds_between_writes=seconds_between_writes,
    )
