"""Authentication endpoint without rate limiting.

What it flags:
    A POST, PUT or PATCH endpoint that takes credentials or one-time codes (login, sign-in,
    sign-up, token, OAuth, password reset, OTP/MFA verification, by path) with no rate
    limiter on the route, its router, its mount or its app (Flask-Limiter, slowapi,
    express-rate-limit, or a recognised custom limiter).

Why it matters:
    An attacker can try passwords, leaked credential lists or one-time codes as fast as the
    service answers: a six-digit OTP falls in hours, reused passwords in seconds. Sign-up
    and reset endpoints are also abused to create accounts in bulk or flood a victim's
    inbox, and slow password hashing makes every attempt expensive for the server.

Evidence used:
    The endpoint's method and path (`is_authentication_endpoint`) and its `rate_limited`
    fact, combined from the route, its router, its mount and the app. A limiter seen absent
    keeps the rule's confidence; one that could not be confirmed (an unrecognised
    middleware or decorator, a spec without code) lowers it.

Does not fire when:
    A rate limiter is applied at any of those layers; the endpoint is a logout
    (`/logout`, `/sign-out`) or a DELETE of a session, which cannot be used to guess
    anything; the method is GET.

Known false positives:
    Limits enforced by an API gateway, WAF, CDN or reverse proxy, or an account lock-out
    implemented in the handler's own code, are not visible; a path that merely contains a
    word such as `token` or `verify` may not take credentials.

Remediation:
    Add a limiter per client IP and per account identifier to the route (Flask-Limiter
    `@limiter.limit("5/minute")`, slowapi, `express-rate-limit` on the router), and add
    progressive delays or lock-out with alerting on repeated failures.

References:
    CWE-307 Improper Restriction of Excessive Authentication Attempts; CWE-799 Improper
    Control of Interaction Frequency; CAPEC-49 Password Brute Forcing; CAPEC-600
    Credential Stuffing; OWASP API4:2023 Unrestricted Resource Consumption; OWASP API2:2023
    Broken Authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import (
    accepts_credentials,
    confidence_for,
    endpoint_evidence,
)
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D001",
    name="auth-endpoint-without-rate-limit",
    title="Authentication endpoint without rate limiting",
    stride=(Stride.DENIAL_OF_SERVICE, Stride.SPOOFING),
    cwe=(307, 799),
    capec=(49, 600),
    owasp=("API4:2023", "API2:2023"),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:L",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.SAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not accepts_credentials(ep) or ep.rate_limited is Tri.YES:
            continue
        seen = (
            "no rate limit was found"
            if ep.rate_limited is Tri.NO
            else "a rate limit could not be confirmed"
        )
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} {ep.path} is an authentication endpoint but {seen} on the "
            "route, its router or its app.",
            attack_vector="A script sends credential, password-reset or one-time-code "
            "guesses to this endpoint as fast as it answers, from one or many addresses.",
            impact="Account takeover by brute force or credential stuffing, mass account "
            "creation or inbox flooding, and CPU exhaustion from password hashing.",
            confidence=confidence_for(ep.rate_limited, SPEC.confidence),
            fix=Fix(
                summary=f"Rate-limit {ep.method} {ep.path} per client and per account "
                "(Flask-Limiter, slowapi or express-rate-limit)."
            ),
        )
