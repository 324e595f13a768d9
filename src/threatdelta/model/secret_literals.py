"""Which names hold secrets, which string literals are real secrets rather than
placeholders, and well-known token formats found in any string literal."""

from __future__ import annotations

import re

from threatdelta.model.data_classes import name_words as words

_SECRET_LAST = frozenset(
    {"secret", "password", "passwd", "pwd", "passphrase", "token", "apikey", "credentials"}
)
_KEY_QUALIFIERS = frozenset(
    {"secret", "api", "private", "signing", "access", "auth", "encryption", "master", "jwt", "hmac"}
)
_PLACEHOLDER = re.compile(
    r"^(?:|x+|\*+|\.+|-+|change[-_ ]?(?:me|this|it).*|replace[-_ ]?(?:me|this).*|"
    r"todo|tbd|none|null|"
    r"<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%\([^)]*\)s|\$[A-Z_][A-Z0-9_]*)$",
    re.IGNORECASE,
)
TOKEN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("aws-access-key-id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("github-token", re.compile(r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b")),
    ("github-token", re.compile(r"\bgithub_pat_[A-Za-z0-9_]{60,}\b")),
    ("stripe-secret-key", re.compile(r"\b[sr]k_live_[0-9a-zA-Z]{20,}\b")),
    ("slack-token", re.compile(r"\bxox[abposr]-[0-9A-Za-z-]{10,}\b")),
    ("google-api-key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    (
        "private-key",
        re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
    ),
)
MIN_SECRET_LENGTH = 8
_IDENTIFIER = re.compile(r"^(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$")
_REGEX_MARKERS = ("[^", "\\w", "\\d", "\\s", "(?", "]+", "]*")


def is_secret_name(name: str) -> bool:
    """`SECRET_KEY`, `JWT_SECRET`, `db_password`, `API_KEY`, `auth_token`: the last word
    names a secret (`PASSWORD_MIN_LENGTH`, `TOKEN_URL` do not)."""
    found = words(name)
    if not found:
        return False
    last = found[-1]
    if last in _SECRET_LAST:
        return True
    return last == "key" and len(found) > 1 and found[-2] in _KEY_QUALIFIERS


def is_real_secret(value: str) -> bool:
    """A literal long enough to be a secret, not a placeholder, not prose or a path, not an
    identifier (`"refresh_token"`, `"ANTHROPIC_API_KEY"`) and not a regular expression."""
    text = value.strip()
    if len(text) < MIN_SECRET_LENGTH or _PLACEHOLDER.match(text):
        return False
    if _IDENTIFIER.match(text) or any(marker in text for marker in _REGEX_MARKERS):
        return False
    return not (any(ch.isspace() for ch in text) or text.startswith(("/", "http://", "https://")))


def known_token(value: str) -> str | None:
    """The name of a well-known credential format found in the string, if any."""
    if len(value) < 16:
        return None
    for name, pattern in TOKEN_PATTERNS:
        if pattern.search(value):
            return name
    return None
