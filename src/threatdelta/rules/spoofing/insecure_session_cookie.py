"""Session or authentication cookie without Secure, HttpOnly or SameSite.

What it flags:
    A cookie whose name says it carries a session or credential (`session`, `sid`,
    `connect.sid`, `auth_token`, `remember_token`, `jwt`, ...) set without one of the
    `Secure`, `HttpOnly` or `SameSite` attributes, or a framework session setting that turns
    one off (`SESSION_COOKIE_SECURE = False`, `session({cookie: {secure: false}})`).

Why it matters:
    Whoever holds the session cookie is the user. Without `Secure` it is sent over any plain
    HTTP request, where a network attacker reads it; without `HttpOnly` any injected script
    reads it from `document.cookie`; without `SameSite` other sites make the browser send it
    with forged requests.

Evidence used:
    `insecure-cookie` facts from handlers (`set_cookie`, `res.cookie`, on the endpoint) and
    from settings or middleware configuration (on the service); the fact's `name` is the
    cookie or setting and its `detail` the missing attributes.

Does not fire when:
    Every attribute is set; the cookie's name does not suggest a session or credential
    (`theme`, `locale`, `consent`), or it is a CSRF double-submit cookie, which scripts must
    be able to read by design.

Known false positives:
    A cookie named like a session that carries no credential (`user_theme`, `login_hint`)
    is reported; one served only over HTTPS behind HSTS loses little without `Secure`, yet
    is still reported, since one plain-HTTP link leaks it. Conversely a session cookie with
    an unusual name (`a`, `prefs` holding a signed identity) is missed.

Remediation:
    Set `secure=True`, `httponly=True` and `samesite="Lax"` (or `"Strict"`) on the cookie, or
    the framework settings (`SESSION_COOKIE_SECURE`, `SESSION_COOKIE_HTTPONLY`,
    `SESSION_COOKIE_SAMESITE`; `cookie: {secure: true, httpOnly: true, sameSite: 'lax'}`).

References:
    CWE-614 Sensitive Cookie in HTTPS Session Without 'Secure' Attribute; CWE-1004 Sensitive
    Cookie Without 'HttpOnly' Flag; CWE-1275 Sensitive Cookie with Improper SameSite
    Attribute; CAPEC-31 Accessing/Intercepting/Modifying HTTP Cookies; CAPEC-102 Session
    Sidejacking; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S006",
    name="insecure-session-cookie",
    title="Session cookie without Secure, HttpOnly or SameSite",
    stride=(Stride.SPOOFING, Stride.INFORMATION_DISCLOSURE),
    cwe=(614, 1004, 1275),
    capec=(31, 102),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.UNSAFE,
)

_SESSION_WORDS = frozenset(
    {"session", "sessionid", "sess", "sid", "auth", "token", "jwt", "remember", "login"}
    | {"identity", "access", "refresh", "sso", "uid", "user", "userid", "credentials"}
)
_BY_DESIGN_READABLE = frozenset({"csrf", "xsrf", "csrftoken", "xsrftoken"})


def is_session_cookie(name: str) -> bool:
    """The cookie (or setting) name suggests a session or credential, not a CSRF token."""
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    words = {w for w in re.split(r"[^a-z0-9]+", snake.lower()) if w}
    return bool(words & _SESSION_WORDS) and not words & _BY_DESIGN_READABLE


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.INSECURE_COOKIE):
        if not is_session_cookie(fact.name):
            continue
        missing = f" ({fact.detail.rstrip('.')})" if fact.detail else ""
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            message=f"Session cookie {fact.name} in {describe(element)} is set without all of "
            f"Secure, HttpOnly and SameSite{missing}.",
            attack_vector="A network attacker reads the cookie from a plain-HTTP request, an "
            "injected script reads it from document.cookie, or another site makes the "
            "browser send it with a forged request.",
            impact="Session hijacking: the attacker replays the cookie and acts as the user.",
            qualifier=fact.name,
            fix=Fix(
                summary=f"Set Secure, HttpOnly and SameSite=Lax on {fact.name}.",
            ),
        )
