"""What a checked command comment does: record the decisions (a commit on the pull
request's branch, or the fallback a maintainer commits), recompute the gate, publish the
summary comment and the check on the resulting head, and say all of it in the reply."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from github import Github
from github.GithubException import GithubException

from threatdelta.github.ci_analysis import Analysis
from threatdelta.github.ci_publish import CiRun, Publication, publish
from threatdelta.github.commands.analysis import Policy, analyse, gate_of
from threatdelta.github.commands.commit import RegisterWrite, commit_decisions, with_decisions
from threatdelta.github.commands.decide import Plan, commit_message, decision
from threatdelta.github.commands.reply import (
    committed_markdown,
    decision_markdown,
    gate_markdown,
    not_committed_markdown,
)
from threatdelta.github.commands.session import Reaction, Session
from threatdelta.github.commands.suggestion import suggest_register
from threatdelta.github.event import PullRequestRun
from threatdelta.github.gate import Gate
from threatdelta.github.retry import RetryPolicy
from threatdelta.github.settings import ActionEnv, CommentMode, SarifMode
from threatdelta.model.base import Frozen
from threatdelta.pipeline import read_commit_texts
from threatdelta.register.schema import Decision
from threatdelta.register.store import MAX_REGISTER_BYTES, REGISTER_PATH, RegisterError
from threatdelta.reporters.escape import code_span, escape_markdown

MAX_QUOTED_REGISTER = 50_000  # a longer register is quoted as the new entries only


@dataclass(frozen=True)
class Work:
    """Everything a command run needs once the comment is accepted and analysed."""

    env: ActionEnv
    session: Session
    pr: PullRequestRun
    policy: Policy
    analysis: Analysis
    client: Callable[[str, str], Github]
    retry: RetryPolicy | None


class Outcome(Frozen):
    """What the run did, for the reply, the log and the job summary."""

    parts: tuple[str, ...]  # Markdown paragraphs of the reply
    reaction: Reaction
    gate: Gate | None = None
    published: tuple[str, ...] = ()


def publish_gate(work: Work, analysis: Analysis, gate: Gate) -> Publication:
    """The summary comment and the check for `analysis.commit` (the pull request's head
    after the command). Inline review comments stay with the `pull_request` runs."""
    inputs = work.policy.inputs
    if inputs.comment_mode is CommentMode.REVIEW:
        inputs = inputs.model_copy(update={"comment_mode": CommentMode.SUMMARY_ONLY})
    inputs = inputs.model_copy(update={"sarif": SarifMode.OFF})
    event = work.pr.model_copy(update={"head_sha": analysis.commit})
    run = CiRun(env=work.env, policy=inputs, event=event, analysis=analysis, gate=gate)
    return publish(run, None, client=work.client, retry=work.retry)


def recheck(work: Work) -> Outcome:
    gate = gate_of(work.analysis, work.policy.inputs)
    published = publish_gate(work, work.analysis, gate)
    return Outcome(
        parts=(f"Rechecked. {gate_markdown(gate, work.analysis.commit)}",),
        reaction=Reaction.DONE,
        gate=gate,
        published=published.published,
    )


def _decisions(work: Work, plan: Plan) -> list[Decision]:
    model = work.analysis.full_register.model
    comment = work.session.comment
    return [decision(line, model, comment.login, comment.created_at) for line in plan.lines]


def _fork_write(work: Work, decisions: list[Decision]) -> RegisterWrite:
    """A fork's branch cannot be written: the text at its head, with the decisions."""
    texts = read_commit_texts(
        work.env.workspace, work.pr.head_sha, [REGISTER_PATH], MAX_REGISTER_BYTES
    )
    before = texts.get(REGISTER_PATH)
    why = "the pull request's branch is in a fork, which the workflow's token cannot write"
    try:
        return RegisterWrite(text=with_decisions(before, decisions), before=before, why=why)
    except RegisterError as exc:
        return RegisterWrite(
            text="", before=before, why=f"the register file cannot be edited: {exc}"
        )


