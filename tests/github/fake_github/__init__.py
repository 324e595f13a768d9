"""A fake GitHub REST API for tests: a real HTTP server on 127.0.0.1 that the real PyGithub
client talks to through `base_url`. See `FakeGitHub`."""

from .fake import FakeGitHub
from .server import RecordedRequest

__all__ = ["FakeGitHub", "RecordedRequest"]
