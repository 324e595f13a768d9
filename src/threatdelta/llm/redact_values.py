"""Whether the value assigned to a secret-like name is a literal secret worth redacting, or
code, a placeholder, a reference or a setting name that the analyst should still read.

`password = form.password`, `token ? token : undefined`, `token: SecretStr = ...`,
`"api-key": "apiKey"`, `KEY = "spring.security.user.password"` and `token: `${a}:${b}``
are code; `password = "hunter22!"`, `DB_PASSWORD=s3cr3t`, `client_secret: 9f8e7d6c5b4a`
and `<password>...</password>` are secrets.
"""

from __future__ import annotations

import re

from threatdelta.model.data_classes import name_words
from threatdelta.model.secret_literals import is_real_secret, is_secret_name

# a reference resolved at deployment: `${VAR}`, `$(VAR)`, `$VAR`, `{{ var }}`, `%s`
VARIABLE_REFERENCE = re.compile(r"^(?:\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_]\w*|\{\{[^}]*\}\}|%s)$")
# a bare value that is an expression in code: a dotted or optional-chained name
# (`settings.DB_PASSWORD`, `req.cookies?.sid`), a camelCase or PascalCase name, a number
_CODE_VALUE = re.compile(
    r"^(?:[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+|[a-z]+(?:[A-Z][a-z0-9]*)+|"
    r"[A-Z][a-z0-9]*(?:[A-Z][a-z0-9]*)*|\d+)$"
)
# quoted values that name something rather than being a secret: identifiers in camel or
# Pascal case (`"AllowCredentials"`), dotted setting keys (`"spring.security.user.password"`)
_NAME_LIKE = re.compile(
    r"^(?:[a-z]+(?:[A-Z][a-z0-9]*)+|(?:[A-Z][a-z0-9]+){2,}|[a-z][\w-]*(?:\.[a-z][\w-]*)+)$"
)
_LOWER_WORD = re.compile(r"^[a-z]+$")
_NAME = re.compile(r"^[A-Za-z_]\w*$")
_SHORT_PLACEHOLDERS = frozenset({"none", "null", "todo", "tbd", "test", "xxxx", "****", "true"})
_WORD_PASSWORDS = frozenset({"password", "passwd", "pass", "pwd", "secret", "changeme", "token"})
# last words that name a secret only when the value looks random: `db_credential`,
# `x_auth`, `user_session`, `SMTP_PASS` (`auth: "basic"`, `session: "cookie"` are settings)
_WEAK_SECRET_LAST = frozenset({"credential", "auth", "session", "pass"})
# `tok_live_9f8e7d6c5b4a`: an identifier in shape, a token by its long letters-and-digits part
_TOKEN_SEGMENT = re.compile(r"(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{8,}", re.IGNORECASE)
# `name is "value"` in prose or a comment
_PROSE_SEP = re.compile(r"^[ \t]+(?:is|was)[ \t]+$")


def secret_name(name: str) -> bool:
    return is_secret_name(name.replace("-", "_").replace(".", "_"))


def _weak_secret_name(name: str) -> bool:
    found = name_words(name.replace("-", "_").replace(".", "_"))
    return bool(found) and found[-1] in _WEAK_SECRET_LAST


def _random_looking(value: str) -> bool:
    """Letters and digits mixed in one run of eight or more: a generated value, not a word."""
    return _TOKEN_SEGMENT.search(value) is not None


def _real_secret(value: str) -> bool:
    """`is_real_secret`, and identifier-shaped tokens (`tok_live_9f8e7d6c5b4a3f2e`)."""
    if is_real_secret(value):
        return True
    return "_" in value and " " not in value.strip() and _random_looking(value)


def placeholder_password(value: str) -> bool:
    """`user:password@host` in an example: the word itself, not a secret."""
    return value.lower() in _WORD_PASSWORDS or VARIABLE_REFERENCE.match(value) is not None


def _short_secret(value: str) -> bool:
    return (
        4 <= len(value) < 8
        and not any(ch.isspace() for ch in value)
        and value.lower() not in _SHORT_PLACEHOLDERS
        and not value.startswith(("$", "<", "{", "%", "*"))
    )


def _ternary(before: str) -> bool:
    """The name is the middle of `cond ? name : other`, not a key."""
    return before.rstrip().endswith("?")


def _code_bare(bare: str, sep: str) -> bool:
    """A bare value that is code: an expression, or a single name assigned with spaces
    around `=` (a variable), or a lone lower-case word outside an `.env`-style `NAME=value`."""
    if _CODE_VALUE.match(bare):
        return True
    if re.fullmatch(r"\s+=\s+", sep) and _NAME.match(bare):
        return True
    return _LOWER_WORD.match(bare) is not None and sep != "="


def literal_secret(name: str, value: str, *, quoted: bool, sep: str, before: str) -> bool:
    """Is `value`, assigned to `name` with separator `sep` (after the text `before` on the
    line), a literal secret?"""
    if not value or "[REDACTED:" in value or _ternary(before):
        return False
    strict = secret_name(name)
    if not strict and not _weak_secret_name(name):
        return False
    if VARIABLE_REFERENCE.match(value) or "${" in value or "{{" in value:
        return False
    if set(name_words(value)) <= set(name_words(name)):
        return False  # `HARDCODED_SECRET = "hardcoded-secret"`: a constant naming itself
    if not strict or _PROSE_SEP.match(sep):
        return _real_secret(value) and _random_looking(value) and not _code_value(value)
    if not quoted:
        return not _code_bare(value, sep) and _real_secret(value)
    if _NAME_LIKE.match(value):
        return False
    return _real_secret(value) or _short_secret(value)


def _code_value(value: str) -> bool:
    return _CODE_VALUE.match(value) is not None or _NAME_LIKE.match(value) is not None
