"""From parsed commands to register decisions (pure): each `accept`/`dismiss` names a
threat of the pull request head; an id that is not one is reported and, like any refused
line, stops the whole comment (nothing of it is committed: a comment is taken whole or not
at all).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from threatdelta.findings.threat import Threat
from threatdelta.github.commands.parse import ParsedComment, Verb
from threatdelta.github.commands.reply import DecisionLine
from threatdelta.model.base import Frozen
from threatdelta.model.threat_model import ThreatModel
from threatdelta.register.fingerprint import element_fingerprint
from threatdelta.register.schema import Decision, TriageStatus

STATUS = {Verb.ACCEPT: TriageStatus.ACCEPTED, Verb.DISMISS: TriageStatus.FALSE_POSITIVE}


class Plan(Frozen):
    """What a comment asks for, checked against the head's threats."""

    lines: tuple[DecisionLine, ...] = ()  # the decisions, in the comment's order
    unknown_ids: tuple[str, ...] = ()
    recheck: bool = False

    @property
    def runnable(self) -> bool:
        return not self.unknown_ids


def plan(parsed: ParsedComment, threats: Sequence[Threat]) -> Plan:
    by_id = {t.id: t for t in threats}
    lines: list[DecisionLine] = []
    unknown: list[str] = []
    for command in parsed.commands:
        if command.verb is Verb.RECHECK:
            continue
        threat = by_id.get(command.threat_id)
        if threat is None:
            unknown.append(command.threat_id)
            continue
        lines.append(DecisionLine(verb=command.verb, threat=threat, reason=command.reason))
    return Plan(
        lines=tuple(lines),
        unknown_ids=tuple(dict.fromkeys(unknown)),
        recheck=any(c.verb is Verb.RECHECK for c in parsed.commands),
    )


def decision(line: DecisionLine, model: ThreatModel, login: str, at: datetime) -> Decision:
    """The register decision for one line, bound to the element's facts as they are now
    (it reopens when they change)."""
    return Decision(
        target=line.threat.id,
        status=STATUS[line.verb],
        justification=line.reason,
        decided_by=login,
        decided_at=at,
        element_fingerprint=element_fingerprint(model, line.threat.element),
    )


def commit_message(lines: Sequence[DecisionLine], login: str, url: str) -> str:
    what = ", ".join(f"{STATUS[x.verb].value} {x.threat.id} ({x.threat.rule_id})" for x in lines)
    return (
        f"Record threatdelta triage by {login}: {what}\n\n"
        f"Decided with /threatdelta in a pull request comment"
        + (f": {url}" if url.startswith("https://") else ".")
    )
