"""Endpoint authenticated with HTTP Basic credentials.

What it flags:
    An endpoint whose authentication schemes include HTTP Basic: an OpenAPI `http` security
    scheme with `scheme: basic` (or a Swagger 2.0 `basic` scheme), or a Basic-auth guard in
    code (`HTTPBasic`, `HTTPBasicAuth`, `express-basic-auth`).

Why it matters:
    With Basic authentication the client sends the user's reusable password, base64-encoded,
    on every request. It is exposed wherever requests are seen (TLS-terminating proxies,
    debug logs, browser caches), cannot be expired or revoked without a password change, and
    invites online guessing since each request is a login attempt. Over plain HTTP anyone on
    the path reads it.

Evidence used:
    The endpoint's `auth_schemes` (from OpenAPI security requirements and code guards) and
    `plain_http`, of the endpoint or of its service (an `http://` server URL).

Does not fire when:
    The endpoint uses token, session, OAuth 2 or API-key schemes only.

Known false positives:
    Machine-to-machine endpoints over TLS with long random passwords (a metrics scraper, a
    webhook receiver) where Basic is an accepted design; they are reported with medium
    confidence, high only when the service is also served over plain HTTP.

Remediation:
    Exchange the credentials once for a short-lived token (OAuth 2 client credentials, a
    session, a signed JWT) and authenticate later requests with it; if Basic must stay,
    serve it only over HTTPS and rate-limit failed attempts.

References:
    CWE-522 Insufficiently Protected Credentials; CWE-319 Cleartext Transmission of Sensitive
    Information (over plain HTTP); CAPEC-157 Sniffing Attacks; CAPEC-49 Password Brute
    Forcing; OWASP API2:2023 Broken Authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence, served_over_plain_http
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S007",
    name="basic-auth-scheme",
    title="HTTP Basic authentication sends the password on every request",
    stride=(Stride.SPOOFING, Stride.INFORMATION_DISCLOSURE),
    cwe=(522, 319),
    capec=(157, 49),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def uses_basic_auth(schemes: tuple[str, ...]) -> bool:
    return any(s.lower() == "basic" for s in schemes)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not uses_basic_auth(ep.auth_schemes):
            continue
        cleartext = served_over_plain_http(model, ep)
        where = " over plain HTTP, readable by anyone on the network path" if cleartext else ""
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} {ep.path} accepts HTTP Basic credentials: the user's "
            f"password travels with every request{where}.",
            attack_vector="The attacker captures the Authorization header (network sniffing, "
            "proxy or application logs) or guesses passwords request by request.",
            impact="Reuse of the captured password to act as the user until it is changed.",
            confidence=Confidence.HIGH if cleartext else SPEC.confidence,
            fix=Fix(
                summary=f"Authenticate {ep.method} {ep.path} with a short-lived token or "
                "session instead of HTTP Basic, and serve it over HTTPS only."
            ),
        )
