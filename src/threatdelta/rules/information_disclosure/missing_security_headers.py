"""Web service without security response headers.

What it flags:
    A service that serves endpoints and was seen to apply no security-headers middleware:
    an Express app created without `helmet()`, or a Python app whose extractor saw that
    flask-talisman / secure-headers are not applied.

Why it matters:
    Without `Strict-Transport-Security` a browser may be downgraded to plain HTTP on the
    next visit; without `X-Content-Type-Options: nosniff` it may run an uploaded file as
    script; without `X-Frame-Options` / `frame-ancestors` the pages can be framed for
    clickjacking; Express also announces itself in `X-Powered-By`, which helps an attacker
    pick known exploits.

Evidence used:
    The service's `security_headers` fact and where the app is created, and whether any
    endpoint belongs to the service.

Does not fire when:
    helmet, flask-talisman or secure-headers is applied; the extractor could not tell
    (most Python apps, where headers are often set by a reverse proxy, stay unknown and are
    not reported); the service has no endpoints.

Known false positives:
    Headers added by a reverse proxy, ingress, CDN or API gateway in front of the service
    are not visible in the repository. For a JSON-only API consumed by non-browser clients
    the impact is small.

Remediation:
    Apply `helmet()` to the Express app (or flask-talisman / secure-headers in Python), or
    set HSTS, `nosniff`, `frame-ancestors` and a content security policy at the proxy and
    document it; disable `X-Powered-By`.

References:
    CWE-693 Protection Mechanism Failure; CWE-1021 Improper Restriction of Rendered UI
    Layers or Frames; CAPEC-103 Clickjacking; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Evidence, EvidenceRole, Tri
from threatdelta.model.elements import Service
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I008",
    name="missing-security-headers",
    title="Security response headers not applied",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING),
    cwe=(693, 1021),
    capec=(103,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.SERVICE,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def _evidence(model: ThreatModel, service: Service) -> tuple[Evidence, ...]:
    """Where the app is created; failing that, the first handler of the service."""
    if service.evidence:
        return service.evidence
    handlers = [ep.handler for ep in model.endpoints if ep.service == service.name]
    first = next((h for h in handlers if h is not None), None)
    return () if first is None else (Evidence(location=first, role=EvidenceRole.PRIMARY),)


def check(model: ThreatModel) -> Iterator[Match]:
    serving = {ep.service for ep in model.endpoints}
    for service in model.services:
        serves = service.name in serving
        evidence = _evidence(model, service)
        if service.security_headers is not Tri.NO or not serves or not evidence:
            continue
        app = f"{service.framework} app" if service.framework else "app"
        yield Match(
            element=service.key,
            evidence=evidence,
            message=f"The {app} of service '{service.name}' ({evidence[0].location}) applies "
            "no security-headers middleware, so responses lack HSTS, nosniff and "
            "anti-framing headers.",
            attack_vector="A victim's browser is downgraded to plain HTTP, frames the pages "
            "inside an attacker's site, or sniffs an uploaded file as script.",
            impact="Clickjacking, content-type confusion and TLS stripping against users, "
            "and framework fingerprinting through default headers.",
            fix=Fix(
                summary="Apply helmet() (Express) or flask-talisman / secure-headers "
                "(Python) to the app, or set the headers at the proxy."
            ),
        )
