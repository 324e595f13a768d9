"""The optional LLM analyst over a finished rule report: `analyse_with_llm`.

For each element context (riskiest first, `llm.context`): the cached answer when the
context did not change, else one call within the budget; the answer is validated
(`llm.answer`), grounded (`llm.grounding`), and its patch proven (`llm.patch_proof`).
Prompt-injection attempts in the content sent become TD-AI002 threats (`llm.injection`).
What the budget, a failure or an incomplete answer left out is listed as not analysed by the
LLM. An API failure that outlasts the SDK's retries stops the calls: the rest of the run is
rules-only and the report says so. A bug of ours becomes a notification, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from threatdelta.cache.store import CacheStore
from threatdelta.engine import sort_key
from threatdelta.findings.threat import Fix, Threat, ThreatSource
from threatdelta.llm.answer import LlmAnswer, validate_answer
from threatdelta.llm.budget import LlmBudget, estimate_tokens
from threatdelta.llm.cache import AnswerCache
from threatdelta.llm.client import CallOutcome, LlmClient, Status
from threatdelta.llm.context import ElementContext, build_contexts
from threatdelta.llm.grounding import ground
from threatdelta.llm.injection import INJECTION_RULE_INFO, LLM_RULE_INFO, injection_threats
from threatdelta.llm.patch_proof import prove_llm_patch
from threatdelta.llm.prompts import PROMPT_VERSION, element_prompt, system_prompt
from threatdelta.llm.settings import LlmSettings
from threatdelta.llm.usage import LlmRun, LlmUsage
from threatdelta.model.base import Level, Notification
from threatdelta.remediation.inputs import ScanInputs
from threatdelta.report import RuleInfo, ScanReport

ClientFactory = Callable[[LlmSettings], LlmClient]
InputsFactory = Callable[[], ScanInputs]  # the scan's inputs, built only when a patch needs them
PatchProver = Callable[[str, Threat], Fix | str]  # the proven fix of an LLM diff, or why not
_LISTED = 20  # element keys named in the "not analysed" notification


def _note(level: Level, code: str, message: str) -> Notification:
    return Notification(level=level, code=code, message=message)


class _Run:
    """The state of one analyst run (nothing outlives it)."""

    def __init__(
        self,
        report: ScanReport,
        files: Mapping[str, str],
        settings: LlmSettings,
        *,
        cache: AnswerCache,
        prover: PatchProver | None,
        client_factory: ClientFactory,
    ) -> None:
        self.report, self.files, self.settings = report, files, settings
        self.cache, self.prover, self.client_factory = cache, prover, client_factory
        self.budget = LlmBudget(settings)
        self.system = system_prompt(report.rules)
        self.client: LlmClient | None = None
        self.threats: list[Threat] = []
        self.notes: list[Notification] = []
        self.usage = LlmUsage()
        self.left_out: dict[str, str] = {}  # element key -> why the LLM did not cover it
        self.failure = ""  # set when the API failed for good: no more calls

    def analyse(self, ctx: ElementContext) -> None:
        digest = ctx.digest()
        cached = self.cache.get(digest)
        if cached is not None:
            self.usage = self.usage.plus(LlmUsage(cached_answers=1))
            self.accept(ctx, cached)
            return
        if self.failure:
            self.skip(ctx, "the analyst stopped after an API failure")
            return
        user = element_prompt(ctx)
        refusal = self.budget.refusal(estimate_tokens(self.system + user))
        if refusal is not None:
            self.skip(ctx, refusal)
            return
        outcome = self.call(user)
        if outcome.status is Status.INCOMPLETE:
            self.incomplete(ctx, outcome)
            return
        answer, notes = validate_answer(ctx.element, outcome.text)
        self.notes += notes
        if answer is None:
            self.usage = self.usage.plus(LlmUsage(incomplete=1))
            self.left_out[ctx.element] = "its answer was not valid"
            return
        self.cache.put(digest, answer)
        self.accept(ctx, answer)

    def call(self, user: str) -> CallOutcome:
        if self.client is None:
            self.client = self.client_factory(self.settings)
        outcome = self.client.ask(self.system, user)
        self.budget.spend(outcome.usage)
        self.usage = self.usage.plus(outcome.usage)
        return outcome

    def skip(self, ctx: ElementContext, why: str) -> None:
        self.usage = self.usage.plus(LlmUsage(not_analysed=1))
        self.left_out[ctx.element] = why

    def incomplete(self, ctx: ElementContext, outcome: CallOutcome) -> None:
        self.usage = self.usage.plus(LlmUsage(incomplete=1))
        reason = outcome.reason.value if outcome.reason else "incomplete"
        self.left_out[ctx.element] = f"incomplete: {reason}"
        self.notes.append(
            _note(
                Level.WARNING,
                "llm-analysis-incomplete",
                f"the LLM analysis of {ctx.element} is incomplete ({reason}): {outcome.detail}",
            )
        )
        if outcome.persistent_failure:
            self.failure = outcome.detail

    def accept(self, ctx: ElementContext, answer: LlmAnswer) -> None:
        rule_threats = [t for t in self.report.threats if t.source is not ThreatSource.LLM]
        grounded, notes = ground(answer.threats, ctx, self.report.model, self.files, rule_threats)
        self.notes += notes
        for threat, given in grounded:
            patched = self.with_patch(threat, given.patch) if given.patch else threat
            self.threats.append(patched)

    def with_patch(self, threat: Threat, diff: str) -> Threat:
        fix: Fix | str = "this run has no analysed repository to prove it against"
        if self.prover is not None:
            try:
                fix = self.prover(diff, threat)
            except Exception as exc:  # a failed proof must not cost the analyst's threats
                fix = f"its proof failed ({type(exc).__name__}: {exc})"
        if isinstance(fix, str):
            self.notes.append(
                _note(
                    Level.NOTE,
                    "llm-patch-dropped",
                    f"the AI analyst's patch for {threat.id} on {threat.element} was dropped: "
                    f"{fix}",
                )
            )
            return threat
        return threat.model_copy(update={"fix": fix})

    def close(self) -> None:
        if self.client is not None:
            self.client.close()


def _left_out_notes(run: _Run) -> list[Notification]:
    notes: list[Notification] = []
    if run.failure:
        notes.append(
            _note(
                Level.WARNING,
                "llm-analyst-failed",
                f"the LLM analyst failed ({run.failure}); the run completed rules-only for "
                f"{len(run.left_out)} element(s) and the gate is decided by the rules alone",
            )
        )
    if run.left_out:
        named = "; ".join(f"{key} ({why})" for key, why in list(run.left_out.items())[:_LISTED])
        more = len(run.left_out) - _LISTED
        notes.append(
            _note(
                Level.WARNING,
                "llm-not-analysed",
                f"{len(run.left_out)} element(s) not analysed by the LLM: {named}"
                + (f"; and {more} more" if more > 0 else ""),
            )
        )
    return notes


def _rules(report: ScanReport, threats: Iterable[Threat]) -> tuple[RuleInfo, ...]:
    used = {t.rule_id for t in threats}
    known = {r.id for r in report.rules}
    extra = [r for r in (LLM_RULE_INFO, INJECTION_RULE_INFO) if r.id in used and r.id not in known]
    return (*report.rules, *extra)


def _merged(report: ScanReport, run: _Run, injected: Sequence[Threat]) -> ScanReport:
    by_id = {t.id: t for t in report.threats}
    for threat in (*injected, *run.threats):
        by_id.setdefault(threat.id, threat)
    threats = tuple(sorted(by_id.values(), key=sort_key))
    llm = LlmRun(
        model=run.settings.model,
        prompt_version=PROMPT_VERSION,
        usage=run.usage,
        not_analysed=tuple(run.left_out),
    )
    return report.model_copy(
        update={
            "threats": threats,
            "rules": _rules(report, threats),
            "notifications": (*report.notifications, *run.notes, *_left_out_notes(run)),
            "llm": llm,
        }
    )


def _run(
    report: ScanReport,
    files: Mapping[str, str],
    settings: LlmSettings,
    keys: Iterable[str] | None,
    *,
    cache: AnswerCache,
    prover: PatchProver | None,
    client_factory: ClientFactory,
) -> ScanReport:
    contexts, context_notes = build_contexts(report.model, report.threats, files, keys)
    injected = injection_threats([m for c in contexts for m in c.injections], report.model)
    run = _Run(report, files, settings, cache=cache, prover=prover, client_factory=client_factory)
    run.notes += context_notes
    try:
        for ctx in contexts:
            run.analyse(ctx)
    finally:
        run.close()
    return _merged(report, run, injected)


def _scan_prover(inputs: InputsFactory) -> PatchProver:
    """Proves against the scan's inputs, made on the first patch only."""
    made: list[ScanInputs] = []

    def prove(diff: str, threat: Threat) -> Fix | str:
        if not made:
            made.append(inputs())
        return prove_llm_patch(diff, threat, made[0])

    return prove


