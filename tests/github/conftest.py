from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_github import FakeGitHub


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """A fake GitHub REST API on 127.0.0.1 (under the Enterprise-style prefix /api/v3), with
    repository `octo-org/octo-repo`. Point PyGithub at `fake_github.url`."""
    server = FakeGitHub().start()
    try:
        yield server
    finally:
        server.stop()
