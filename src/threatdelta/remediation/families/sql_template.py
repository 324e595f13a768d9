"""SQL text built from input, as literal pieces and holes, turned into a parameterised
statement: each hole becomes a placeholder and its expression a bound value. A hole inside
a quoted SQL string (`'%{term}%'`) takes the quotes and the text around it into its value;
a hole where SQL expects an identifier (`ORDER BY {column}`) cannot be bound, so there is
no rewrite."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Hole:
    expression: str  # source text of the interpolated expression


Piece = str | Hole


@dataclass(frozen=True)
class Bound:
    """A hole's value: the expression and the text of the quoted SQL string around it."""

    expression: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Parameterised:
    sql: str
    values: tuple[Bound, ...]


_QUOTE_BEFORE = re.compile(r"'([^'\s]*)$")
_QUOTE_AFTER = re.compile(r"^([^'\s]*)'")
_VALUE_POSITION = re.compile(
    r"(?:=|<|>|\(|,|\bLIKE|\bILIKE|\bIN|\bLIMIT|\bOFFSET|\bTHEN|\bELSE|\bAND|\bOR|\bBETWEEN)\s*$",
    re.IGNORECASE,
)


def parameterise(pieces: list[Piece], placeholder: Callable[[int], str]) -> Parameterised | None:
    """The statement with placeholders (`placeholder(n)` for the n-th value, from 1), or
    None when a hole sits where a value cannot be bound."""
    texts: list[str] = []
    values: list[Bound] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if isinstance(piece, str):
            texts.append(piece)
            index += 1
            continue
        before = "".join(texts)
        after = pieces[index + 1] if index + 1 < len(pieces) else ""
        if not isinstance(after, str):
            return None  # two holes side by side: one value cannot be told from the other
        bound, before, after = _bind(piece, before, after)
        if bound is None:
            return None
        values.append(bound)
        texts = [before, placeholder(len(values)), after]
        index += 2
    return Parameterised(sql="".join(texts), values=tuple(values))


def _bind(hole: Hole, before: str, after: str) -> tuple[Bound | None, str, str]:
    opened, closed = _QUOTE_BEFORE.search(before), _QUOTE_AFTER.search(after)
    if opened and closed and before.count("'") % 2 == 1:
        bound = Bound(hole.expression, opened.group(1), closed.group(1))
        return bound, before[: opened.start()], after[closed.end() :]
    if before.count("'") % 2 == 1 or not _VALUE_POSITION.search(before):
        return None, before, after
    return Bound(hole.expression), before, after


def split_format(template: str, values: list[str], specs: str = "sdri") -> list[Piece] | None:
    """Pieces of a printf-style template (`%s`, `%d`, `%%`) filled by `values` in order."""
    pieces: list[Piece] = []
    pattern = re.compile(rf"%%|%([{specs}])")
    position, used = 0, 0
    literal = ""
    for match in pattern.finditer(template):
        literal += template[position : match.start()]
        position = match.end()
        if match.group(0) == "%%":
            literal += "%"
            continue
        if used >= len(values):
            return None
        pieces.extend([literal, Hole(values[used])])
        literal, used = "", used + 1
    if used != len(values) or re.search(r"%[^%]", template[position:].replace("%%", "")):
        return None
    pieces.append(literal + template[position:])
    return pieces
