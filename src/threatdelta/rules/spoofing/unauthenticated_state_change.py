"""Unauthenticated state-changing endpoint.

What it flags:
    A POST, PUT, PATCH or DELETE endpoint that no authentication control protects: no auth
    decorator, dependency, middleware, guard, before-request hook or OpenAPI security
    requirement was found on the route, its router, its mount or its app.

Why it matters:
    Anyone who can reach the service can call the endpoint and change data as if they were
    a legitimate user: create, modify or delete records without an identity to hold to
    account.

Evidence used:
    The endpoint's `authentication` fact, merged from the handler's decorators and
    dependencies, router and mount guards, app-wide hooks and middleware, and the OpenAPI
    security requirements (code wins where it is definite).

Does not fire when:
    Authentication is present at any layer; the endpoint is an authentication endpoint
    itself (login, sign-up, token, password reset: those are public by design and covered
    by TD-D001); the path is a health or metrics probe.

Known false positives:
    Authentication done by an API gateway or service mesh in front of the service is not
    visible in the repository; a custom guard with an unusual name may not be recognised
    (the fact is then unknown and the threat has lower confidence).

Remediation:
    Require authentication on the route (a login/JWT decorator, a `Depends` on the current
    user, an Express auth middleware) or on its router, or declare and enforce an OpenAPI
    security requirement.

References:
    CWE-306 Missing Authentication for Critical Function; CAPEC-115 Authentication Bypass;
    OWASP API2:2023 Broken Authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import (
    confidence_for,
    endpoint_evidence,
    is_authentication_endpoint,
    is_public_by_design,
    is_state_changing,
)
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S001",
    name="unauthenticated-state-change",
    title="State-changing endpoint without authentication",
    stride=(Stride.SPOOFING, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(306,),
    capec=(115,),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:L",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not is_state_changing(ep) or ep.authentication is Tri.YES:
            continue
        if is_authentication_endpoint(ep) or is_public_by_design(ep):
            continue
        seen = (
            "no authentication was found"
            if ep.authentication is Tri.NO
            else ("authentication could not be confirmed")
        )
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} {ep.path} changes state but {seen} on the route, its "
            "router or its app.",
            attack_vector="An anonymous client sends the request directly over the network.",
            impact="Unauthorised creation, modification or deletion of data.",
            confidence=confidence_for(ep.authentication, SPEC.confidence),
            fix=Fix(
                summary="Require authentication on this route (decorator, dependency or "
                "middleware already used elsewhere in the service)."
            ),
        )