def analyse_with_llm(
    report: ScanReport,
    files: Mapping[str, str],
    settings: LlmSettings,
    keys: Iterable[str] | None = None,
    *,
    store: CacheStore | None = None,
    inputs: InputsFactory | None = None,
    prover: PatchProver | None = None,
    client_factory: ClientFactory = LlmClient,
) -> ScanReport:
    """`report` with the analyst's grounded threats, the injection threats of the content
    sent, its usage and notifications; unchanged when `settings.enabled` is False.
    `files`: the analysed text by path; `keys`: the elements to analyse (None: all);
    `store`: the cache folder (None: no answer cache); `inputs`: makes the scan's inputs,
    needed to prove LLM patches on the whole repository (called at most once); `prover`:
    proves them another way (a diff's head); without either, patches are dropped."""
    if not settings.enabled:
        return report
    cache = AnswerCache(store, PROMPT_VERSION, settings.model)
    prover = prover or (_scan_prover(inputs) if inputs is not None else None)
    try:
        return _run(
            report, files, settings, keys, cache=cache, prover=prover, client_factory=client_factory
        )
    except Exception as exc:  # a bug in the analyst must not cost the rules' report
        note = _note(
            Level.ERROR,
            "llm-analyst-crashed",
            f"the LLM analyst crashed and was skipped; the run is rules-only: "
            f"{type(exc).__name__}: {exc}",
        )
        return report.model_copy(update={"notifications": (*report.notifications, note)})
