"""`threatdelta ci` on an `issue_comment` event: run the `/threatdelta` commands of a new
pull-request comment.

1. Read the event; an edited or deleted comment, a comment on an issue or by a bot, or one
   without a command ends here with a log line (nothing is posted: fail closed, no loops).
2. Refuse an author whose `author_association` is not in `command-associations` (or is
   missing), and a comment with a malformed line: a `confused` reaction and a reply.
3. Otherwise react `eyes`, read the pull request, analyse base..head as the `pull_request`
   run does (the trusted base commit's settings), and check every id against the head's
   threats: an unknown id is refused and nothing is committed.
4. `accept`/`dismiss`: commit the decisions to the register file on the PR branch and
   recompute (`outcome.record`); `recheck`: recompute only. The summary comment and the check
   are published on the resulting head, the reply says who decided what, when, and the gate,
   and the reaction becomes `+1`.

The exit code is 0 once the command is handled (the gate is on the check it posted); a
configuration error or a head missing from the clone stops the run (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from github import Github
from github.GithubException import GithubException

from threatdelta.errors import UsageError
from threatdelta.github.commands.analysis import analyse, trusted_policy
from threatdelta.github.commands.decide import plan
from threatdelta.github.commands.event import CommandComment, Ignored, parse_comment_event
from threatdelta.github.commands.outcome import Outcome, Work, recheck, record
from threatdelta.github.commands.parse import ParsedComment, parse_comment
from threatdelta.github.commands.reply import (
    refused_markdown,
    rejected_markdown,
    reply_body,
    unknown_ids_markdown,
)
from threatdelta.github.commands.session import Reaction, Session, pull_request_run
from threatdelta.github.event import read_payload
from threatdelta.github.job_summary import WorkflowLog, write_step_summary
from threatdelta.github.refusal import refusal_note
from threatdelta.github.retry import RetryPolicy
from threatdelta.github.settings import ActionEnv, ActionInputs
from threatdelta.reporters.escape import escape_markdown

EXIT_DONE = 0


def read_comment_event(path: Path) -> CommandComment | Ignored:
    return parse_comment_event(read_payload(path))


def _summary(env: ActionEnv, log: WorkflowLog, markdown: str) -> None:
    if env.step_summary_path is None:
        return
    try:
        write_step_summary(env.step_summary_path, markdown=markdown)
    except OSError as exc:
        log.line(f"threatdelta: cannot write the job summary: {exc.strerror or exc}")


def _nothing(env: ActionEnv, log: WorkflowLog, reason: str) -> int:
    log.line("threatdelta: no command to run for this comment")
    log.untrusted(reason)
    _summary(env, log, f"**threatdelta:** no command run. {escape_markdown(reason)}\n")
    return EXIT_DONE


def _refusal(comment: CommandComment, parsed: ParsedComment, inputs: ActionInputs) -> str:
    """The reply refusing the whole comment ("" when it may run)."""
    allowed = inputs.command_associations
    if comment.association is None or comment.association not in allowed:
        return refused_markdown(comment.login, comment.association, sorted(allowed))
    if parsed.rejected:
        return rejected_markdown(parsed.rejected) + "\n\nNothing of this comment was run."
    return ""


def _work(
    env: ActionEnv,
    inputs: ActionInputs,
    session: Session,
    client: Callable[[str, str], Github],
    retry: RetryPolicy | None,
) -> Work:
    pr = pull_request_run(session.pull(), env.repository)
    policy = trusted_policy(env.workspace, pr, inputs)
    return Work(
        env=env,
        session=session,
        pr=pr,
        policy=policy,
        analysis=analyse(env.workspace, pr, policy),
        client=client,
        retry=retry,
    )


def _run(work: Work, parsed: ParsedComment) -> Outcome:
    asked = plan(parsed, work.analysis.full_register.threats)
    if asked.unknown_ids:
        text = unknown_ids_markdown(asked.unknown_ids, work.analysis.commit)
        return Outcome(parts=(text,), reaction=Reaction.REFUSED)
    if asked.lines:
        return record(work, asked)
    return recheck(work)


def _answer(session: Session, log: WorkflowLog, parts: tuple[str, ...], reaction: Reaction) -> str:
    """React, reply, log; the reply's Markdown."""
    body = reply_body(parts)
    session.react(reaction)
    url = session.reply(body)
    log.line(f"threatdelta: command {reaction.name.lower()}; reply {url or 'not posted'}")
    for note in session.notes:
        log.untrusted(f"{note.level.value} {note.code}: {note.message}")
    return body


def _handle(
    env: ActionEnv,
    inputs: ActionInputs,
    session: Session,
    parsed: ParsedComment,
    *,
    client: Callable[[str, str], Github],
    retry: RetryPolicy | None,
) -> tuple[tuple[str, ...], Reaction]:
    """(the reply's parts, the final reaction); a head missing from the clone is a
    `UsageError` after the reply saying so."""
    refusal = _refusal(session.comment, parsed, inputs)
    if refusal:
        return (refusal,), Reaction.REFUSED
    session.react(Reaction.SEEN)
    try:
        work = _work(env, inputs, session, client, retry)
    except GithubException as exc:
        session.notes.append(refusal_note(exc, "command-pull", "read the pull request"))
        return ("The pull request could not be read; nothing was changed.",), Reaction.REFUSED
    outcome = _run(work, parsed)
    return (*outcome.parts, *_published(outcome)), outcome.reaction


def _published(outcome: Outcome) -> tuple[str, ...]:
    if not outcome.published:
        return ()
    return ("Published: " + "; ".join(escape_markdown(p) for p in outcome.published) + ".",)


def run_commands(
    env: ActionEnv,
    inputs: ActionInputs,
    log: WorkflowLog,
    *,
    client: Callable[[str, str], Github],
    retry: RetryPolicy | None = None,
) -> int:
    """Handle the `issue_comment` event of `env` (see the module docstring)."""
    comment = read_comment_event(env.event_path)
    if isinstance(comment, Ignored):
        return _nothing(env, log, comment.reason)
    parsed = parse_comment(comment.body)
    if parsed.empty:
        return _nothing(env, log, "the comment holds no /threatdelta command")
    token = inputs.github_token.get_secret_value()
    if not token:
        return _nothing(env, log, "the github-token input is empty: commands need the API")
    gh = client(token, env.api_url)
    session = Session(
        repo=gh.get_repo(env.repository), comment=comment, policy=retry or RetryPolicy()
    )
    log.line(
        f"threatdelta: running the commands of comment {comment.comment_id} on #{comment.number}"
    )
    try:
        parts, reaction = _handle(env, inputs, session, parsed, client=client, retry=retry)
    except UsageError as exc:
        said = f"The pull request could not be analysed: {escape_markdown(str(exc))}"
        _answer(session, log, (said,), Reaction.REFUSED)
        raise
    body = _answer(session, log, parts, reaction)
    _summary(env, log, body)
    return EXIT_DONE
