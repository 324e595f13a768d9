"""A fake Anthropic Messages API for tests: a real HTTP server on 127.0.0.1 that the real
`anthropic` SDK talks to through `base_url`. See `FakeAnthropic` and `replies`."""

from . import replies
from .replies import Reply
from .server import FakeAnthropic, RecordedRequest, fake_anthropic, running

__all__ = ["FakeAnthropic", "RecordedRequest", "Reply", "fake_anthropic", "replies", "running"]
