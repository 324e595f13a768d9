"""CSRF protection switched off where browsers send cookies.

What it flags:
    A view exempted from CSRF checks (`@csrf_exempt`, `csrf_exempt(view)` in a URLconf) that
    accepts a POST, PUT, PATCH or DELETE, a project whose middleware leaves CSRF protection
    out (`MIDDLEWARE` without `CsrfViewMiddleware`), and a DRF session authenticator whose
    `enforce_csrf` does nothing, in any framework that records a csrf-disabled fact, when
    the route's callers may be authenticated by a cookie.

Why it matters:
    A browser attaches the session cookie to every request to the site, including requests
    a page on another site makes it send. Without a CSRF token check, any page the signed-in
    user visits can submit a form that changes their data, transfers money or adds an
    attacker's e-mail to their account, as them.

Evidence used:
    The csrf-disabled facts on endpoints and services; the endpoint's method,
    `authentication` and `auth_schemes`. A service-wide fact counts when one of the
    service's state-changing endpoints it reaches may use a cookie (a missing Django
    `CsrfViewMiddleware` does not reach DRF views, which check CSRF in their session
    authentication).

Does not fire when:
    The endpoint only reads (GET); its authentication is known to be token-only (bearer,
    JWT, API key, token, OAuth 2: credentials a browser does not attach on its own; HTTP
    Basic is not, browsers resend it) with no session scheme; it is known to accept
    anonymous callers only (no cookie identifies anyone: an anonymous webhook with a
    signature check is the near miss). An endpoint
    whose authentication is unknown is reported at lower confidence.

Known false positives:
    Webhooks that verify a signature in the body, and APIs whose session cookie is
    `SameSite=Strict`, are not exploitable in the same way; the extractor does not see
    the signature check or the cookie attribute set by a proxy.

Remediation:
    Remove the exemption and send the CSRF token from the client (Django's `{% csrf_token %}`
    or the `X-CSRFToken` header), keep `CsrfViewMiddleware` installed, or authenticate the
    route with a token in a header instead of a cookie.

References:
    CWE-352 Cross-Site Request Forgery; CAPEC-62 Cross Site Request Forgery; OWASP
    API2:2023 Broken Authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Evidence, Tri
from threatdelta.model.elements import Endpoint, Service
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts, is_state_changing
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T009",
    name="csrf-protection-disabled",
    title="CSRF protection disabled on a cookie-authenticated route",
    stride=(Stride.TAMPERING, Stride.SPOOFING),
    cwe=(352,),
    capec=(62,),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.DISPLAY_ONLY,
)

_TOKEN_SCHEMES = ("bearer", "jwt", "apikey", "token", "oauth2")  # not basic: browsers resend it


def _token_only(ep: Endpoint) -> bool:
    schemes = [s.lower() for s in ep.auth_schemes]
    return bool(schemes) and all(s.startswith(_TOKEN_SCHEMES) for s in schemes)


def may_use_cookie(ep: Endpoint) -> Tri:
    """YES when a session scheme is in use, NO when only tokens or nobody is known to be
    authenticated, else UNKNOWN."""
    if any(s.lower() in ("session", "flask-login", "passport") for s in ep.auth_schemes):
        return Tri.YES
    if ep.authentication is Tri.NO or (ep.authentication is Tri.YES and _token_only(ep)):
        return Tri.NO
    return Tri.YES if ep.authentication is Tri.YES else Tri.UNKNOWN


def _confidence(cookie: Tri) -> Confidence:
    return SPEC.confidence if cookie is Tri.YES else SPEC.confidence.lowered()


def _threat(
    element: Endpoint | Service, name: str, evidence: tuple[Evidence, ...], confidence: Confidence
) -> Match:
    return Match(
        element=element.key,
        evidence=evidence,
        qualifier=name,
        message=f"{describe(element)} accepts state-changing requests without a CSRF token "
        f"check (`{name}` at {evidence[0].location}) while a browser cookie may "
        "authenticate them.",
        attack_vector="A signed-in user opens an attacker's page, which submits a form or "
        "request to the route; the browser adds the session cookie.",
        impact="Data changed, records created or deleted, or account settings altered "
        "in the victim's name.",
        confidence=confidence,
        fix=Fix(
            summary=f"Remove `{name}` and require the CSRF token, or authenticate the "
            "route with a header token instead of a cookie."
        ),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        cookie = may_use_cookie(ep)
        if not is_state_changing(ep) or cookie is Tri.NO:
            continue
        for fact in facts(ep, FactKind.CSRF_DISABLED):
            yield _threat(ep, fact.name, evidence_of(ep, fact), _confidence(cookie))
    for svc in model.services:
        for fact in facts(svc, FactKind.CSRF_DISABLED):
            cookie = _service_cookie(model, svc, fact)
            if cookie is not Tri.NO:
                yield _threat(svc, fact.name, evidence_of(svc, fact), _confidence(cookie))


def _reaches(fact: CodeFact, ep: Endpoint) -> bool:
    """Django's CSRF middleware does not guard DRF views (DRF checks CSRF in its session
    authentication), so a missing middleware only reaches the other routes."""
    return not (fact.name == "MIDDLEWARE" and "drf" in ep.sources)


def _service_cookie(model: ThreatModel, svc: Service, fact: CodeFact) -> Tri:
    """Whether a state-changing route of the service that the fact reaches may use a
    cookie: YES if one does, UNKNOWN if one might, else NO."""
    exposed = [
        may_use_cookie(ep)
        for ep in model.endpoints
        if ep.service == svc.name and is_state_changing(ep) and _reaches(fact, ep)
    ]
    if Tri.YES in exposed:
        return Tri.YES
    return Tri.UNKNOWN if Tri.UNKNOWN in exposed else Tri.NO
