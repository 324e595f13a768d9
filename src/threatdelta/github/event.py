"""The event that started the job, read from the payload file at `$GITHUB_EVENT_PATH`.

Three outcomes:

- `PullRequestRun`: a `pull_request` (or `pull_request_target`) event whose action is
  opened, synchronize, reopened or ready_for_review: the base and head SHAs to diff, the PR
  number, and whether the head lives in a fork (its token is then read-only).
- `PushRun`: a `push` to the repository's default branch: scan the pushed commit.
- `NotAnalysed`: anything else (another event, another PR action, a push to another branch or
  a tag, a deleted branch), with the reason; `threatdelta ci` says so and succeeds.

Only the payload fields used here are modelled; the rest is ignored. A payload that is not
JSON, or lacks a field we need, is a `ConfigError`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from threatdelta.errors import ConfigError
from threatdelta.github.sarif_upload import pull_ref
from threatdelta.model.base import Frozen

PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")
PULL_REQUEST_ACTIONS = ("opened", "synchronize", "reopened", "ready_for_review")
MAX_EVENT_BYTES = 25 * 1024 * 1024  # GitHub caps webhook payloads at 25 MB
_SHA = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")
_ZERO = "0" * 40


class _Payload(BaseModel):
    """A part of a webhook payload: unknown fields are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class _Repo(_Payload):
    full_name: str
    default_branch: str = ""


class _Branch(_Payload):
    sha: str
    ref: str
    repo: _Repo | None = None  # null when the fork was deleted


class _PullRequest(_Payload):
    number: int
    draft: bool = False
    head: _Branch
    base: _Branch


class _PullRequestPayload(_Payload):
    action: str
    pull_request: _PullRequest


class _PushPayload(_Payload):
    ref: str
    after: str
    deleted: bool = False
    repository: _Repo


class PullRequestRun(Frozen):
    action: str
    number: int
    base_sha: str
    head_sha: str
    base_ref: str  # branch name, e.g. main
    head_ref: str
    fork: bool  # the head is in another repository: the workflow token is read-only
    draft: bool = False

    @property
    def code_scanning_ref(self) -> str:
        return pull_ref(self.number)


class PushRun(Frozen):
    ref: str  # refs/heads/<default branch>
    sha: str


class NotAnalysed(Frozen):
    reason: str


Event = PullRequestRun | PushRun | NotAnalysed


def _sha(value: str, what: str) -> str:
    if not _SHA.fullmatch(value):
        raise ConfigError(f"the event payload's {what} is not a commit SHA: {value[:80]!r}")
    return value


def _pull_request(payload: object, event_name: str) -> Event:
    data = _PullRequestPayload.model_validate(payload)
    if data.action not in PULL_REQUEST_ACTIONS:
        return NotAnalysed(
            reason=f"{event_name} action {data.action!r} is not one threatdelta reviews "
            f"({', '.join(PULL_REQUEST_ACTIONS)})"
        )
    pr = data.pull_request
    head_repo, base_repo = pr.head.repo, pr.base.repo
    fork = head_repo is None or base_repo is None or head_repo.full_name != base_repo.full_name
    return PullRequestRun(
        action=data.action,
        number=pr.number,
        base_sha=_sha(pr.base.sha, "pull_request.base.sha"),
        head_sha=_sha(pr.head.sha, "pull_request.head.sha"),
        base_ref=pr.base.ref,
        head_ref=pr.head.ref,
        fork=fork,
        draft=pr.draft,
    )


def _push(payload: object) -> Event:
    data = _PushPayload.model_validate(payload)
    if data.deleted or data.after == _ZERO:
        return NotAnalysed(reason=f"push deleted {data.ref}: nothing to analyse")
    default = data.repository.default_branch
    if not default or data.ref != f"refs/heads/{default}":
        return NotAnalysed(
            reason=f"push to {data.ref} is not to the default branch "
            f"({default or 'unknown'}): only the default branch is scanned on push"
        )
    return PushRun(ref=data.ref, sha=_sha(data.after, "after"))


def _unsupported(event_name: str) -> NotAnalysed | None:
    if event_name in (*PULL_REQUEST_EVENTS, "push"):
        return None
    return NotAnalysed(
        reason=f"the {event_name!r} event is not analysed: threatdelta runs on "
        "pull_request and on push to the default branch"
    )


def parse_event(event_name: str, payload_text: str) -> Event:
    """What to do for the event `event_name` with this payload."""
    if (unsupported := _unsupported(event_name)) is not None:
        return unsupported
    try:
        payload = json.loads(payload_text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"the event payload is not valid JSON: {exc}") from None
    try:
        return _push(payload) if event_name == "push" else _pull_request(payload, event_name)
    except ValidationError as exc:
        where = ", ".join(".".join(map(str, e["loc"])) or "payload" for e in exc.errors()[:3])
        raise ConfigError(
            f"the {event_name} event payload lacks what threatdelta needs ({where})"
        ) from None


def read_payload(event_path: Path) -> str:
    """The text of the event payload file; unreadable or over 25 MB is a `ConfigError`."""
    try:
        with event_path.open("rb") as handle:
            data = handle.read(MAX_EVENT_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"cannot read the event payload {event_path}: {exc.strerror}") from None
    if len(data) > MAX_EVENT_BYTES:
        raise ConfigError(f"the event payload {event_path} is larger than 25 MB")
    return data.decode("utf-8", errors="replace")


def read_event(event_name: str, event_path: Path) -> Event:
    """`parse_event` on the payload file; an unreadable file is a `ConfigError`."""
    if (unsupported := _unsupported(event_name)) is not None:
        return unsupported
    return parse_event(event_name, read_payload(event_path))
