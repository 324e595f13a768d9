"""`threatdelta ci`: the GitHub Action's entry point.

1. Read the action inputs (`INPUT_*`) and the Actions environment, then the event payload.
   An event we do not analyse ends here, successfully, with a note.
   An `issue_comment` event runs the pull request's `/threatdelta` commands instead
   (`github/commands/run.py`).
2. Read the settings file from the trusted commit (the PR's base, or the pushed commit):
   its values override the inputs, so a pull request cannot soften its own review.
3. Analyse: the diff of base..head on a pull request, a full scan on a push to the default
   branch (see `ci_analysis`).
4. Decide the gate (`gate.decide`).
5. Write the SARIF file (unless `sarif: off`).
6. Publish: review, summary comment, check, SARIF upload, as the inputs say (`ci_publish`).
7. Fall back for what could not be shown: workflow-command annotations for threats that have
   neither an inline comment nor a check-run annotation.
8. Write the job summary and the outputs; the exit code follows the gate: 1 when its
   conclusion is `failure`, else 0. API errors never change it.

A wrong input, a missing variable, an unreadable payload or a settings file we cannot honour
is a `ConfigError` (exit 2, from the command line layer).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

from github import Github

from threatdelta.errors import UsageError
from threatdelta.findings.threat import Threat
from threatdelta.github.base_config import read_config
from threatdelta.github.ci_analysis import (
    FETCH_HINT,
    Analysis,
    analyse_pull_request,
    analyse_push,
    render_analysis_sarif,
    write_sarif_file,
)
from threatdelta.github.ci_llm import action_llm_settings, with_llm
from threatdelta.github.ci_publish import CiRun, Publication, publish
from threatdelta.github.ci_report import (
    job_summary_markdown,
    not_analysed_markdown,
    policy_line,
    published_section,
)
from threatdelta.github.client import make_github
from threatdelta.github.commands.event import COMMENT_EVENT
from threatdelta.github.commands.run import run_commands
from threatdelta.github.event import NotAnalysed, PullRequestRun, PushRun, read_event
from threatdelta.github.gate import Conclusion, Gate, decide
from threatdelta.github.job_summary import (
    Annotation,
    AnnotationLevel,
    WorkflowLog,
    threat_annotations,
    write_step_summary,
)
from threatdelta.github.outputs import ActionOutputs, write_outputs
from threatdelta.github.retry import RetryPolicy
from threatdelta.github.sarif_limits import prepare_sarif
from threatdelta.github.settings import ActionEnv, ActionInputs, SarifMode, read_env, read_inputs
from threatdelta.model.base import Level, Notification
from threatdelta.register.policy import RulePolicies

EXIT_PASS, EXIT_FAIL = 0, 1


def exit_code(gate: Gate) -> int:
    """1 when the gate's conclusion is failure (a FAIL without soft-fail, or an incomplete
    analysis with incomplete-conclusion failure), else 0."""
    return EXIT_FAIL if gate.conclusion is Conclusion.FAILURE else EXIT_PASS


def _policy(
    env: ActionEnv, event: PullRequestRun | PushRun, inputs: ActionInputs
) -> tuple[ActionInputs, str, RulePolicies]:
    """The inputs with the trusted settings file applied, the policy line saying so, and
    the file's rule policy (severity overrides, disabled rules)."""
    commit = event.base_sha if isinstance(event, PullRequestRun) else event.sha
    try:
        config = read_config(env.workspace, commit, inputs.config_path)
    except UsageError as exc:  # the commit is not in the clone, or no repository at all
        raise UsageError(f"{exc} {FETCH_HINT}") from None
    if config is None:
        return inputs, policy_line(inputs, ()), {}
    policy = config.apply(inputs)
    overridden = (k.replace("_", "-") for k in config.overrides())
    return policy, policy_line(policy, overridden), config.rules or {}


def _analyse(env: ActionEnv, event: PullRequestRun | PushRun, rules: RulePolicies) -> Analysis:
    if isinstance(event, PullRequestRun):
        return analyse_pull_request(env.workspace, event, rules)
    return analyse_push(env.workspace, event, rules)


def _sarif(
    env: ActionEnv, policy: ActionInputs, analysis: Analysis
) -> tuple[str | None, str, list[Notification]]:
    """(the SARIF text, its workspace-relative file, notes); nothing with `sarif: off`."""
    if policy.sarif is SarifMode.OFF:
        return None, "", []
    prepared = prepare_sarif(
        render_analysis_sarif(env.workspace, analysis), category=policy.sarif_category
    )
    written, notes = write_sarif_file(env.workspace, prepared.text)
    return (
        prepared.text,
        written,
        [*prepared.notifications, *notes],
    )


