"""Reading `/threatdelta` commands out of a comment body.

A command starts a line (at most three spaces before it, as Markdown allows before a
paragraph): `/threatdelta accept <id> <reason>`, `/threatdelta dismiss <id> <reason>` or
`/threatdelta recheck`. The reason is the rest of the line, continued on the following
lines up to a blank line or the next command. Lines inside fenced code blocks and quoted
lines (`> /threatdelta ...`) are not commands. Everything else about a command line that is
wrong (an unknown verb, a missing id or reason, a reason that is too long, too many
commands) is a `Rejected` line with the reason, answered in the reply; nothing here raises.

The reason is kept as data: line breaks and tabs stay, other control characters become
spaces and bidirectional overrides U+FFFD (so the register file reads as it is).
"""

from __future__ import annotations

import re
from enum import StrEnum

from threatdelta.model.base import Frozen

PREFIX = "/threatdelta"
MAX_COMMANDS = 10
MAX_REASON = 2000
MAX_QUOTED = 120  # characters of a rejected line quoted back in the reply
_COMMAND = re.compile(r"^ {0,3}/threatdelta(?=\s|$)(?P<rest>.*)$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")


class Verb(StrEnum):
    ACCEPT = "accept"  # the risk is accepted (status accepted)
    DISMISS = "dismiss"  # not a real threat (status false_positive)
    RECHECK = "recheck"  # recompute the summary and the gate


class Command(Frozen):
    verb: Verb
    threat_id: str = ""  # accept and dismiss only
    reason: str = ""  # accept and dismiss only


class Rejected(Frozen):
    line: str  # the command line as written, cut to MAX_QUOTED characters
    why: str


class ParsedComment(Frozen):
    commands: tuple[Command, ...] = ()
    rejected: tuple[Rejected, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.commands and not self.rejected


def clean_reason(text: str) -> str:
    """The reason as stored: control characters but line breaks and tabs to spaces,
    bidirectional overrides to U+FFFD, surrounding whitespace stripped."""
    return _BIDI.sub("\ufffd", _CONTROL.sub(" ", text.replace("\r\n", "\n"))).strip()


def _fence_after(fence: str, line: str) -> str:
    """The open fence after `line` ("" outside a fenced code block)."""
    if not fence:
        opening = _FENCE.match(line)
        return opening["fence"] if opening else ""
    stripped = line.strip()
    closes = stripped.startswith(fence) and not stripped.strip(fence[0])
    return "" if closes else fence


def _command_blocks(body: str) -> list[tuple[str, list[str]]]:
    """(the text after `/threatdelta`, its continuation lines) for each command line."""
    blocks: list[tuple[str, list[str]]] = []
    fence = ""
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        was_open, fence = fence, _fence_after(fence, line)
        if was_open or fence:
            current = None
            continue
        match = _COMMAND.match(line)
        if match:
            current = []
            blocks.append((match["rest"], current))
        elif not line.strip():
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _rejected(rest: str, why: str) -> Rejected:
    line = (PREFIX + rest).strip()
    if len(line) > MAX_QUOTED:
        line = line[: MAX_QUOTED - 1] + "\u2026"
    return Rejected(line=line, why=why)


def _one(rest: str, more: list[str]) -> Command | Rejected:
    words = rest.split(None, 2)
    if not words:
        return _rejected(rest, "no command: write accept, dismiss or recheck after /threatdelta")
    verb = next((v for v in Verb if v.value == words[0]), None)
    if verb is None:
        return _rejected(rest, "unknown command: the commands are accept, dismiss and recheck")
    if verb is Verb.RECHECK:
        return Command(verb=verb)
    if len(words) < 2:
        return _rejected(rest, f"{verb.value} needs a threat id and a reason")
    reason = clean_reason("\n".join([words[2] if len(words) > 2 else "", *more]))
    if not reason:
        return _rejected(rest, f"{verb.value} needs a reason after the threat id")
    if len(reason) > MAX_REASON:
        return _rejected(rest, f"the reason is longer than {MAX_REASON} characters")
    return Command(verb=verb, threat_id=words[1], reason=reason)


def parse_comment(body: str) -> ParsedComment:
    """Every command of the comment `body`, in order, and the command lines refused."""
    commands: list[Command] = []
    rejected: list[Rejected] = []
    for index, (rest, more) in enumerate(_command_blocks(body)):
        if index >= MAX_COMMANDS:
            rejected.append(_rejected(rest, f"at most {MAX_COMMANDS} commands per comment"))
            continue
        parsed = _one(rest, more)
        if isinstance(parsed, Command):
            commands.append(parsed)
        else:
            rejected.append(parsed)
    return ParsedComment(commands=tuple(commands), rejected=tuple(rejected))
