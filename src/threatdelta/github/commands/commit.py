"""Writing decisions into the register file on the pull request's branch, through the
repository contents API (no clone, no push credentials: the workflow's token).

The file is read at the tip of the branch (`GET .../contents/{path}?ref=`, which also gives
its blob sha), each decision is recorded into its text with `record_decision` (comments and
order kept, the reason stored as YAML data), and the result is written back with
`PUT .../contents/{path}` naming that blob sha, so a concurrent change to the file is never
overwritten (GitHub answers 409). The new commit's sha is the pull request's new head.

Nothing raises for GitHub's answers: a refusal (403 read-only token, 404, 409 the file
changed, 422) or a register that does not parse gives a `RegisterWrite` that is not
committed, with the reason and the text a maintainer can commit instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from github.ContentFile import ContentFile
from github.GithubException import GithubException
from github.Repository import Repository

from threatdelta.github.refusal import refusal_kind
from threatdelta.github.retry import RetryPolicy, error_message, with_retries
from threatdelta.model.base import Frozen
from threatdelta.register.schema import Decision
from threatdelta.register.store import REGISTER_PATH, RegisterError, record_decision
from threatdelta.reporters.escape import one_line

_WHY_LIMIT = 200


class RegisterWrite(Frozen):
    """What became of the decisions: committed (with the new head sha) or not (with why)."""

    text: str  # the register file with the decisions recorded ("" when it could not be built)
    before: str | None = None  # the file as it was on the branch (None: there was none)
    committed: bool = False
    commit_sha: str = ""
    why: str = ""  # why it was not committed
    unchanged: bool = False  # the file already held exactly these decisions
    parent_sha: str = ""  # the branch's head the commit was made on


def with_decisions(text: str | None, decisions: Sequence[Decision]) -> str:
    """The register text with every decision recorded; `RegisterError` when it does not
    parse as a register."""
    for decision in decisions:
        text = record_decision(text, decision)
    return text or ""


def _refusal(exc: GithubException) -> str:
    said = one_line(error_message(exc))[:_WHY_LIMIT]
    kind = refusal_kind(exc)
    if exc.status == 409:
        kind = "the file changed on the branch meanwhile"
    elif kind == "forbidden":
        kind = "the token may not write to the branch"
    return f"GitHub answered {exc.status}: {kind}" + (f" ({said})" if said else "")


def _current(repo: Repository, branch: str, policy: RetryPolicy) -> ContentFile | None:
    try:
        found = with_retries(partial(repo.get_contents, REGISTER_PATH, ref=branch), policy=policy)
    except GithubException as exc:
        if exc.status == 404:
            return None
        raise
    if isinstance(found, list):  # a folder where the file should be
        raise RegisterError(f"{REGISTER_PATH} is a folder on {branch}")
    return found


def _write(
    repo: Repository,
    branch: str,
    current: ContentFile | None,
    text: str,
    *,
    message: str,
    policy: RetryPolicy,
) -> tuple[str, str]:
    """PUT the file; (the new commit's sha, its parent's). Not retried on server errors (a
    502 may hide a commit that was made; the next command reads the branch again)."""
    once = policy.model_copy(update={"retry_server_errors": False})
    if current is None:
        put = partial(repo.create_file, REGISTER_PATH, message, text, branch=branch)
    else:
        put = partial(repo.update_file, REGISTER_PATH, message, text, current.sha, branch=branch)
    commit = with_retries(put, policy=once)["commit"]
    parents = commit.raw_data.get("parents") or [{}]
    return str(commit.sha), str(parents[0].get("sha", ""))


def commit_decisions(
    repo: Repository,
    branch: str,
    decisions: Sequence[Decision],
    message: str,
    *,
    policy: RetryPolicy | None = None,
) -> RegisterWrite:
    """Record `decisions` in the register file on `branch` of `repo` in one commit."""
    policy = policy or RetryPolicy()
    try:
        current = _current(repo, branch, policy)
        old = current.decoded_content.decode("utf-8") if current is not None else None
        text = with_decisions(old, decisions)
    except (RegisterError, UnicodeDecodeError) as exc:
        return RegisterWrite(text="", why=f"the register file cannot be edited: {exc}")
    except GithubException as exc:
        return RegisterWrite(text="", why=f"the register file could not be read: {_refusal(exc)}")
    if text == old:
        return RegisterWrite(
            text=text, before=old, unchanged=True, why="the register already says so"
        )
    try:
        sha, parent = _write(repo, branch, current, text, message=message, policy=policy)
    except GithubException as exc:
        return RegisterWrite(text=text, before=old, why=_refusal(exc))
    return RegisterWrite(text=text, before=old, committed=True, commit_sha=sha, parent_sha=parent)
