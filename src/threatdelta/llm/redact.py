"""Redacting secrets from repository text before any of it reaches a prompt.

`redact(text)` replaces every secret it recognises with `[REDACTED:<kind>]` and counts the
replacements. Newlines are never removed, so line numbers stay valid (a multi-line private
key block keeps one line per line). It reuses the project's detectors (the well-known token
formats and the secret-name / placeholder logic of `model/secret_literals.py`, the
connection-URL reading of `model/connection_urls.py`) and adds the usual credential formats.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

from threatdelta.model.connection_urls import parse_connection
from threatdelta.model.secret_literals import TOKEN_PATTERNS, is_real_secret, is_secret_name

REDACTED = "[REDACTED:{kind}]"
_PRIVATE_KEY_BLOCK = re.compile(
    r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY((?: BLOCK)?)-----.*?"
    r"(?:-----END \1PRIVATE KEY\2-----|\Z)",
    re.DOTALL,
)
_EXTRA_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("anthropic-api-key", re.compile(r"\bsk-ant-[A-Za-z0-9_\-]{20,}")),
    ("openai-api-key", re.compile(r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,}")),
    ("stripe-key", re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[0-9a-zA-Z]{16,}\b")),
    ("stripe-webhook-secret", re.compile(r"\bwhsec_[0-9a-zA-Z]{24,}\b")),
    ("slack-webhook", re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9/_\-]{20,}")),
    ("gitlab-token", re.compile(r"\bglpat-[0-9A-Za-z_\-]{20,}\b")),
    ("npm-token", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
    ("jwt", re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}")),
)
# scheme://user:password@host: the password part (a `${VAR}` reference is not a secret)
_URL_CREDENTIALS = re.compile(
    r"\b([A-Za-z][A-Za-z0-9+.\-]*://)([^\s:/@'\"`]*):([^\s@/'\"`]+)@([^\s/'\"`?#]+)"
)
_VARIABLE_REFERENCE = re.compile(r"^(?:\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_]\w*|\{\{[^}]*\}\}|%s)$")
_BEARER = re.compile(r"(?i)\b(bearer|token|basic)(\s+)([A-Za-z0-9_\-.~+/=]{20,})")
# `password = "..."`, `"api_key": '...'`, `SECRET_KEY: value`, `DB_PASSWORD=value`
_ASSIGNMENT = re.compile(
    r"""(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)(?P<close>["']?)(?P<sep>\s*(?::=|=>|[:=])\s*)"""
    r"""(?:(?P<q>["'`])(?P<quoted>[^"'`\n]*)(?P=q)|(?P<bare>[^\s,;#"'`()\[\]{}]+))"""
)
# a bare value that is an expression in code rather than a literal: a dotted name
# (`settings.DB_PASSWORD`), a camelCase or capitalised name (`hashedPassword`, `Optional`)
_CODE_VALUE = re.compile(
    r"^(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+|\d+)$"
)
# `name = value` with spaces is a code assignment: a bare single name there is a variable
_CODE_ASSIGNMENT = re.compile(r"^\s+=\s+$")
_NAME = re.compile(r"^[A-Za-z_]\w*$")
_SHORT_PLACEHOLDERS = frozenset({"none", "null", "todo", "tbd", "test", "xxxx", "****", "true"})
_ENTROPY_MIN = 3.5


def _mark(kind: str) -> str:
    return REDACTED.format(kind=kind)


def shannon_entropy(text: str) -> float:
    """Bits per character of `text` (0 for an empty string)."""
    if not text:
        return 0.0
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _sub(
    pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str | None]
) -> tuple[str, int]:
    """`pattern.sub` where `replace` may return None to keep a match; counts replacements."""
    count = 0

    def one(match: re.Match[str]) -> str:
        nonlocal count
        result = replace(match)
        if result is None:
            return match.group(0)
        count += 1
        return result

    return pattern.sub(one, text), count


def _private_key(match: re.Match[str]) -> str:
    return _mark("private-key") + "\n" * match.group(0).count("\n")


def _url_password(match: re.Match[str]) -> str | None:
    scheme, user, password, host = match.groups()
    if _VARIABLE_REFERENCE.match(password) or "[REDACTED:" in password:
        return None
    if parse_connection(f"{scheme}{user}:x@{host}") is None and not host:
        return None
    return f"{scheme}{user}:{_mark('connection-password')}@{host}"


def _bearer(match: re.Match[str]) -> str | None:
    word, space, token = match.groups()
    if "[REDACTED:" in token or shannon_entropy(token) < _ENTROPY_MIN:
        return None
    return f"{word}{space}{_mark('bearer-token')}"


def _short_secret(value: str) -> bool:
    return (
        4 <= len(value) < 8
        and not any(ch.isspace() for ch in value)
        and value.lower() not in _SHORT_PLACEHOLDERS
        and not value.startswith(("$", "<", "{", "%", "*"))
    )


def _assignment(match: re.Match[str]) -> str | None:
    if not is_secret_name(match.group("name").replace("-", "_").replace(".", "_")):
        return None
    quoted, bare = match.group("quoted"), match.group("bare")
    value = quoted if quoted is not None else bare
    if not value or "[REDACTED:" in value or _VARIABLE_REFERENCE.match(value):
        return None
    if bare is not None and (
        _CODE_VALUE.match(bare)
        or (_CODE_ASSIGNMENT.match(match.group("sep")) and _NAME.match(bare))
    ):
        return None  # an expression in code (`password = form.password`), not a literal
    if not (is_real_secret(value) or (quoted is not None and _short_secret(value))):
        return None
    start, end = match.span("quoted" if quoted is not None else "bare")
    whole_start = match.start()
    text = match.group(0)
    return text[: start - whole_start] + _mark("secret-assignment") + text[end - whole_start :]


def _token_replacer(kind: str) -> Callable[[re.Match[str]], str | None]:
    def replace(match: re.Match[str]) -> str | None:
        return None if "[REDACTED:" in match.group(0) else _mark(kind)

    return replace


def redact(text: str) -> tuple[str, int]:
    """`text` with secrets replaced by `[REDACTED:<kind>]`, and how many were replaced.
    Line breaks are kept, so every line keeps its number."""
    total = 0
    text, n = _sub(_PRIVATE_KEY_BLOCK, text, _private_key)
    total += n
    for kind, pattern in (*_EXTRA_TOKENS, *TOKEN_PATTERNS):
        if kind == "private-key":
            continue  # whole blocks are handled above
        text, n = _sub(pattern, text, _token_replacer(kind))
        total += n
    for pattern, replacer in (
        (_URL_CREDENTIALS, _url_password),
        (_BEARER, _bearer),
        (_ASSIGNMENT, _assignment),
    ):
        text, n = _sub(pattern, text, replacer)
        total += n
    return text, total
