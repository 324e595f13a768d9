"""Retries of our GitHub calls: the real PyGithub client against the fake server, faults
injected there, waits recorded by a fake clock (nothing here really sleeps)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import github
import pytest
from fake_github import FakeGitHub
from fake_github.faults import READ_ONLY_MESSAGE, error_body
from publish_helpers import HEAD, T0, FakeClock, client

from threatdelta.github.retry import RetryPolicy, retry_wait, with_retries

STATUSES = r"/repos/[^/]+/[^/]+/statuses/[0-9a-f]+"


def _post_status(fake: FakeGitHub) -> Callable[[], tuple[dict[str, Any], Any]]:
    gh = client(fake)

    def post() -> tuple[dict[str, Any], Any]:
        return gh.requester.requestJsonAndCheck(
            "POST",
            f"/repos/{fake.repo}/statuses/{HEAD}",
            input={"state": "success", "context": "threatdelta"},
        )

    return post


def _status_posts(fake: FakeGitHub) -> list[int]:
    return [r.status for r in fake.requests_to("POST", f"/statuses/{HEAD}")]


def test_secondary_rate_limit_waits_exactly_the_retry_after_header(
    fake_github: FakeGitHub,
) -> None:
    fake_github.secondary_rate_limit("POST", STATUSES, retry_after=7, times=2)
    clock = FakeClock()
    with_retries(_post_status(fake_github), policy=clock.policy())
    assert clock.sleeps == [7.0, 7.0]
    assert _status_posts(fake_github) == [403, 403, 201]
    assert [s["state"] for s in fake_github.statuses()] == ["success"]


def test_sleep_argument_overrides_the_policy_sleep(fake_github: FakeGitHub) -> None:
    fake_github.secondary_rate_limit("POST", STATUSES, retry_after=3)
    slept: list[float] = []
    with_retries(_post_status(fake_github), sleep=slept.append)
    assert slept == [3.0]


def test_secondary_rate_limit_without_retry_after_starts_at_a_minute_and_doubles(
    fake_github: FakeGitHub,
) -> None:
    fake_github.secondary_rate_limit("POST", STATUSES, times=3)
    clock = FakeClock()
    with_retries(_post_status(fake_github), policy=clock.policy())
    assert clock.sleeps == [60.0, 120.0, 240.0]
    assert _status_posts(fake_github) == [403, 403, 403, 201]


def test_secondary_backoff_base_is_configurable_and_capped(fake_github: FakeGitHub) -> None:
    fake_github.secondary_rate_limit("POST", STATUSES, times=4)
    clock = FakeClock()
    policy = clock.policy(secondary_wait=0.01, max_wait=0.03)
    with_retries(_post_status(fake_github), policy=policy)
    assert clock.sleeps == [0.01, 0.02, 0.03, 0.03]


def test_primary_rate_limit_waits_until_the_reset_time(fake_github: FakeGitHub) -> None:
    reset = int(T0) + 42
    fake_github.fail(
        "POST",
        STATUSES,
        403,
        body=error_body("API rate limit exceeded for installation ID 1.", 403),
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)},
    )
    clock = FakeClock()
    with_retries(_post_status(fake_github), policy=clock.policy())
    assert clock.sleeps == [42.0]
    assert _status_posts(fake_github) == [403, 201]


def test_429_with_retry_after_is_honoured(fake_github: FakeGitHub) -> None:
    fake_github.fail("POST", STATUSES, 429, headers={"Retry-After": "5"})
    clock = FakeClock()
    with_retries(_post_status(fake_github), policy=clock.policy())
    assert clock.sleeps == [5.0]


def test_server_errors_back_off_exponentially_then_succeed(fake_github: FakeGitHub) -> None:
    fake_github.server_errors("POST", STATUSES, times=3, status=502)
    clock = FakeClock()
    with_retries(_post_status(fake_github), policy=clock.policy(base_wait=0.5))
    assert clock.sleeps == [0.5, 1.0, 2.0]
    assert _status_posts(fake_github) == [502, 502, 502, 201]


def test_attempts_are_bounded_and_the_last_error_is_raised(fake_github: FakeGitHub) -> None:
    fake_github.server_errors("POST", STATUSES, times=10, status=503)
    clock = FakeClock()
    with pytest.raises(github.GithubException) as caught:
        with_retries(_post_status(fake_github), policy=clock.policy(max_attempts=3))
    assert caught.value.status == 503
    assert _status_posts(fake_github) == [503, 503, 503]
    assert len(clock.sleeps) == 2


def test_read_only_token_is_not_retried(fake_github: FakeGitHub) -> None:
    fake_github.read_only_token()
    clock = FakeClock()
    with pytest.raises(github.GithubException) as caught:
        with_retries(_post_status(fake_github), policy=clock.policy())
    assert caught.value.status == 403
    assert caught.value.data["message"] == READ_ONLY_MESSAGE
    assert _status_posts(fake_github) == [403]
    assert clock.sleeps == []


def test_unprocessable_request_is_not_retried(fake_github: FakeGitHub) -> None:
    gh = client(fake_github)
    clock = FakeClock()

    def bad_state() -> object:
        return gh.requester.requestJsonAndCheck(
            "POST", f"/repos/{fake_github.repo}/statuses/{HEAD}", input={"state": "maybe"}
        )

    with pytest.raises(github.GithubException) as caught:
        with_retries(bad_state, policy=clock.policy())
    assert caught.value.status == 422
    assert clock.sleeps == []


def test_a_wait_longer_than_the_policy_allows_is_not_honoured(fake_github: FakeGitHub) -> None:
    fake_github.secondary_rate_limit("POST", STATUSES, retry_after=3600)
    clock = FakeClock()
    with pytest.raises(github.GithubException) as caught:
        with_retries(_post_status(fake_github), policy=clock.policy(max_header_wait=600))
    assert caught.value.status == 403
    assert clock.sleeps == []
    assert _status_posts(fake_github) == [403]


def test_non_idempotent_writes_can_opt_out_of_server_error_retries(
    fake_github: FakeGitHub,
) -> None:
    fake_github.server_errors("POST", STATUSES, times=1, status=502)
    clock = FakeClock()
    with pytest.raises(github.GithubException):
        with_retries(_post_status(fake_github), policy=clock.policy(retry_server_errors=False))
    assert _status_posts(fake_github) == [502]


def test_rate_limits_are_still_retried_when_server_errors_are_not(
    fake_github: FakeGitHub,
) -> None:
    fake_github.secondary_rate_limit("POST", STATUSES, retry_after=2)
    clock = FakeClock()
    with_retries(_post_status(fake_github), policy=clock.policy(retry_server_errors=False))
    assert clock.sleeps == [2.0]


def _exception(status: int, headers: dict[str, str], message: str = "") -> github.GithubException:
    return github.GithubException(status, {"message": message}, headers)


def test_retry_after_as_an_http_date_waits_until_that_date() -> None:
    clock = FakeClock()
    when = datetime.fromtimestamp(T0 + 90, tz=UTC)
    exc = _exception(503, {"Retry-After": format_datetime(when, usegmt=True)})
    assert retry_wait(exc, 1, clock.policy()) == 90.0


def test_a_403_that_is_not_a_rate_limit_is_final() -> None:
    exc = _exception(403, {"X-RateLimit-Remaining": "4999"}, READ_ONLY_MESSAGE)
    assert retry_wait(exc, 1, RetryPolicy()) is None


def test_errors_that_are_not_from_github_are_not_retried() -> None:
    assert retry_wait(ValueError("boom"), 1, RetryPolicy()) is None
