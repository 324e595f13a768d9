"""Redacting secrets from repository text before any of it reaches a prompt.

`redact(text)` replaces every secret it recognises with `[REDACTED:<kind>]` and counts the
replacements. Newlines are never removed, so line numbers stay valid (a multi-line private
key block keeps one line per line). It reuses the project's detectors (the well-known token
formats and the secret-name / placeholder logic of `model/secret_literals.py`, the
connection-URL reading of `model/connection_urls.py`) and adds the usual credential formats:
HTTP Basic credentials, secrets in URL query strings, and `name = value` / `name is "value"`
anywhere on a line (a comment or prose included: a key that is not a secret name does not
hide the secret assignment after it).
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter
from collections.abc import Callable

from threatdelta.llm.redact_values import (
    VARIABLE_REFERENCE,
    literal_secret,
    placeholder_password,
    secret_name,
)
from threatdelta.model.connection_urls import parse_connection
from threatdelta.model.secret_literals import TOKEN_PATTERNS, is_real_secret

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
    ("sendgrid-api-key", re.compile(r"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b")),
    ("huggingface-token", re.compile(r"\bhf_[A-Za-z0-9]{34,}\b")),
    ("pypi-token", re.compile(r"\bpypi-AgE[A-Za-z0-9_\-]{50,}")),
    ("google-oauth-token", re.compile(r"\bya29\.[A-Za-z0-9_\-]{20,}")),
    ("digitalocean-token", re.compile(r"\bdo[por]_v1_[a-f0-9]{64}\b")),
    ("shopify-token", re.compile(r"\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b")),
    ("twilio-api-key", re.compile(r"\bSK[0-9a-f]{32}\b")),
    (
        "azure-storage-key",
        re.compile(r"(?<=AccountKey=)[A-Za-z0-9+/]{40,}={0,2}|(?<=SharedAccessKey=)[^;\s\"']{20,}"),
    ),
)
# <password>...</password>, <add key="ApiKey" value="..."/>: XML settings
_XML_ELEMENT = re.compile(r"<(?P<tag>[A-Za-z_][\w.\-]*)>(?P<value>[^<\n]{4,})</(?P=tag)>")
# scheme://user:password@host: the password part (a `${VAR}` reference is not a secret)
_URL_CREDENTIALS = re.compile(
    r"\b([A-Za-z][A-Za-z0-9+.\-]*://)([^\s:/@'\"`]*):([^\s@/'\"`]+)@([^\s/'\"`?#]+)"
)
_BEARER = re.compile(r"(?i)\b(bearer|token)([ \t]+)([A-Za-z0-9_\-.~+/=]{20,})")
# `Authorization: Basic dXNlcjpwYXNz`: base64 of `user:password`
_BASIC = re.compile(r"(?i)\b(basic)([ \t]+)([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])")
# `?access_token=...`, `&key=...`, `&client_secret=...` in a URL
_QUERY_SECRET = re.compile(
    r"(?i)(?<=[?&;])((?:access_|auth_|refresh_|id_|api_?|private_)?token|(?:api_?)?key|"
    r"apikey|client_secret|secret|password|passwd|pwd|sig|signature|auth)=([^&#\s\"'`<>]+)"
)
# `password = "..."`, `"api_key": '...'`, `SECRET_KEY: value`, `DB_PASSWORD=value` (a value is
# at most 512 characters, so a long line without spaces is not read again from every name on it)
_ASSIGNMENT = re.compile(
    r"""(?<![\w.\-])(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)(?P<close>["']?)"""
    r"""(?P<sep>[ \t]*(?::=|=>|[:=])[ \t]*|[ \t]+(?:is|was)[ \t]+)"""
    r"""(?:(?P<q>["'`])(?P<quoted>[^"'`\n]{0,512})(?P=q)|"""
    r"""(?P<bare>[^\s,;#"'`()\[\]{}]{1,512})(?![^\s,;#"'`()\[\]{}]))"""
)
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


def _assignments(text: str) -> tuple[str, int]:
    """`_ASSIGNMENT` replaced where the value is a secret. A match that is not one is read
    again from its value on, so `# staging ledger: api_key = "..."` still finds `api_key`."""
    parts: list[str] = []
    count, position, done = 0, 0, 0
    while (match := _ASSIGNMENT.search(text, position)) is not None:
        result = _assignment(match)
        if result is None:
            group = "quoted" if match.group("quoted") is not None else "bare"
            position = max(match.start(group), match.start() + 1)
            continue
        parts += [text[done : match.start()], result]
        count += 1
        position = done = match.end()
    parts.append(text[done:])
    return "".join(parts), count


def _basic(match: re.Match[str]) -> str | None:
    word, space, encoded = match.groups()
    try:
        decoded = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    user, colon, password = decoded.decode("latin-1").partition(":")
    if not colon or not password or not user.isprintable() or not password.isprintable():
        return None
    if placeholder_password(password):
        return None
    return f"{word}{space}{_mark('basic-credentials')}"


def _query_secret(match: re.Match[str]) -> str | None:
    name, value = match.groups()
    if "[REDACTED:" in value or VARIABLE_REFERENCE.match(value) or "{" in value:
        return None
    if not is_real_secret(value) or shannon_entropy(value) < _ENTROPY_MIN - 0.5:
        return None
    return f"{name}={_mark('url-query-secret')}"


def _private_key(match: re.Match[str]) -> str:
    return _mark("private-key") + "\n" * match.group(0).count("\n")


def _url_password(match: re.Match[str]) -> str | None:
    scheme, user, password, host = match.groups()
    if placeholder_password(password) or "[REDACTED:" in password:
        return None
    if parse_connection(f"{scheme}{user}:x@{host}") is None and not host:
        return None
    return f"{scheme}{user}:{_mark('connection-password')}@{host}"


def _bearer(match: re.Match[str]) -> str | None:
    word, space, token = match.groups()
    if "[REDACTED:" in token or shannon_entropy(token) < _ENTROPY_MIN:
        return None
    return f"{word}{space}{_mark('bearer-token')}"


def _assignment(match: re.Match[str]) -> str | None:
    quoted = match.group("quoted")
    group = "quoted" if quoted is not None else "bare"
    before = match.string[max(0, match.start() - 200) : match.start()].rpartition("\n")[2]
    secret = literal_secret(
        match.group("name"),
        match.group(group) or "",
        quoted=quoted is not None,
        sep=match.group("sep"),
        before=before,
    )
    if not secret:
        return None
    start, end = match.span(group)
    text, offset = match.group(0), match.start()
    return text[: start - offset] + _mark("secret-assignment") + text[end - offset :]


def _xml_element(match: re.Match[str]) -> str | None:
    tag, value = match.group("tag"), match.group("value")
    if not secret_name(tag) or "[REDACTED:" in value:
        return None
    if VARIABLE_REFERENCE.match(value.strip()) or not is_real_secret(value):
        return None
    return f"<{tag}>{_mark('secret-assignment')}</{tag}>"


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
        (_QUERY_SECRET, _query_secret),
        (_XML_ELEMENT, _xml_element),
        (_BEARER, _bearer),
        (_BASIC, _basic),
    ):
        text, n = _sub(pattern, text, replacer)
        total += n
    text, n = _assignments(text)
    return text, total + n