def _unannotated(analysis: Analysis, publication: Publication) -> tuple[Threat, ...]:
    """The threats the gate counts that no inline comment and no check run shows."""
    if publication.check_annotated:
        return ()
    delta = analysis.delta
    counted = delta.introduced if delta is not None else analysis.full_register.threats
    return tuple(t for t in counted if t.id not in publication.inline_ids)


def _log_run(
    log: WorkflowLog, event: PullRequestRun | PushRun, gate: Gate, notes: Sequence[Notification]
) -> None:
    what = (
        f"pull request #{event.number} ({event.base_sha[:12]}..{event.head_sha[:12]})"
        if isinstance(event, PullRequestRun)
        else f"push to {event.ref} ({event.sha[:12]})"
    )
    log.line(f"threatdelta: analysed {what}")
    log.line(f"threatdelta: gate {gate.verdict.value} (conclusion {gate.conclusion.value})")
    log.untrusted(gate.reason)  # quotes repository paths and titles
    problems = [n for n in notes if n.level is not Level.NOTE]
    if problems:
        log.untrusted("\n".join(f"{n.level.value} {n.code}: {n.message}" for n in problems))


def _outputs(
    analysis: Analysis, gate: Gate, sarif_file: str, publication: Publication
) -> ActionOutputs:
    delta = analysis.delta
    return ActionOutputs(
        threats_total=len(analysis.full_register.threats),
        introduced=len(delta.introduced) if delta else 0,
        resolved=len(delta.resolved) if delta else 0,
        gate=gate.verdict.value,
        sarif_file=sarif_file,
        summary_comment_url=publication.summary_comment_url,
    )


def _not_analysed(env: ActionEnv, event: NotAnalysed, log: WorkflowLog) -> int:
    log.line("threatdelta: nothing to analyse for this event")
    log.untrusted(event.reason)  # quotes the event's ref or action
    _finish(env, log, not_analysed_markdown(event.reason), ActionOutputs())
    return EXIT_PASS


def _finish(env: ActionEnv, log: WorkflowLog, summary: str, outputs: ActionOutputs) -> None:
    """Write the job summary and the outputs; a file the runner gave us that cannot be
    written is a warning in the log, never a traceback."""
    writes: list[tuple[Path | None, Callable[[Path], None]]] = [
        (env.step_summary_path, partial(write_step_summary, markdown=summary)),
        (env.output_path, partial(write_outputs, outputs=outputs)),
    ]
    for path, write in writes:
        if path is None:
            continue
        try:
            write(path)
        except OSError as exc:
            log.annotate(
                Annotation(
                    level=AnnotationLevel.WARNING,
                    title="threatdelta",
                    message=f"cannot write {path}: {exc.strerror or exc}",
                )
            )


def run_ci(
    environ: Mapping[str, str],
    stdout: TextIO,
    *,
    client: Callable[[str, str], Github] = make_github,
    retry: RetryPolicy | None = None,
) -> int:
    """Run the action in the environment `environ`, logging to `stdout`; the exit code.
    `client(token, api_url)` makes the GitHub client and `retry` is the publishers' retry
    policy (tests pass ones that never wait)."""
    log = WorkflowLog(stdout)
    inputs = read_inputs(environ)
    log.mask(inputs.github_token.get_secret_value())
    log.mask(inputs.anthropic_api_key.get_secret_value())
    env = read_env(environ)
    if env.event_name == COMMENT_EVENT:  # /threatdelta commands in a pull-request comment
        return run_commands(env, inputs, log, client=client, retry=retry)
    event = read_event(env.event_name, env.event_path)
    if isinstance(event, NotAnalysed):
        return _not_analysed(env, event, log)
    policy, policy_text, rules = _policy(env, event, inputs)
    with log.group("threatdelta: analysis"):
        analysis = _analyse(env, event, rules)
        analysis = with_llm(analysis, env, action_llm_settings(inputs, environ))
    gate = decide(
        analysis.report,
        fail_on=policy.fail_on,
        soft_fail=policy.soft_fail,
        incomplete_conclusion=policy.incomplete_conclusion,
        llm_gate=policy.llm_gate,
    )
    sarif, sarif_file, sarif_notes = _sarif(env, policy, analysis)
    run = CiRun(env=env, policy=policy, event=event, analysis=analysis, gate=gate)
    with log.group("threatdelta: publishing"):
        publication = publish(run, sarif, client=client, retry=retry)
    notes = [*analysis.notifications, *sarif_notes, *publication.notifications]
    failing = frozenset(t.id for t in gate.failing)
    for annotation in threat_annotations(_unannotated(analysis, publication), failing):
        log.annotate(annotation)
    _log_run(log, event, gate, notes)
    published = published_section(publication.published, publication.summary_comment_url)
    summary = job_summary_markdown(analysis, gate, policy_text, published, notes)
    _finish(env, log, summary, _outputs(analysis, gate, sarif_file, publication))
    return exit_code(gate)
