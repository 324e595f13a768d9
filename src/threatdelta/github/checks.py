"""The required check: a check run named `threatdelta`, or a commit status, on the head SHA.

`mode` (the `check-mode` input):

- `check`: one check run, created already `completed` with the gate's conclusion and the
  first 50 annotations (so the required check reports even if a later request fails), then
  PATCHed with the next annotations, 50 per request (GitHub appends them). A check run the
  token may not create (403, e.g. no `checks: write`) falls back to a commit status.
- `status`: one commit status with context `threatdelta`. Conclusion to state: success ->
  success; failure -> failure (verdict FAIL) or error (verdict INCOMPLETE, the analysis did
  not finish); neutral (soft-fail, or incomplete-conclusion neutral) -> success, since a
  status has no neutral state and soft-fail must never block; the description still says the
  verdict.
- `off`: nothing.

Nothing here raises for GitHub's answers: a refusal (403 "Resource not accessible by
integration", 404), a rejected request (422) or a server error that outlasts the retries
becomes a notification in the `CheckResult`; the process exit code follows the gate, not
API hiccups. Every request goes through `retry.with_retries`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar

from github import Github
from github.CheckRun import CheckRun
from github.GithubException import GithubException
from github.GithubObject import NotSet
from github.Repository import Repository

from threatdelta.diff.delta import DeltaReport
from threatdelta.errors import ConfigError
from threatdelta.github.check_output import (
    Annotation,
    annotation,
    check_summary,
    check_title,
    counted_threats,
    status_description,
)
from threatdelta.github.gate import Conclusion, Gate, GateVerdict
from threatdelta.github.refusal import refusal_note
from threatdelta.github.retry import RetryPolicy, with_retries
from threatdelta.model.base import Frozen, Level, Notification
from threatdelta.report import ScanReport

CHECK_NAME = "threatdelta"
ANNOTATIONS_PER_REQUEST = 50
DEFAULT_MAX_ANNOTATIONS = 500
T = TypeVar("T")


class CheckMode(StrEnum):
    CHECK = "check"
    STATUS = "status"
    OFF = "off"


class CheckResult(Frozen):
    mode: CheckMode  # what was asked
    posted_as: CheckMode = CheckMode.OFF  # what exists on the head SHA now (OFF: nothing)
    check_run_id: int | None = None
    url: str | None = None  # the check run's html_url
    annotations_sent: int = 0
    notifications: tuple[Notification, ...] = ()


class _Output(Frozen):
    title: str
    summary: str
    annotations: tuple[Annotation, ...]

    def payload(self, batch: Sequence[Annotation]) -> dict[str, Any]:
        return {
            "title": self.title,
            "summary": self.summary,
            "annotations": [a.model_dump(exclude_none=True, mode="json") for a in batch],
        }


def _batches(items: Sequence[Annotation]) -> list[Sequence[Annotation]]:
    step = ANNOTATIONS_PER_REQUEST
    return [items[i : i + step] for i in range(0, len(items), step)] or [()]


def _output(
    gate: Gate, report: DeltaReport | ScanReport, cap: int
) -> tuple[_Output, list[Notification]]:
    threats = counted_threats(report)
    notes = []
    if len(threats) > cap:
        notes.append(
            Notification(
                level=Level.WARNING,
                code="check-annotations-capped",
                message=f"{len(threats)} threats, annotated the {cap} most severe only",
            )
        )
    output = _Output(
        title=check_title(gate, report),
        summary=check_summary(gate, report),
        annotations=tuple(annotation(t) for t in threats[:cap]),
    )
    return output, notes


@dataclass(frozen=True)
class _Target:
    """Where and how to report: the client, the repository, the head SHA, the retry policy."""

    gh: Github
    repo: str
    head_sha: str
    policy: RetryPolicy
    details_url: str | None

    def call(self, fn: Callable[[], T]) -> T:
        return with_retries(fn, policy=self.policy)


def _create_run(
    target: _Target, repository: Repository, gate: Gate, payload: dict[str, Any]
) -> CheckRun:
    return repository.create_check_run(
        name=CHECK_NAME,
        head_sha=target.head_sha,
        status="completed",
        conclusion=gate.conclusion.value,
        completed_at=datetime.now(UTC),
        output=payload,
        details_url=target.details_url or NotSet,
    )


def _add_annotations(
    target: _Target, run: CheckRun, output: _Output, sent: int
) -> tuple[int, list[Notification]]:
    """PATCH the annotations after the first batch; (annotations sent in all, notifications)."""
    for batch in _batches(output.annotations)[1:]:
        try:
            target.call(partial(run.edit, output=output.payload(batch)))
        except (GithubException, OSError) as exc:
            note = refusal_note(exc, "check-annotations", "add annotations to the check run")
            total = len(output.annotations)
            message = f"{note.message}; {sent} of {total} annotations sent"
            return sent, [note.model_copy(update={"message": message})]
        sent += len(batch)
    return sent, []


def _post_check_run(
    target: _Target, gate: Gate, output: _Output
) -> tuple[CheckRun | None, int, list[Notification]]:
    """(the run or None, annotations sent, notifications)."""
    first = _batches(output.annotations)[0]
    try:
        repository = target.call(partial(target.gh.get_repo, target.repo))
        run = target.call(partial(_create_run, target, repository, gate, output.payload(first)))
    except (GithubException, OSError) as exc:
        return None, 0, [refusal_note(exc, "check-run", "create the check run")]
    sent, notes = _add_annotations(target, run, output, len(first))
    return run, sent, notes


def status_state(gate: Gate) -> str:
    """The commit status state for a gate (see the module docstring)."""
    if gate.conclusion is Conclusion.FAILURE:
        return "error" if gate.verdict is GateVerdict.INCOMPLETE else "failure"
    return "success"


def _post_status(target: _Target, gate: Gate) -> Notification | None:
    body: dict[str, str] = {
        "state": status_state(gate),
        "description": status_description(gate),
        "context": CHECK_NAME,
    }
    if target.details_url:
        body["target_url"] = target.details_url
    url = f"/repos/{target.repo}/statuses/{target.head_sha}"
    post = partial(target.gh.requester.requestJsonAndCheck, "POST", url, input=body)
    try:
        target.call(post)
    except (GithubException, OSError) as exc:
        return refusal_note(exc, "commit-status", "set the commit status")
    return None


def _status_result(
    target: _Target, gate: Gate, asked: CheckMode, notes: list[Notification]
) -> CheckResult:
    failed = _post_status(target, gate)
    return CheckResult(
        mode=asked,
        posted_as=CheckMode.OFF if failed else CheckMode.STATUS,
        notifications=(*notes, *([failed] if failed else [])),
    )


def report_check(
    gh: Github,
    repo: str,
    head_sha: str,
    gate: Gate,
    report: DeltaReport | ScanReport,
    *,
    mode: str,
    details_url: str | None = None,
    policy: RetryPolicy | None = None,
    max_annotations: int = DEFAULT_MAX_ANNOTATIONS,
) -> CheckResult:
    """Report the gate on `head_sha` as `mode` says; never raises for GitHub's answers."""
    try:
        asked = CheckMode(mode)
    except ValueError:
        raise ConfigError(f"check-mode must be check, status or off, not {mode!r}") from None
    if asked is CheckMode.OFF:
        return CheckResult(mode=asked)
    target = _Target(gh, repo, head_sha, policy or RetryPolicy(), details_url)
    if asked is CheckMode.STATUS:
        return _status_result(target, gate, asked, [])
    output, notes = _output(gate, report, max_annotations)
    run, sent, failed = _post_check_run(target, gate, output)
    if run is None and failed and failed[0].code == "check-run-forbidden":
        return _status_result(target, gate, asked, [*notes, *failed])
    return CheckResult(
        mode=asked,
        posted_as=CheckMode.CHECK if run is not None else CheckMode.OFF,
        check_run_id=run.id if run is not None else None,
        url=run.html_url if run is not None else None,
        annotations_sent=sent,
        notifications=(*notes, *failed),
    )
