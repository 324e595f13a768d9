"""The event payload decides what `threatdelta ci` analyses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from threatdelta.errors import ConfigError
from threatdelta.github.event import (
    NotAnalysed,
    PullRequestRun,
    PushRun,
    parse_event,
    read_event,
)

EVENTS = Path(__file__).resolve().parent / "events"
BASE = "9b1c3f0d2a4e6b8c0d1e2f3a4b5c6d7e8f901234"
HEAD = "4f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f43"


def _payload(name: str) -> dict[str, object]:
    data = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_an_opened_pull_request_gives_its_base_and_head_shas_and_number() -> None:
    event = read_event("pull_request", EVENTS / "pull_request_opened.json")
    assert event == PullRequestRun(
        action="opened",
        number=7,
        base_sha=BASE,
        head_sha=HEAD,
        base_ref="main",
        head_ref="bulk-import",
        fork=False,
    )
    assert event.code_scanning_ref == "refs/pull/7/head"


def test_a_pull_request_from_a_fork_is_marked_as_one() -> None:
    event = read_event("pull_request", EVENTS / "pull_request_synchronize_fork.json")
    assert isinstance(event, PullRequestRun)
    assert event.fork is True
    assert event.action == "synchronize"


def test_a_pull_request_whose_fork_was_deleted_counts_as_a_fork() -> None:
    payload = _payload("pull_request_opened.json")
    payload["pull_request"]["head"]["repo"] = None  # type: ignore[index]
    event = parse_event("pull_request", json.dumps(payload))
    assert isinstance(event, PullRequestRun)
    assert event.fork is True


@pytest.mark.parametrize("action", ["opened", "synchronize", "reopened", "ready_for_review"])
def test_every_reviewed_action_runs_the_diff(action: str) -> None:
    payload = _payload("pull_request_opened.json") | {"action": action}
    assert isinstance(parse_event("pull_request", json.dumps(payload)), PullRequestRun)


@pytest.mark.parametrize("action", ["closed", "labeled", "edited", "converted_to_draft"])
def test_other_pull_request_actions_are_not_analysed_and_say_why(action: str) -> None:
    payload = _payload("pull_request_closed.json") | {"action": action}
    event = parse_event("pull_request", json.dumps(payload))
    assert isinstance(event, NotAnalysed)
    assert repr(action) in event.reason


def test_a_push_to_the_default_branch_scans_the_pushed_commit() -> None:
    event = read_event("push", EVENTS / "push_main.json")
    assert event == PushRun(ref="refs/heads/main", sha=HEAD)


def test_a_push_to_another_branch_is_not_analysed() -> None:
    payload = _payload("push_main.json") | {"ref": "refs/heads/feature"}
    event = parse_event("push", json.dumps(payload))
    assert isinstance(event, NotAnalysed)
    assert "not to the default branch (main)" in event.reason


def test_a_tag_push_and_a_branch_deletion_are_not_analysed() -> None:
    tag = _payload("push_main.json") | {"ref": "refs/tags/v1.0.0"}
    deleted = _payload("push_main.json") | {"deleted": True, "after": "0" * 40}
    assert isinstance(parse_event("push", json.dumps(tag)), NotAnalysed)
    deletion = parse_event("push", json.dumps(deleted))
    assert isinstance(deletion, NotAnalysed)
    assert "deleted" in deletion.reason


@pytest.mark.parametrize("name", ["schedule", "workflow_dispatch", "issue_comment"])
def test_other_events_are_not_analysed_and_the_payload_is_not_read(name: str) -> None:
    event = read_event(name, Path("/does/not/exist.json"))
    assert isinstance(event, NotAnalysed)
    assert "pull_request and on push" in event.reason


def test_a_payload_that_is_not_json_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not valid JSON"):
        parse_event("pull_request", "{not json")


def test_a_payload_without_the_pull_request_is_a_config_error_naming_the_field() -> None:
    with pytest.raises(ConfigError, match="pull_request"):
        parse_event("pull_request", json.dumps({"action": "opened"}))


def test_a_sha_that_is_not_a_commit_id_is_refused() -> None:
    payload = _payload("pull_request_opened.json")
    payload["pull_request"]["head"]["sha"] = "--upload-pack=evil"  # type: ignore[index]
    with pytest.raises(ConfigError, match=r"pull_request\.head\.sha is not a commit SHA"):
        parse_event("pull_request", json.dumps(payload))


def test_an_unreadable_payload_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the event payload"):
        read_event("pull_request", tmp_path / "missing.json")
