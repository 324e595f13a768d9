"""Credentials or sensitive data sent over plain HTTP.

What it flags:
    A service documented over `http://` (reported once, at its OpenAPI `servers`, listing
    the endpoints that carry sensitive data), or a single endpoint served or documented
    over `http://` (an operation's own `servers`) that carries sensitive data: credentials,
    tokens, secrets, personal, payment or health fields in its request or response, or an
    authentication scheme (session cookie, bearer token, API key, basic auth) that travels
    with every request.

Why it matters:
    Anyone on the network path (shared Wi-Fi, a compromised router, an ISP, a proxy) reads
    plain HTTP traffic and can change it. Passwords and tokens read this way are replayed to
    take over accounts; personal data read this way is a breach.

Evidence used:
    The endpoint's `plain_http` fact, or its service's when the endpoint says nothing; the
    endpoint's `request_data` and `response_data` classes and its `auth_schemes`.

Does not fire when:
    The endpoint or its service is only served over `https://`, or nothing says which
    scheme it uses; the endpoint carries no sensitive field and no authentication scheme.

Known false positives:
    A spec that documents `http://` for local development while production sits behind a
    TLS-terminating load balancer; services reachable only on an encrypted internal
    network (service mesh with mTLS).

Remediation:
    Serve and document the API over `https://` only; redirect plain HTTP to HTTPS and send
    `Strict-Transport-Security` so browsers never fall back.

References:
    CWE-319 Cleartext Transmission of Sensitive Information; CAPEC-157 Sniffing Attacks;
    CAPEC-94 Adversary in the Middle; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, EvidenceRole, Tri
from threatdelta.model.elements import Endpoint, Service
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I004",
    name="sensitive-data-over-plain-http",
    title="Sensitive data or credentials sent over plain HTTP",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING),
    cwe=(319,),
    capec=(157, 94),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.DISPLAY_ONLY,
)


def _plain_http(model: ThreatModel, ep: Endpoint) -> bool:
    """The endpoint's own scheme when known, else its service's."""
    if ep.plain_http is not Tri.UNKNOWN:
        return ep.plain_http is Tri.YES
    service = model.service(ep.service)
    return service is not None and service.plain_http is Tri.YES


def _declared_by(model: ThreatModel, ep: Endpoint) -> Service | None:
    """The spec service whose `servers` put this endpoint on http://, if one did: one fix
    there (the servers list) covers every endpoint it documents."""
    spec_paths = {e.location.path for e in ep.evidence if e.role is EvidenceRole.SPEC}
    for service in model.services:
        if (
            service.plain_http is Tri.YES
            and service.evidence
            and (service.evidence[0].location.path in spec_paths or service.name == ep.service)
        ):
            return service
    return None


def _carried(ep: Endpoint) -> list[str]:
    """What sensitive travels with this endpoint, in words."""
    carried = [f"{c.value} in the request" for c in ep.request_data]
    carried += [f"{c.value} in the response" for c in ep.response_data]
    if ep.auth_schemes:
        carried.append("its " + "/".join(ep.auth_schemes) + " credentials")
    return carried


_ATTACK = (
    "An attacker on the network path (shared Wi-Fi, a compromised router or proxy) reads or "
    "rewrites the unencrypted traffic."
)
_IMPACT = "Stolen passwords, tokens or personal data, replayed sessions and tampered traffic."
_FIX = Fix(
    summary="Serve and document this API over https:// only, redirect http:// and send "
    "Strict-Transport-Security."
)


def _one_per_service(service: Service, exposed: list[tuple[Endpoint, list[str]]]) -> Match:
    shown = "; ".join(f"{ep.method} {ep.path} ({', '.join(c)})" for ep, c in exposed[:5])
    more = f"; and {len(exposed) - 5} more" if len(exposed) > 5 else ""
    evidence = (*service.evidence[:1], *(e for ep, _ in exposed for e in ep.evidence[:1]))
    return Match(
        element=service.key,
        evidence=tuple(dict.fromkeys(evidence)),
        message=f"Service '{service.name}' is documented over plain http:// and "
        f"{len(exposed)} of its endpoints carry sensitive data: {shown}{more}.",
        attack_vector=_ATTACK,
        impact=_IMPACT,
        fix=_FIX,
    )


def check(model: ThreatModel) -> Iterator[Match]:
    by_service: dict[str, tuple[Service, list[tuple[Endpoint, list[str]]]]] = {}
    for ep in model.endpoints:
        carried = _carried(ep)
        if not carried or not _plain_http(model, ep):
            continue
        service = _declared_by(model, ep)
        if service is not None:
            by_service.setdefault(service.key, (service, []))[1].append((ep, carried))
            continue
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} {ep.path} is served over plain http:// and carries "
            f"{', '.join(carried)}.",
            attack_vector=_ATTACK,
            impact=_IMPACT,
            fix=_FIX,
        )
    for service, exposed in by_service.values():
        yield _one_per_service(service, exposed)