def _write(work: Work, plan: Plan, decisions: list[Decision]) -> RegisterWrite:
    if work.pr.fork:
        return _fork_write(work, decisions)
    comment = work.session.comment
    message = commit_message(plan.lines, comment.login, comment.html_url)
    return commit_decisions(
        work.session.repo, work.pr.head_ref, decisions, message, policy=work.session.policy
    )


def _quoted(write: RegisterWrite, decisions: list[Decision]) -> str:
    if len(write.text) <= MAX_QUOTED_REGISTER:
        return write.text
    return with_decisions(None, decisions)


def _suggested(work: Work, write: RegisterWrite) -> bool:
    session = work.session
    try:
        pull = session.pull()
    except (GithubException, OSError):
        return False
    return suggest_register(
        session.repo, pull, work.pr.head_sha, write.before or "", write.text, policy=session.policy
    )


def _fallback(work: Work, plan: Plan, write: RegisterWrite, decisions: list[Decision]) -> Outcome:
    """Nothing committed: the text for a maintainer (and a suggestion when the diff allows)."""
    parts = [
        decision_markdown(line, work.session.comment.login, work.session.comment.created_at)
        for line in plan.lines
    ]
    if write.text:
        parts.append(
            not_committed_markdown(
                REGISTER_PATH, work.pr.head_ref, write.why, _quoted(write, decisions)
            )
        )
        if _suggested(work, write):
            parts.append("The same change is suggested on the register file in the review above.")
    else:
        parts.append(f"Not recorded: {escape_markdown(write.why)}.")
    gate = gate_of(work.analysis, work.policy.inputs)
    parts.append(
        gate_markdown(gate, work.analysis.commit) + " (unchanged until the decision is committed)"
    )
    reaction = Reaction.SEEN if write.text else Reaction.REFUSED
    return Outcome(parts=tuple(parts), reaction=reaction, gate=gate)


def _moved(work: Work, write: RegisterWrite, parts: list[str]) -> Outcome:
    """Committed on a head newer than the one analysed: the code under the new commit is
    not in this clone, so the gate is left to a recheck rather than guessed."""
    parts.append(committed_markdown(REGISTER_PATH, work.pr.head_ref, write.commit_sha))
    parts.append(
        f"The branch moved from {code_span(work.pr.head_sha[:12])} to "
        f"{code_span(write.parent_sha[:12])} while this command ran, so the gate was not "
        "recomputed here: comment `/threatdelta recheck` to report it on the new head."
    )
    return Outcome(parts=tuple(parts), reaction=Reaction.DONE)


def record(work: Work, plan: Plan) -> Outcome:
    """Commit the plan's decisions and recompute; or the fallback when they cannot be."""
    decisions = _decisions(work, plan)
    write = _write(work, plan, decisions)
    if not write.committed and not write.unchanged:
        return _fallback(work, plan, write, decisions)
    comment = work.session.comment
    parts = [decision_markdown(line, comment.login, comment.created_at) for line in plan.lines]
    if write.committed and write.parent_sha and write.parent_sha != work.pr.head_sha:
        return _moved(work, write, parts)
    head = write.commit_sha or work.pr.head_sha
    analysis = analyse(work.env.workspace, work.pr, work.policy, register_text=write.text)
    analysis = analysis.model_copy(update={"commit": head})
    gate = gate_of(analysis, work.policy.inputs)
    published = publish_gate(work, analysis, gate)
    if write.committed:
        parts.append(committed_markdown(REGISTER_PATH, work.pr.head_ref, head))
    else:
        parts.append(f"{code_span(REGISTER_PATH)} already holds these decisions; no commit.")
    parts.append(gate_markdown(gate, head))
    return Outcome(
        parts=tuple(parts), reaction=Reaction.DONE, gate=gate, published=published.published
    )
