"""Authentication route exposed by an Ingress without rate limiting.

What it flags:
    A path of an internet-facing Kubernetes Ingress whose route names authentication
    (`/login`, `/signin`, `/auth`, `/token`, `/oauth`, `/password`, `/session`) when
    the Ingress sets no rate-limit annotation: NGINX `limit-rps`, `limit-rpm` or
    `limit-connections`, HAProxy `rate-limit-requests`, or a Traefik middleware or Kong
    plugin annotation (which may rate limit).

Why it matters:
    Login and token routes are the target of credential stuffing, password spraying and
    token brute force. Without a limit at the edge, an attacker sends as many guesses as
    the backends can answer, and the expensive password hashing behind them turns the
    attack into a denial of service for real users.

Evidence used:
    The Ingress's `spec.rules[<i>].paths[<j>].path` and its annotations from the
    Kubernetes extractor; the evidence is the path line.

Does not fire when:
    A rate-limit (or middleware/plugin) annotation is set on the Ingress; the path names
    no authentication route; the Ingress is not reached from the internet in the model.

Known false positives:
    Limits applied in the application (TD-D001 reads those on the endpoint), by a WAF or
    CDN in front, or in the controller's global configuration are not seen.

Remediation:
    Add `nginx.ingress.kubernetes.io/limit-rpm` (or the equivalent for the controller)
    to the Ingress serving the route, or a dedicated Ingress for authentication routes
    with a stricter limit, and throttle per account in the application.

References:
    CWE-307 Improper Restriction of Excessive Authentication Attempts; CWE-770
    Allocation of Resources Without Limits or Throttling; CAPEC-49 Password Brute
    Forcing; OWASP API4:2023 Unrestricted Resource Consumption.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacResource
from threatdelta.model.flow_view import INTERNET
from threatdelta.model.kubernetes_pods import is_kubernetes
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D012",
    name="auth-route-without-edge-rate-limit",
    title="Authentication route exposed by an Ingress without rate limiting",
    stride=(Stride.DENIAL_OF_SERVICE, Stride.SPOOFING),
    cwe=(307, 770),
    capec=(49,),
    owasp=("API4:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:L",
    confidence=Confidence.LOW,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_AUTH_PATH = re.compile(
    r"(?:^|/)(?:log-?in|sign-?in|auth|authenticate|token|oauth2?|password|session)s?(?:/|$)",
    re.I,
)
_LIMITS = (
    "nginx.ingress.kubernetes.io/limit-rps",
    "nginx.ingress.kubernetes.io/limit-rpm",
    "nginx.ingress.kubernetes.io/limit-connections",
    "haproxy.org/rate-limit-requests",
    "traefik.ingress.kubernetes.io/router.middlewares",
    "konghq.com/plugins",
)


def _limited(ingress: IacResource) -> bool:
    names = {a.name.removeprefix("metadata.annotations.") for a in ingress.attributes}
    return any(limit in names for limit in _LIMITS)


def check(model: ThreatModel) -> Iterator[Match]:
    entries = {f.target for f in model.flows if f.source == INTERNET}
    for ingress in model.iac:
        if not is_kubernetes(ingress, "Ingress") or ingress.key not in entries:
            continue
        routes = [
            a for a in ingress.attributes if a.name.endswith(".path") and _AUTH_PATH.search(a.value)
        ]
        if not routes or _limited(ingress):
            continue
        for route in routes:
            yield Match(
                element=ingress.key,
                evidence=route.evidence,
                qualifier=route.value,
                message=f"Ingress `{ingress.name}` exposes the authentication route "
                f"`{route.value}` with no rate-limit annotation.",
                attack_vector="An attacker sends credential-stuffing or brute-force "
                "requests as fast as the backends answer.",
                impact="Account takeover by guessing; backends saturated by password "
                "hashing, locking real users out.",
                fix=Fix(
                    summary="Add a rate limit at the Ingress "
                    "(`nginx.ingress.kubernetes.io/limit-rpm`) and per account in the app."
                ),
            )
