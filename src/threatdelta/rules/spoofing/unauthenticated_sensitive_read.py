"""Unauthenticated read of sensitive data or of an administrative area.

What it flags:
    A GET endpoint that no authentication control protects and that either returns sensitive
    data (credentials, tokens, personal, payment or health data, secrets, as classified from
    its response fields) or lives under an administrative or internal path (`/admin`,
    `/internal`, `/management`, `/debug`, `/actuator`).

Why it matters:
    Anyone who can reach the service reads other people's data or the service's internals by
    requesting the URL: no stolen credential is needed, and scrapers and scanners find such
    endpoints by enumeration.

Evidence used:
    The endpoint's method, path and `authentication` fact (decorators, dependencies, router,
    mount and app guards, OpenAPI security requirements) and its `response_data` classes,
    derived from response schemas, response models and literal `jsonify`/`res.json` keys.

Does not fire when:
    Authentication is present at any layer; the endpoint changes state (TD-S001 covers it);
    the path is a health, readiness or metrics probe; the response carries no sensitive field
    and the path is not administrative.

Known false positives:
    Authentication enforced by a gateway, service mesh or network policy in front of the
    service is not visible; data that is deliberately public (a public profile's display
    name and email on a directory page) is still classified as personal data. An admin area
    protected only by a custom guard with an unrecognised name gives an unknown fact and a
    lower confidence.

Remediation:
    Require authentication on the route or its router (a login/JWT decorator, a `Depends` on
    the current user, an Express auth middleware), or declare and enforce an OpenAPI security
    requirement; return only the fields the caller needs.

References:
    CWE-306 Missing Authentication for Critical Function; CAPEC-87 Forceful Browsing;
    CAPEC-115 Authentication Bypass; OWASP API2:2023 Broken Authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import (
    confidence_for,
    endpoint_evidence,
    is_administrative_path,
    is_public_by_design,
    returns_sensitive_data,
)
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S002",
    name="unauthenticated-sensitive-read",
    title="Sensitive or administrative endpoint readable without authentication",
    stride=(Stride.SPOOFING, Stride.INFORMATION_DISCLOSURE),
    cwe=(306,),
    capec=(87, 115),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if ep.method != "GET" or ep.authentication is Tri.YES or is_public_by_design(ep):
            continue
        sensitive = returns_sensitive_data(ep)
        if not sensitive and not is_administrative_path(ep):
            continue
        confidence = confidence_for(ep.authentication, SPEC.confidence)
        if sensitive:
            exposed = "returns " + ", ".join(c.value for c in ep.response_data) + " data"
        else:
            exposed = "serves an administrative or internal area"
            confidence = confidence.lowered()
        seen = (
            "no authentication was found"
            if ep.authentication is Tri.NO
            else "authentication could not be confirmed"
        )
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"GET {ep.path} {exposed} but {seen} on the route, its router or its app.",
            attack_vector="An anonymous client requests the URL directly over the network, "
            "or finds it by enumerating common paths.",
            impact="Disclosure of the returned records or of administrative functions to "
            "anyone who can reach the service.",
            confidence=confidence,
            fix=Fix(
                summary=f"Require authentication on GET {ep.path} (the decorator, dependency "
                "or middleware already used elsewhere in the service)."
            ),
        )
