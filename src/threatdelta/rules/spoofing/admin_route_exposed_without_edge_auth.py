"""Administrative route exposed at an internet entry point without edge authentication.

What it flags:
    A path of an internet-facing Kubernetes Ingress that routes administrative or
    operational URLs (`/admin`, `/internal`, `/actuator`, `/metrics`, `/debug`,
    `/manage`, `/console`, `/_`-prefixed) to a backend, when the Ingress neither
    authenticates at the edge (NGINX `auth-url`/`auth-type`/`auth-tls-secret`, ALB
    `auth-type`) nor restricts the source addresses (`whitelist-source-range`,
    `allowlist-source-range`).

Why it matters:
    These routes are meant for operators. Published on the internet with nothing in front
    of them, anyone can reach them, and the application's own checks (if any) are the
    only defence: a missing or bypassable check becomes an unauthenticated takeover of
    the back office, a dump of metrics with internal names, or a debug console.

Evidence used:
    The Ingress's `spec.rules[<i>].paths[<j>].path` and annotations from the Kubernetes
    extractor; the flows of `model/link_flows.py` that make it an internet entry point.

Does not fire when:
    The Ingress has an edge-authentication or source-range annotation; the path is not
    administrative; the Ingress is not reached from the internet in the model.

Known false positives:
    Authentication enforced by a gateway, WAF or identity-aware proxy in front of the
    cluster, or by the controller's global configuration, is not seen.

Remediation:
    Serve administrative routes from a separate, internal Ingress class or restrict them
    with `nginx.ingress.kubernetes.io/whitelist-source-range`, and put an identity-aware
    proxy in front (`auth-url` to oauth2-proxy, ALB `auth-type: oidc`).

References:
    CWE-306 Missing Authentication for Critical Function; CWE-288 Authentication Bypass
    Using an Alternate Path or Channel; CAPEC-115 Authentication Bypass; OWASP API5:2023
    Broken Function Level Authorization.
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
    id="TD-S016",
    name="admin-route-exposed-without-edge-auth",
    title="Administrative route exposed at the edge without authentication",
    stride=(Stride.SPOOFING, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(306, 288),
    capec=(115,),
    owasp=("API5:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:L",
    confidence=Confidence.LOW,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_ADMIN_PATH = re.compile(
    r"(?:^|/)(?:admin|administration|internal|actuator|metrics|debug|manage|management"
    r"|console|_[a-z]+)(?:/|$)",
    re.I,
)
_EDGE_CONTROLS = (
    "nginx.ingress.kubernetes.io/auth-url",
    "nginx.ingress.kubernetes.io/auth-type",
    "nginx.ingress.kubernetes.io/auth-tls-secret",
    "nginx.ingress.kubernetes.io/whitelist-source-range",
    "nginx.ingress.kubernetes.io/allowlist-source-range",
    "alb.ingress.kubernetes.io/auth-type",
    "traefik.ingress.kubernetes.io/router.middlewares",
)


def _guarded(ingress: IacResource) -> bool:
    names = {a.name.removeprefix("metadata.annotations.") for a in ingress.attributes}
    return any(control in names for control in _EDGE_CONTROLS)


def check(model: ThreatModel) -> Iterator[Match]:
    entries = {f.target for f in model.flows if f.source == INTERNET}
    for ingress in model.iac:
        if not is_kubernetes(ingress, "Ingress") or ingress.key not in entries:
            continue
        routes = [
            a
            for a in ingress.attributes
            if a.name.endswith(".path") and _ADMIN_PATH.search(a.value)
        ]
        if not routes or _guarded(ingress):
            continue
        for route in routes:
            yield Match(
                element=ingress.key,
                evidence=route.evidence,
                qualifier=route.value,
                message=f"Ingress `{ingress.name}` publishes the administrative route "
                f"`{route.value}` on the internet with no edge authentication or source "
                "restriction.",
                attack_vector="Anyone on the internet reaches the back-office route; only "
                "the application's own checks stand in the way.",
                impact="Unauthenticated use of administrative functions where the "
                "application's check is missing or bypassable.",
                fix=Fix(
                    summary="Restrict the route to operator addresses or put edge "
                    "authentication in front (`auth-url`, ALB `auth-type: oidc`)."
                ),
            )
