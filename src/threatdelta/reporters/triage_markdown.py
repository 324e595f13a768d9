"""The triage part of the Markdown summaries (scan and pull request).

- "Triage decisions not applied": on a fork's pull request, the decisions it adds, changes
  or removes, which its gate does not apply (`register.trust`);
- "Triage decisions changed by this PR": every decision the change adds, changes or removes
  in `.threatdelta/register.yaml`, with who decided, so a reviewer sees what it silences;
- "Reopened": threats whose acceptance expired or whose code changed since it was accepted;
- the suppressed threats (accepted, mitigated, false positive) folded in a `<details>`
  block, each with its status, justification, owner and who decided.

Orphaned decisions are notifications of the report (a warning line with the others). Every
register value is written by a person in the repository: it goes through `reporters.escape`
like any repository text; the only HTML is the fixed `<details>`/`<summary>` tags.
"""

from __future__ import annotations

from collections.abc import Sequence

from threatdelta.register.apply import Triaged, TriageResult
from threatdelta.register.changes import DecisionChange
from threatdelta.register.schema import Decision
from threatdelta.register.trust import FORK_REFUSAL
from threatdelta.reporters.escape import code_span, escape_markdown

MAX_LISTED = 50


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _who(decision: Decision) -> str:
    parts = []
    if decision.decided_by:
        parts.append(f"decided by {escape_markdown(decision.decided_by)}")
    if decision.decided_at is not None:
        parts.append(f"on {decision.decided_at.date().isoformat()}")
    if decision.owner:
        parts.append(f"owner {escape_markdown(decision.owner)}")
    if decision.ticket:
        parts.append(f"ticket {code_span(decision.ticket)}")
    if decision.expires is not None:
        parts.append(f"expires {decision.expires.isoformat()}")
    return " · ".join(parts)


def _decision_text(decision: Decision) -> str:
    text = f"**{decision.status.value}**"
    if decision.justification:
        text += f": {escape_markdown(decision.justification)}"
    who = _who(decision)
    return f"{text} ({who})" if who else text


def _change_item(change: DecisionChange) -> str:
    target = code_span(change.target)
    if change.after is None:
        was = f" (was {_decision_text(change.before)})" if change.before is not None else ""
        return f"- {target}: decision removed{was}"
    was = f" (was **{change.before.status.value}**)" if change.before is not None else ""
    return f"- {target}: {_decision_text(change.after)}{was}"


def _threat_name(entry: Triaged) -> str:
    t = entry.threat
    loc = t.evidence[0].location
    return (
        f"{escape_markdown(f'{t.rule_id} {t.title}')} · {code_span(t.element)} · "
        f"{code_span(f'{loc.path}:{loc.start_line}')} · id {code_span(t.id)}"
    )


def _reopened_item(entry: Triaged) -> str:
    severity = entry.threat.severity.value
    return f"- **{severity}** · {_threat_name(entry)} · reopened: {escape_markdown(entry.note)}"


def _suppressed_item(entry: Triaged) -> str:
    decision = entry.decision
    said = _decision_text(decision) if decision is not None else entry.status.value
    return f"- {entry.threat.severity.value} · {_threat_name(entry)} · {said}"


def _capped(items: Sequence[str]) -> list[str]:
    shown = list(items[:MAX_LISTED])
    if len(items) > MAX_LISTED:
        shown.append(f"- and {len(items) - MAX_LISTED} more")
    return shown


def triage_parts(
    result: TriageResult,
    changes: Sequence[DecisionChange] = (),
    refused: Sequence[DecisionChange] = (),
) -> list[str]:
    """Headed Markdown blocks for the triage of a report (none when there is nothing)."""
    parts: list[str] = []
    if refused:
        parts += [
            "## Triage decisions not applied (pull request from a fork)",
            FORK_REFUSAL + "\n\n" + "\n".join(_capped([_change_item(c) for c in refused])),
        ]
    if changes:
        parts += [
            "## Triage decisions changed by this PR",
            "\n".join(_capped([_change_item(c) for c in changes])),
        ]
    if result.reopened:
        parts += [
            "## Reopened threats",
            "\n".join(_capped(list(map(_reopened_item, result.reopened)))),
        ]
    suppressed = [e for e in result.entries if e.suppressed]
    if suppressed:
        summary = _plural(len(suppressed), "suppressed threat")
        summary += " (accepted, mitigated or false positive)"
        body = "\n".join(_capped(list(map(_suppressed_item, suppressed))))
        parts += [
            "## Suppressed threats",
            f"<details>\n<summary>{summary}</summary>\n\n{body}\n\n</details>",
        ]
    return parts
