"""Upload a SARIF log to GitHub code scanning and wait until GitHub has processed it.

`POST /repos/{owner}/{repo}/code-scanning/sarifs` with `commit_sha` (the head), `ref`
(`refs/pull/<n>/head` on a pull request, `refs/heads/<branch>` on a push), `sarif` (the
prepared log, gzipped then base64-encoded) and `tool_name` `threatdelta`; then
`GET .../code-scanning/sarifs/{id}` every `poll_seconds` until `processing_status` is
`complete` or `failed`, or `timeout_seconds` have passed. The log goes through
`sarif_limits.prepare_sarif` first (category in `automationDetails.id`, GitHub's limits).

PyGithub does not wrap these endpoints, so the calls go through its `Requester`
(`gh.requester.requestJsonAndCheck`): authentication, base URL (GitHub Enterprise Server)
and transport retries stay PyGithub's, and each call is wrapped in `retry.with_retries`.

Nothing here raises for GitHub's answers. "Code scanning is not enabled" / "Advanced
Security must be enabled" (404/403) and a token without `security-events: write` are
warnings: the SARIF file is still written for the user. A processing failure, a poll that
times out or a server error that outlasts the retries is a notification too.
"""

from __future__ import annotations

import base64
import re
from enum import StrEnum
from functools import partial
from typing import Any

from github import Github
from github.GithubException import GithubException

from threatdelta import TOOL_NAME
from threatdelta.github.refusal import refusal_note
from threatdelta.github.retry import RetryPolicy, with_retries
from threatdelta.github.sarif_limits import SarifInvalid, gzipped, prepare_sarif
from threatdelta.model.base import Frozen, Level, Notification

_REF = re.compile(r"refs/(heads/.+|tags/.+|pull/\d+/(head|merge))")
_SHA = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")
_HINT = (
    "code scanning needs to be enabled for the repository (GitHub Advanced Security on a "
    "private one) and the workflow needs `security-events: write`; the SARIF file is still "
    "written and can be uploaded with github/codeql-action/upload-sarif"
)


class ProcessingStatus(StrEnum):
    PENDING = "pending"  # still pending when the poll timed out
    COMPLETE = "complete"
    FAILED = "failed"


class UploadResult(Frozen):
    uploaded: bool  # GitHub accepted the upload (202)
    sarif_id: str | None = None
    processing_status: ProcessingStatus | None = None  # None: never polled successfully
    analyses_url: str | None = None
    notifications: tuple[Notification, ...] = ()


def pull_ref(number: int) -> str:
    return f"refs/pull/{number}/head"


def branch_ref(branch: str) -> str:
    return branch if branch.startswith("refs/") else f"refs/heads/{branch}"


def encoded(sarif_text: str) -> str:
    """The `sarif` field: the text gzipped, then base64 (standard alphabet)."""
    return base64.b64encode(gzipped(sarif_text)).decode("ascii")


def _error(code: str, message: str, level: Level = Level.ERROR) -> Notification:
    return Notification(level=level, code=code, message=message)


def _checked(commit_sha: str, ref: str) -> Notification | None:
    if not _SHA.fullmatch(commit_sha):
        return _error("sarif-upload-bad-commit", f"not a full commit SHA: {commit_sha[:80]!r}")
    if not _REF.fullmatch(ref):
        return _error(
            "sarif-upload-bad-ref", f"not a branch, tag or pull request ref: {ref[:200]!r}"
        )
    return None


def _poll_once(gh: Github, url: str, policy: RetryPolicy) -> dict[str, Any] | None:
    """The processing answer, or None while GitHub does not know the upload yet (404)."""
    try:
        _, data = with_retries(partial(gh.requester.requestJsonAndCheck, "GET", url), policy=policy)
    except GithubException as exc:
        if exc.status == 404:
            return None
        raise
    return data if isinstance(data, dict) else {}


