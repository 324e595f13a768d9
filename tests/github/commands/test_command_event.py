"""The issue_comment payload: only a new comment on a pull request by a person."""

from __future__ import annotations

import json
from typing import Any

import pytest

from threatdelta.errors import ConfigError
from threatdelta.github.commands.event import CommandComment, Ignored, parse_comment_event


def payload(**changes: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "action": "created",
        "issue": {"number": 7, "pull_request": {"url": "https://api.github.com/x/pulls/7"}},
        "comment": {
            "id": 42,
            "body": "/threatdelta recheck",
            "user": {"login": "octocat", "type": "User"},
            "author_association": "MEMBER",
            "created_at": "2026-11-26T23:00:00Z",
            "html_url": "https://github.com/o/r/pull/7#issuecomment-42",
        },
    }
    for key, value in changes.items():
        section, _, name = key.partition("__")
        if name:
            event[section][name] = value
        else:
            event[section] = value
    return event


def read(event: dict[str, Any]) -> CommandComment | Ignored:
    return parse_comment_event(json.dumps(event))


def test_a_new_comment_on_a_pull_request_is_read() -> None:
    comment = read(payload())
    assert isinstance(comment, CommandComment)
    assert (comment.number, comment.comment_id, comment.login) == (7, 42, "octocat")
    assert comment.association == "MEMBER"
    assert comment.created_at.isoformat() == "2026-11-26T23:00:00+00:00"


@pytest.mark.parametrize("action", ["edited", "deleted"])
def test_an_edited_or_deleted_comment_never_runs_a_command(action: str) -> None:
    ignored = read(payload(action=action))
    assert isinstance(ignored, Ignored)
    assert repr(action) in ignored.reason


def test_a_comment_on_a_plain_issue_is_ignored() -> None:
    event = payload()
    del event["issue"]["pull_request"]
    assert isinstance(read(event), Ignored)


@pytest.mark.parametrize(
    "user",
    [
        {"login": "github-actions[bot]", "type": "Bot"},
        {"login": "renovate[bot]", "type": "User"},
        {"login": "some-app", "type": "Bot"},
    ],
)
def test_a_comment_by_a_bot_is_ignored(user: dict[str, str]) -> None:
    ignored = read(payload(comment__user=user))
    assert isinstance(ignored, Ignored)
    assert "bot" in ignored.reason


def test_a_missing_association_is_kept_as_unknown_for_the_refusal() -> None:
    event = payload()
    del event["comment"]["author_association"]
    comment = read(event)
    assert isinstance(comment, CommandComment)
    assert comment.association is None


def test_a_payload_without_the_comment_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="issue_comment event payload lacks"):
        read({"action": "created", "issue": {"number": 7}})


def test_a_payload_that_is_not_json_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not valid JSON"):
        parse_comment_event("{not json")
