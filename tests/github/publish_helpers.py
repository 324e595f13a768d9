"""What the gate, check and SARIF tests share: a PyGithub client for the fake server, a
clock whose sleeps advance it instantly, and a retry policy that uses that clock."""

from __future__ import annotations

from dataclasses import dataclass, field

import github
from fake_github import FakeGitHub

from threatdelta.github.retry import RetryPolicy

HEAD = "0123456789abcdef0123456789abcdef01234567"
T0 = 1_700_000_000.0


def client(fake: FakeGitHub) -> github.Github:
    """The real PyGithub client, without its transport retry (so faults reach our layer)."""
    return github.Github(
        base_url=fake.url,
        auth=github.Auth.Token("t0k3n"),
        retry=None,
        timeout=10,
        seconds_between_requests=0,
        seconds_between_writes=0,
    )


@dataclass
class FakeClock:
    """Epoch time that only moves when something sleeps; every sleep is recorded."""

    now: float = T0
    sleeps: list[float] = field(default_factory=list)

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def policy(self, **kw: float | int | bool) -> RetryPolicy:
        return RetryPolicy(sleep=self.sleep, clock=self.time, **kw)  # type: ignore[arg-type]
