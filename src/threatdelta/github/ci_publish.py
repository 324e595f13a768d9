"""The publishing step of `threatdelta ci`: the review, the summary comment, the check and
the SARIF upload, each as its input says, one after the other (writes are serialised).

Each publisher already turns GitHub's refusals into notifications; this step adds one more
guard around each, so that an unexpected error in one (a bug, a malformed answer) becomes an
error notification and the others still run: the exit code follows the gate, never an API
hiccup. Without a token nothing is sent, and the run says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from github import Github

from threatdelta.findings.threat import Threat
from threatdelta.github.checks import CheckMode as PostedCheck
from threatdelta.github.checks import report_check
from threatdelta.github.ci_analysis import Analysis
from threatdelta.github.ci_report import pr_comment_markdown
from threatdelta.github.client import make_github
from threatdelta.github.event import PullRequestRun, PushRun
from threatdelta.github.gate import Gate
from threatdelta.github.retry import RetryPolicy
from threatdelta.github.review import publish_review
from threatdelta.github.sarif_upload import upload_sarif
from threatdelta.github.settings import ActionEnv, ActionInputs, CheckMode, CommentMode, SarifMode
from threatdelta.github.summary_comment import upsert_summary
from threatdelta.model.base import Frozen, Level, Notification

T = TypeVar("T")


class CiRun(Frozen):
    """What a run knows once the gate is decided."""

    env: ActionEnv
    policy: ActionInputs  # the inputs with the settings file applied
    event: PullRequestRun | PushRun
    analysis: Analysis
    gate: Gate


class Publication(Frozen):
    """What reached GitHub, and what did not (and why)."""

    published: tuple[str, ...] = ()  # one plain sentence per thing that was posted
    notifications: tuple[Notification, ...] = ()
    summary_comment_url: str = ""
    inline_ids: frozenset[str] = frozenset()  # introduced threats shown in review comments
    check_annotated: bool = False  # the check run carries the threats as annotations


@dataclass
class _Step:
    """Collects what one publishing run did."""

    published: list[str]
    notes: list[Notification]

    def guard(self, what: str, fn: Callable[[], T]) -> T | None:
        try:
            return fn()
        except Exception as exc:  # a publisher bug must not change the exit code
            self.notes.append(
                Notification(
                    level=Level.ERROR,
                    code="publishing-crashed",
                    message=f"{what} failed unexpectedly and was skipped: "
                    f"{type(exc).__name__}: {exc}",
                )
            )
            return None


@dataclass(frozen=True)
class Target:
    """Where to publish: the client, the repository, the analysed commit, the retries."""

    gh: Github
    repository: str
    commit: str
    details_url: str | None
    policy: RetryPolicy | None


class _Inline(Frozen):
    """What the review left: threats shown inline, and the ones the summary must list."""

    ids: frozenset[str] = frozenset()
    not_inline: tuple[Threat, ...] = ()
    head_moved: bool = False


def _review(step: _Step, target: Target, run: CiRun, pr: PullRequestRun) -> _Inline:
    """Post the review (or update the earlier one's comments)."""
    report = run.analysis.delta
    assert report is not None
    result = step.guard(
        "the review",
        lambda: publish_review(
            target.gh,
            target.repository,
            pr.number,
            target.commit,
            report,
            max_inline=run.policy.max_inline_comments,
            policy=target.policy,
        ),
    )
    if result is None:
        return _Inline(not_inline=report.introduced)
    step.notes.extend(result.notifications)
    if result.posted:
        step.published.append(f"review: {len(result.posted)} new inline comment(s)")
    if result.resolved:
        step.published.append(f"review: {len(result.resolved)} comment(s) marked resolved")
    return _Inline(
        ids=frozenset((*result.posted, *result.already)),
        not_inline=(*result.spilled, *result.summarised),
        head_moved=result.head_moved,
    )


def _summary(
    step: _Step, target: Target, run: CiRun, pr: PullRequestRun, spilled: tuple[Threat, ...]
) -> str:
    """Create or update the summary comment; its URL ("" when there is none)."""
    report = run.analysis.delta
    assert report is not None
    markdown = pr_comment_markdown(run.analysis, run.gate, spilled)
    result = step.guard(
        "the summary comment",
        lambda: upsert_summary(
            target.gh,
            target.repository,
            pr.number,
            target.commit,
            markdown,
            relevant=report.relevant,
            policy=target.policy,
        ),
    )
    if result is None:
        return ""
    step.notes.extend(result.notifications)
    url = result.comment_url or ""
    if url:
        step.published.append(f"summary comment ({result.action.value})")
    return url


def _comments(
    step: _Step, target: Target, run: CiRun, pr: PullRequestRun
) -> tuple[str, frozenset[str]]:
    """(summary comment URL, ids of the introduced threats shown inline)."""
    delta = run.analysis.delta
    assert delta is not None
    inline = _Inline(not_inline=delta.introduced)
    if run.policy.comment_mode is CommentMode.REVIEW:
        inline = _review(step, target, run, pr)
    if inline.head_moved:  # a newer run owns the pull request's comments now
        return "", inline.ids
    return _summary(step, target, run, pr, inline.not_inline), inline.ids


def _check(step: _Step, target: Target, run: CiRun) -> bool:
    """Report the gate; whether the check run carries the threats as annotations."""
    result = step.guard(
        "the check",
        lambda: report_check(
            target.gh,
            target.repository,
            target.commit,
            run.gate,
            run.analysis.report,
            mode=run.policy.check_mode.value,
            details_url=target.details_url,
            policy=target.policy,
        ),
    )
    if result is None:
        return False
    step.notes.extend(result.notifications)
    if result.posted_as is PostedCheck.CHECK:
        step.published.append(f"check run threatdelta: {run.gate.conclusion.value}")
        return True
    if result.posted_as is PostedCheck.STATUS:
        step.published.append(f"commit status threatdelta: {run.gate.conclusion.value}")
    return False


def _sarif(step: _Step, target: Target, policy: ActionInputs, sarif: str, ref: str) -> None:
    result = step.guard(
        "the SARIF upload",
        lambda: upload_sarif(
            target.gh,
            target.repository,
            sarif,
            commit_sha=target.commit,
            ref=ref,
            category=policy.sarif_category,
            policy=target.policy,
        ),
    )
    if result is None:
        return
    step.notes.extend(result.notifications)
    if result.uploaded:
        status = result.processing_status.value if result.processing_status else "not known"
        step.published.append(f"SARIF uploaded to code scanning for {ref} (processing {status})")


def publish(
    run: CiRun,
    sarif: str | None,
    *,
    client: Callable[[str, str], Github] = make_github,
    retry: RetryPolicy | None = None,
) -> Publication:
    """Publish everything the inputs ask for; never raises for what GitHub answers.
    `retry`: the publishers' retry policy (None: their default)."""
    token = run.policy.github_token.get_secret_value()
    if not token:
        note = Notification(
            level=Level.WARNING,
            code="no-github-token",
            message="the github-token input is empty: nothing was sent to GitHub; the results "
            "are in this job summary, the SARIF file and the annotations",
        )
        return Publication(notifications=(note,))
    step = _Step(published=[], notes=[])
    env, policy, event = run.env, run.policy, run.event
    gh = client(token, env.api_url)
    target = Target(gh, env.repository, run.analysis.commit, env.run_url, retry)
    url, inline = "", frozenset[str]()
    if isinstance(event, PullRequestRun) and policy.comment_mode is not CommentMode.OFF:
        url, inline = _comments(step, target, run, event)
    annotated = policy.check_mode is not CheckMode.OFF and _check(step, target, run)
    if sarif is not None and policy.sarif is SarifMode.UPLOAD:
        ref = event.code_scanning_ref if isinstance(event, PullRequestRun) else event.ref
        _sarif(step, target, policy, sarif, ref)
    return Publication(
        published=tuple(step.published),
        notifications=tuple(step.notes),
        summary_comment_url=url,
        inline_ids=inline,
        check_annotated=annotated,
    )
