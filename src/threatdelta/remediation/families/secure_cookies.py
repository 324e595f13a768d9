"""Secure, HttpOnly and SameSite on session cookies (TD-S006).

Python: `SESSION_COOKIE_SECURE = False`-style settings turn True, and a one-line
`set_cookie(...)` call gets `secure=True, httponly=True, samesite="Lax"`. JavaScript and
TypeScript: the cookie options object on the flagged line (`res.cookie(..., {...})`,
`session({ cookie: {...} })`) gets `secure: true, httpOnly: true, sameSite: 'lax'`.
Unsafe: a cookie that turns Secure is no longer sent over plain HTTP.
"""

from __future__ import annotations

import ast
import re

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.python_calls import call_on_line, callee_name, set_keywords
from threatdelta.remediation.families.python_imports import parse_module
from threatdelta.remediation.families.source_file import (
    SCRIPT_SUFFIXES,
    SourceFile,
    editable_file,
    primary_location,
)

_SETTING = re.compile(r"^(\s*\w*COOKIE_(?:SECURE|HTTPONLY)\s*=\s*)False\b")
_SAMESITE_SETTING = re.compile(r"^(\s*\w*COOKIE_SAMESITE\s*=\s*)None\b")
_JS_OPTIONS = re.compile(r"(?:cookie\s*:\s*|\.cookie\(.*,\s*)(\{[^{}]*\})")
_PY_FLAGS = {"secure": "True", "httponly": "True", "samesite": '"Lax"'}


class SecureCookies:
    name = "secure-cookies"
    rules = frozenset({"TD-S006"})

    def propose(self, request: FixRequest) -> Patch | None:
        where = primary_location(request.threat)
        source = editable_file(request, where.path)
        if source is None:
            return None
        if where.path.endswith(".py"):
            new = _python_line(source, where.start_line)
        elif where.path.endswith(SCRIPT_SUFFIXES):
            new = _js_line(source.line(where.start_line), source.quote)
        else:
            new = None
        if new is None or new == source.line(where.start_line):
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary="Mark the session cookie Secure, HttpOnly and SameSite=Lax.",
            edits=(
                TextEdit(
                    path=where.path, start=where.start_line, end=where.start_line, lines=(new,)
                ),
            ),
            guidance="A Secure cookie is only sent over HTTPS: serve the site over TLS "
            "everywhere it is used, or the session will not stick.",
        )


def _python_line(source: SourceFile, number: int) -> str | None:
    text = source.line(number)
    if _SETTING.match(text):
        return _SETTING.sub(r"\1True", text, count=1)
    if _SAMESITE_SETTING.match(text):
        return _SAMESITE_SETTING.sub(r'\1"Lax"', text, count=1)
    tree = parse_module(source.text)
    if tree is None:
        return None
    call = call_on_line(tree, number, lambda c: callee_name(c) == "set_cookie")
    if call is None:
        return None
    present = {kw.arg: kw.value for kw in call.keywords}
    wanted = {
        name: value
        for name, value in _PY_FLAGS.items()
        if name not in present or (name != "samesite" and not _is_true(present[name]))
    }
    return set_keywords(text, call, wanted) if wanted else None


def _is_true(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _js_line(text: str, quote: str) -> str | None:
    match = _JS_OPTIONS.search(text)
    if match is None:
        return None
    options = secure_options(match.group(1), quote)
    return text[: match.start(1)] + options + text[match.end(1) :]


def secure_options(options: str, quote: str) -> str:
    """A JavaScript cookie options object literal with the three flags set."""
    body = options[1:-1].strip().rstrip(",")
    for key in ("secure", "httpOnly"):
        body, flipped = re.subn(rf"\b{key}\s*:\s*false\b", f"{key}: true", body)
        if not flipped and not re.search(rf"\b{key}\s*:", body):
            body = f"{body}, {key}: true" if body else f"{key}: true"
    if not re.search(r"\bsameSite\s*:", body):
        body = f"{body}, sameSite: {quote}lax{quote}"
    return "{ " + body + " }"
