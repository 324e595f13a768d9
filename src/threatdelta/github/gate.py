"""The merge gate: whether a pull request's (or a push's) threats fail the required check.

Pure policy over a report; the check run, the commit status and the process exit code all
follow the `Gate` decided here.

- Which threats count: on a pull request (`DeltaReport`) only the threats the change
  *introduces*, and the threats whose acceptance it voids by changing their element's code
  (reopened "code changed since accepted"); on a push or full scan (`ScanReport`) every
  threat of the register. Custom threats of the register (`source == human`) count like
  rule threats.
- A counted threat fails the gate when it is open (its id is not in `accepted`, the ids the
  register marks accepted, mitigated or false positive: the report's own triage, plus any
  ids passed in), at or above `fail_on`, and not found
  by the LLM analyst alone (`source == llm` never fails a merge on its own: it is reported,
  and a rule or human threat next to it still fails), unless `llm_gate` (the `llm-gate`
  input) lets it count like a rule threat. `fail_on="none"` never fails.
- Incomplete: a `DeltaReport` with `complete=False`, or any report with a budget
  notification (a code naming a budget: `budget-exhausted`, `diff-file-budget`, ...).
  A known failure wins over incompleteness (what was analysed already fails); otherwise the
  verdict is INCOMPLETE and the conclusion is `incomplete_conclusion` (`failure` or
  `neutral`), because a partial analysis must never read as a clean result.
- Otherwise PASS with conclusion `success`, including "no architecture-relevant change": a
  required check must always report.
- `soft_fail` never fails: the verdict still says FAIL or INCOMPLETE (outputs and summaries
  tell the truth) but the conclusion is `neutral`, which a required check accepts while the
  checks list still shows it is not a clean pass.

`reason` is one plain-text sentence (it may quote repository paths: escape it before putting
it into Markdown).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from enum import StrEnum

from threatdelta.diff.delta import DeltaReport
from threatdelta.errors import ConfigError
from threatdelta.findings.threat import Severity, Threat, ThreatSource
from threatdelta.model.base import Frozen, Notification
from threatdelta.register.apply import CHANGED_NOTE
from threatdelta.report import ScanReport

FAIL_ON_CHOICES = ("none", "low", "medium", "high", "critical")
INCOMPLETE_CONCLUSIONS = ("failure", "neutral")
_NAMED_IN_REASON = 3


class GateVerdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    INCOMPLETE = "incomplete"


class Conclusion(StrEnum):
    """A check run conclusion (a `str`: compares equal to "success", "failure", "neutral")."""

    SUCCESS = "success"
    FAILURE = "failure"
    NEUTRAL = "neutral"


class Gate(Frozen):
    verdict: GateVerdict
    conclusion: Conclusion
    reason: str
    failing: tuple[Threat, ...] = ()


class _Counted(Frozen):
    """The counted threats split by why each does or does not fail the gate."""

    failing: tuple[Threat, ...]
    below: int  # open, not LLM-only, under the threshold
    accepted: int
    llm_only: int  # open LLM threats at or above the threshold


def _threshold(fail_on: str) -> Severity | None:
    if fail_on not in FAIL_ON_CHOICES:
        raise ConfigError(f"fail-on must be one of {', '.join(FAIL_ON_CHOICES)}, not {fail_on!r}")
    return None if fail_on == "none" else Severity(fail_on)


def _split(
    threats: Sequence[Threat],
    threshold: Severity | None,
    accepted: Collection[str],
    llm_gate: bool = False,
) -> _Counted:
    open_threats = [t for t in threats if t.id not in accepted]
    at_or_above = [
        t for t in open_threats if threshold is not None and t.severity.rank >= threshold.rank
    ]
    failing = tuple(t for t in at_or_above if llm_gate or t.source is not ThreatSource.LLM)
    failing = tuple(sorted(failing, key=lambda t: -t.severity.rank))
    return _Counted(
        failing=failing,
        below=len(open_threats) - len(at_or_above),
        accepted=len(threats) - len(open_threats),
        llm_only=len(at_or_above) - len(failing),
    )


def is_budget_notification(note: Notification) -> bool:
    """A notification saying a budget (files, bytes, tokens, time) cut the analysis."""
    return "budget" in note.code.split("-")


def _incomplete_why(report: DeltaReport | ScanReport) -> str | None:
    budget = next((n for n in report.notifications if is_budget_notification(n)), None)
    if budget is not None:
        return f"a budget cut the analysis ({budget.code})"
    if isinstance(report, DeltaReport) and not report.complete:
        return "part of the change was not analysed"
    return None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _named(threat: Threat) -> str:
    where = threat.evidence[0].location
    return f"{threat.title} ({threat.severity.value}, {where.path}:{where.start_line})"


def _fail_reason(counted: _Counted, noun: str, fail_on: str) -> str:
    names = "; ".join(_named(t) for t in counted.failing[:_NAMED_IN_REASON])
    more = len(counted.failing) - _NAMED_IN_REASON
    tail = f"; and {more} more" if more > 0 else ""
    return f"{_plural(len(counted.failing), noun)} at or above {fail_on}: {names}{tail}."


def _pass_reason(counted: _Counted, noun: str, fail_on: str) -> str:
    if fail_on == "none":
        head = f"fail-on is none, so no threat fails the gate ({_plural(counted.below, noun)})"
    else:
        head = f"no {noun} at or above {fail_on}"
    notes = []
    if fail_on != "none" and counted.below:
        notes.append(f"{counted.below} below {fail_on}")
    if counted.llm_only:
        notes.append(f"{counted.llm_only} from the LLM analyst alone, which never fails the gate")
    if counted.accepted:
        notes.append(f"{counted.accepted} accepted in the register")
    return head + (f" ({'; '.join(notes)})." if notes else ".")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _soft(conclusion: Conclusion, soft_fail: bool, reason: str) -> tuple[Conclusion, str]:
    if soft_fail and conclusion is Conclusion.FAILURE:
        return Conclusion.NEUTRAL, reason + " soft-fail is on: reported as neutral, not failure."
    return conclusion, reason


def counted_threats(report: DeltaReport | ScanReport) -> tuple[Threat, ...]:
    """The threats the gate judges (see the module docstring)."""
    if isinstance(report, ScanReport):
        return report.threats
    introduced = {t.id for t in report.introduced}
    voided = tuple(
        e.threat
        for e in report.triage.reopened
        if e.note == CHANGED_NOTE and e.threat.id not in introduced
    )
    return (*report.introduced, *voided)


def failing_threats(
    report: DeltaReport | ScanReport, fail_on: str, llm_gate: bool = False
) -> tuple[Threat, ...]:
    """The open threats the gate counts at or above `fail_on` (the CLI's `--fail-on`)."""
    counted = _split(
        counted_threats(report), _threshold(fail_on), report.triage.suppressed_ids(), llm_gate
    )
    return counted.failing


def decide(
    report: DeltaReport | ScanReport,
    *,
    fail_on: str,
    soft_fail: bool,
    incomplete_conclusion: str,
    accepted: Collection[str] = frozenset(),
    llm_gate: bool = False,
) -> Gate:
    """The gate for a report. `accepted`: ids of threats the register does not hold open;
    `llm_gate`: threats of the LLM analyst alone count like rule threats."""
    if incomplete_conclusion not in INCOMPLETE_CONCLUSIONS:
        raise ConfigError(
            f"incomplete-conclusion must be failure or neutral, not {incomplete_conclusion!r}"
        )
    threshold = _threshold(fail_on)
    delta = isinstance(report, DeltaReport)
    threats = counted_threats(report)
    noun = "introduced open threat" if delta else "open threat"
    suppressed = {*accepted, *report.triage.suppressed_ids()}
    counted = _split(threats, threshold, suppressed, llm_gate)
    why_incomplete = _incomplete_why(report)
    if counted.failing:
        verdict, conclusion = GateVerdict.FAIL, Conclusion.FAILURE
        reason = _fail_reason(counted, noun, fail_on)
        if why_incomplete is not None:
            reason += f" The analysis is also incomplete: {why_incomplete}."
    elif why_incomplete is not None:
        verdict, conclusion = GateVerdict.INCOMPLETE, Conclusion(incomplete_conclusion)
        found = _pass_reason(counted, noun, fail_on)
        reason = f"The analysis is incomplete: {why_incomplete}. In what was analysed: {found}"
    elif isinstance(report, DeltaReport) and not report.relevant and not threats:
        verdict, conclusion = GateVerdict.PASS, Conclusion.SUCCESS
        reason = "No architecture-relevant change."
    else:
        verdict, conclusion = GateVerdict.PASS, Conclusion.SUCCESS
        reason = _capitalised(_pass_reason(counted, noun, fail_on))
    conclusion, reason = _soft(conclusion, soft_fail, reason)
    return Gate(verdict=verdict, conclusion=conclusion, reason=reason, failing=counted.failing)