def _status_of(data: dict[str, Any] | None) -> ProcessingStatus:
    raw = str((data or {}).get("processing_status", "pending"))
    return (
        ProcessingStatus(raw)
        if raw in ProcessingStatus._value2member_map_
        else ProcessingStatus.PENDING
    )


def _poll(
    gh: Github,
    url: str,
    base: UploadResult,
    *,
    poll_seconds: float,
    timeout_seconds: float,
    policy: RetryPolicy,
) -> UploadResult:
    deadline = policy.clock() + timeout_seconds
    while True:
        try:
            data = _poll_once(gh, url, policy)
        except (GithubException, OSError) as exc:
            note = refusal_note(exc, "sarif-processing", "read the processing status")
            return base.model_copy(update={"notifications": (*base.notifications, note)})
        status = _status_of(data)
        if status is not ProcessingStatus.PENDING or policy.clock() + poll_seconds > deadline:
            return _finished(base, status, data or {}, timeout_seconds)
        policy.sleep(poll_seconds)


def _finished(
    base: UploadResult, status: ProcessingStatus, data: dict[str, Any], timeout: float
) -> UploadResult:
    notes = list(base.notifications)
    if status is ProcessingStatus.FAILED:
        errors = "; ".join(str(e) for e in data.get("errors") or []) or "no reason given"
        notes.append(
            _error(
                "sarif-processing-failed", f"GitHub could not process the SARIF: {errors[:1000]}"
            )
        )
    elif status is ProcessingStatus.PENDING:
        message = f"GitHub had not processed the SARIF after {timeout:g} s; it may still appear"
        notes.append(_error("sarif-processing-timeout", message, Level.WARNING))
    url = data.get("analyses_url")
    return base.model_copy(
        update={
            "processing_status": status,
            "analyses_url": url if isinstance(url, str) else None,
            "notifications": tuple(notes),
        }
    )


def _post(gh: Github, repo: str, body: dict[str, str], policy: RetryPolicy) -> Any:
    """GitHub's answer to the upload (`{id, url}`), or the notification saying why not."""
    url = f"/repos/{repo}/code-scanning/sarifs"
    post = partial(
        gh.requester.requestJsonAndCheck, "POST", url, input={**body, "tool_name": TOOL_NAME}
    )
    try:
        return with_retries(post, policy=policy)[1]
    except (GithubException, OSError) as exc:
        return refusal_note(exc, "sarif-upload", "upload the SARIF to code scanning", _HINT)


def upload_sarif(
    gh: Github,
    repo: str,
    sarif_text: str,
    *,
    commit_sha: str,
    ref: str,
    category: str,
    poll_seconds: float = 2.0,
    timeout_seconds: float = 120,
    policy: RetryPolicy | None = None,
) -> UploadResult:
    """Upload the log and wait for GitHub to process it; never raises for GitHub's answers."""
    chosen = policy or RetryPolicy()
    bad = _checked(commit_sha, ref)
    if bad is not None:
        return UploadResult(uploaded=False, notifications=(bad,))
    try:
        prepared = prepare_sarif(sarif_text, category=category)
    except SarifInvalid as exc:
        return UploadResult(uploaded=False, notifications=(_error("sarif-invalid", str(exc)),))
    body = {"commit_sha": commit_sha, "ref": ref, "sarif": encoded(prepared.text)}
    data = _post(gh, repo, body, chosen)
    if isinstance(data, Notification):
        return UploadResult(uploaded=False, notifications=(*prepared.notifications, data))
    sarif_id = str(data.get("id", "")) if isinstance(data, dict) else ""
    base = UploadResult(
        uploaded=True, sarif_id=sarif_id or None, notifications=prepared.notifications
    )
    if not sarif_id:
        return base
    url = f"/repos/{repo}/code-scanning/sarifs/{sarif_id}"
    return _poll(
        gh, url, base, poll_seconds=poll_seconds, timeout_seconds=timeout_seconds, policy=chosen
    )
