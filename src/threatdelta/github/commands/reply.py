"""The reply comment a command run posts: who decided what, when, and the gate after it.

Pure `(...) -> str`. Everything that comes from the comment or the repository (the reason,
the command line quoted back, ids, titles, element keys, branch names, the author's login)
is data: inline text goes through `escape_markdown` or `code_span`, the register file through
`fenced_code`, so no reason can render HTML, links or mentions. The author is named without
an `@`, so the reply notifies no one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from threatdelta.findings.threat import Threat
from threatdelta.github.commands.parse import Rejected, Verb
from threatdelta.github.gate import Gate
from threatdelta.model.base import Frozen
from threatdelta.reporters.escape import code_span, escape_markdown, fenced_code

REPLY_MARKER = "<!-- threatdelta:command-reply -->"
_DONE = {Verb.ACCEPT: "accepted", Verb.DISMISS: "dismissed as a false positive"}
_SHORT_SHA = 12


class DecisionLine(Frozen):
    """One decision as the reply tells it."""

    verb: Verb
    threat: Threat
    reason: str


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _reason_quote(reason: str) -> str:
    return "\n".join(f"> {escape_markdown(line) or ' '}" for line in reason.splitlines())


def decision_markdown(line: DecisionLine, login: str, moment: datetime) -> str:
    t = line.threat
    return (
        f"- {escape_markdown(login)} {_DONE[line.verb]} {code_span(t.id)} "
        f"({escape_markdown(t.rule_id)} {escape_markdown(t.title)} on {code_span(t.element)}) "
        f"on {when(moment)}, because:\n\n{_reason_quote(line.reason)}\n"
    )


def gate_markdown(gate: Gate, sha: str) -> str:
    return (
        f"Gate on {code_span(sha[:_SHORT_SHA])}: **{gate.verdict.value.upper()}** "
        f"({escape_markdown(gate.reason)})"
    )


def committed_markdown(path: str, branch: str, sha: str) -> str:
    return (
        f"Recorded in {code_span(path)} on {code_span(branch)} "
        f"(commit {code_span(sha[:_SHORT_SHA])})."
    )


def not_committed_markdown(path: str, branch: str, why: str, text: str) -> str:
    return (
        f"The decision could not be committed to {code_span(path)} on {code_span(branch)} "
        f"({escape_markdown(why)}); nothing was changed. A maintainer can commit this "
        f"content of {code_span(path)} to the pull request's branch:\n\n"
        f"{fenced_code(text, 'yaml')}"
    )


def rejected_markdown(rejected: Sequence[Rejected]) -> str:
    lines = [f"- {code_span(r.line)}: {escape_markdown(r.why)}" for r in rejected]
    return "Not run:\n\n" + "\n".join(lines)


def unknown_ids_markdown(ids: Sequence[str], sha: str) -> str:
    named = ", ".join(code_span(i) for i in ids)
    return (
        f"No such threat: {named} is not a threat of the pull request head "
        f"{code_span(sha[:_SHORT_SHA])} (`threatdelta diff` or the summary comment lists the "
        "ids); nothing was committed."
    )


def refused_markdown(login: str, association: str | None, allowed: Sequence[str]) -> str:
    said = code_span(association) if association else "not given"
    return (
        f"Commands are taken only from authors whose association with the repository is "
        f"{', '.join(code_span(a) for a in sorted(allowed))}; the association of "
        f"{escape_markdown(login)} here is {said}. Nothing was changed."
    )


def reply_body(parts: Sequence[str]) -> str:
    """The whole reply: a heading line, the parts, and our hidden marker."""
    text = "\n\n".join(p.strip("\n") for p in parts if p)
    return f"**threatdelta** command\n\n{text}\n\n{REPLY_MARKER}"
