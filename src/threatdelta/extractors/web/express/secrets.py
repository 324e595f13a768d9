"""Hard-coded secrets: string literals given to secret-like names or passed as signing
keys, and well-known token formats anywhere in the file. The value is never recorded."""

from __future__ import annotations

import itertools
import re

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import Callee
from threatdelta.extractors.web.express.collect import ModuleFacts
from threatdelta.extractors.web.express.syntax import arguments, chain, string_value, strip
from threatdelta.model.data_classes import name_words
from threatdelta.model.facts import FactKind

_SECRET_WORDS = frozenset(
    {
        "secret",
        "password",
        "passwd",
        "pwd",
        "passphrase",
        "token",
        "apikey",
        "privatekey",
        "accesskey",
        "secretkey",
        "signingkey",
        "encryptionkey",
        "authkey",
        "masterkey",
        "clientsecret",
        "jwtkey",
        "hmackey",
        "sessionkey",
        "cookiekey",
        "appkey",
    }
)
_NOT_A_VALUE = frozenset(
    {
        "url",
        "uri",
        "path",
        "route",
        "endpoint",
        "field",
        "fields",
        "header",
        "headers",
        "type",
        "regex",
        "pattern",
        "length",
        "len",
        "name",
        "label",
        "message",
        "msg",
        "error",
        "prefix",
        "param",
        "column",
        "expiry",
        "expires",
        "ttl",
        "algorithm",
        "alg",
        "hint",
        "text",
        "title",
        "placeholder",
        "policy",
        "rule",
        "min",
        "max",
        "count",
        "limit",
        "format",
        "mode",
        "file",
        "dir",
        "env",
        "var",
        "id",
        "in",
        "cookie",
        "cookies",
        "storage",
        "event",
        "action",
        "scope",
    }
)
_PLACEHOLDER = re.compile(
    r"change.?me|replace|your[_-]|example|placeholder|dummy|sample|xxx|todo|<.*>|\$\{|\{\{|"
    r"process\.env|^https?://[^@]*$|^/",
    re.IGNORECASE,
)
_TRIVIAL = frozenset({"password", "secret", "undefined", "development", "production", "test"})
_KEY_ARGS = {
    "jsonwebtoken.sign": 1,
    "jwt.sign": 1,
    "jsonwebtoken.verify": 1,
    "jwt.verify": 1,
    "crypto.createHmac": 1,
    "crypto.createCipheriv": 1,
    "crypto.createDecipheriv": 1,
    "cookie-parser": 0,
    "cookieParser": 0,
}
_TOKENS = (
    (re.compile(r"\bAKIA[0-9A-Z]{16}\b"), "aws-access-key-id"),
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"), "github-token"),
    (re.compile(r"\b[sr]k_live_[0-9a-zA-Z]{16,}\b"), "stripe-live-key"),
    (re.compile(r"\bxox[baprs]-[0-9A-Za-z-]{10,}"), "slack-token"),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"), "google-api-key"),
    (
        re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
        "private-key",
    ),
)


def is_secret_name(name: str) -> bool:
    """`JWT_SECRET`, `sessionSecret`, `apiKey`, `DB_PASSWORD`; not `passwordField`."""
    words = name_words(name)
    if not words or words[-1] in _NOT_A_VALUE:
        return False
    if words[0] in ("is", "has", "show", "use", "enable", "min", "max", "no"):
        return False
    if words[-2:] in (["token", "key"], ["storage", "key"], ["token", "name"]):
        return False  # where a token is kept, not the token
    candidates = set(words) | {a + b for a, b in itertools.pairwise(words)}
    return bool(candidates & _SECRET_WORDS)


def secret_literal(node: Node | None) -> bool:
    """A string literal that could be a real secret (or the fallback of `env || 'lit'`)."""
    node = strip(node)
    if node is not None and node.type == "binary_expression":
        op = node.child_by_field_name("operator")
        if op is not None and op.text in (b"||", b"??"):
            node = strip(node.child_by_field_name("right"))
    value = string_value(node)
    if value is None or len(value) < 8 or value.count(" ") >= 2:
        return False
    if value.lower() in _TRIVIAL or len(set(value)) <= 2 or _PLACEHOLDER.search(value):
        return False
    if re.fullmatch(r"[A-Z][A-Z0-9_]+", value):
        return False  # an environment variable's name
    return not value.lower().startswith("x-")  # a header's name


def assigned(target: Node | None, value: Node | None, where: Node, out: ModuleFacts) -> None:
    names = chain(target)
    if names and is_secret_name(names[-1]) and secret_literal(value):
        detail = f"string literal assigned to {names[-1]}"
        out.add(FactKind.HARDCODED_SECRET, where, names[-1], detail)


def pair(node: Node, out: ModuleFacts) -> None:
    key = node.child_by_field_name("key")
    if key is None or key.type == "computed_property_name":
        return
    name = string_value(key) if key.type == "string" else (key.text or b"").decode()
    if name and is_secret_name(name) and secret_literal(node.child_by_field_name("value")):
        out.add(FactKind.HARDCODED_SECRET, node, name, f"string literal given as {name}")


def key_argument(call: Node, callee: Callee, out: ModuleFacts) -> None:
    position = _KEY_ARGS.get(callee.qualified, _KEY_ARGS.get(".".join(callee.names)))
    args = arguments(call)
    if position is not None and len(args) > position and secret_literal(args[position]):
        name = callee.display
        out.add(
            FactKind.HARDCODED_SECRET, call, name, f"string literal passed as the key of {name}"
        )


def token_patterns(text: str, out: ModuleFacts) -> None:
    """Known token formats anywhere in the file (comments included), unless a named secret
    was already reported on that line."""
    taken = out.lines_with(FactKind.HARDCODED_SECRET)
    for pattern, name in _TOKENS:
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            if "EXAMPLE" not in match.group(0) and line not in taken:
                out.add_line(FactKind.HARDCODED_SECRET, line, name, f"{name} in the source")
