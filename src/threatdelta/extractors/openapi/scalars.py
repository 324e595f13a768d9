"""Plain (unquoted) scalars to values, by the YAML 1.2 core schema, which JSON also follows:
`null`/`~`/empty, `true`/`false`, decimal/octal/hex integers, floats, `.inf`, `.nan`.
Everything else, including YAML 1.1's `yes`/`no`/`on`/`off` and `1_000`, stays text."""

from __future__ import annotations

import re

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_MAY_BE_TYPED = frozenset("0123456789+-.~nNtTfF")
_MAX_NUMBER_DIGITS = 4300  # Python's int-from-text limit; longer numerals stay text


def resolve_plain(text: str) -> str | int | float | bool | None:
    """The value of a plain scalar."""
    if not text:
        return None
    if text[0] not in _MAY_BE_TYPED or len(text) > _MAX_NUMBER_DIGITS:
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.fullmatch(text):
        return int(text)
    if text.startswith(("0o", "0x")):
        return _prefixed_int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return _SPECIAL_FLOATS.get(text, text)


def _prefixed_int(text: str) -> int | str:
    base = 8 if text[1] == "o" else 16
    try:
        return int(text[2:], base)
    except ValueError:
        return text
