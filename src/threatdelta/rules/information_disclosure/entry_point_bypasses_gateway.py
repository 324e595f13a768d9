"""Service reachable from the internet around its gateway.

What it flags:
    A service that sits behind a gateway and is also published to the internet on its
    own: a Kubernetes workload an Ingress routes to that a `LoadBalancer` or `NodePort`
    Service also exposes, or a compose service a reverse proxy (an `nginx`, `traefik`,
    `envoy`, `haproxy`, `caddy` or `kong` image with a published port) depends on, that
    publishes a port of its own on a non-loopback address.

Why it matters:
    The gateway is where TLS, authentication, rate limits, request size limits and access
    logs are usually enforced. A second, direct way in skips all of them: an attacker
    calls the backend on its own port, unauthenticated and unthrottled, and nothing is
    logged at the edge.

Evidence used:
    The flows of `model/link_flows.py` from the internet (the exposed Service's `type:`
    line, the compose port) and through the gateway, and the compose `depends_on` items.

Does not fire when:
    The only way in is through the gateway; the direct port is bound to loopback; the
    Service is `ClusterIP` or an internal load balancer.

Known false positives:
    A firewall or security group outside the repository closing the direct port; a
    compose file used only for local development.

Remediation:
    Remove the direct exposure (a `ClusterIP` Service, no `ports` on the backend, or
    `127.0.0.1:` bindings) so that every request passes the gateway.

References:
    CWE-288 Authentication Bypass Using an Alternate Path or Channel; CAPEC-115
    Authentication Bypass; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.deployed_images import image_basename
from threatdelta.model.elements import DataFlow
from threatdelta.model.flow_view import INTERNET, describe
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import COMPOSE_SERVICE, last, named, of_type
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I032",
    name="entry-point-bypasses-gateway",
    title="Service reachable from the internet around its gateway",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.SPOOFING),
    cwe=(288,),
    capec=(115,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L",
    confidence=Confidence.LOW,
    applies_to=(ElementKind.FLOW,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_PROXIES = frozenset({"nginx", "traefik", "envoy", "haproxy", "caddy", "kong"})


def _behind_ingress(model: ThreatModel) -> set[str]:
    """Workloads an internet-facing Ingress routes to (Ingress -> Service -> workload)."""
    ingresses = {
        f.target
        for f in model.flows
        if f.source == INTERNET and f.target.startswith("iac:k8s:Ingress.")
    }
    services = {f.target for f in model.flows if f.source in ingresses}
    return {f.target for f in model.flows if f.source in services}


def _kubernetes(model: ThreatModel) -> Iterator[tuple[DataFlow, str]]:
    routed = _behind_ingress(model)
    direct = {
        f.target: f
        for f in model.flows
        if f.source == INTERNET and f.target.startswith("iac:k8s:Service.")
    }
    for flow in model.flows:
        entry = direct.get(flow.source)
        if entry is not None and flow.target in routed:
            yield entry, flow.target


def _compose(model: ThreatModel) -> Iterator[tuple[DataFlow, str]]:
    direct = {f.target: f for f in model.flows if f.source == INTERNET}
    services = {s.key: s for s in of_type(model, COMPOSE_SERVICE)}
    for proxy in services.values():
        image = last(proxy, "image")
        if image is None or image_basename(image.value) not in _PROXIES:
            continue
        if proxy.key not in direct:
            continue
        folder = proxy.name.rpartition(":")[0]
        for needed in named(proxy, "depends_on"):
            backend = f"iac:{COMPOSE_SERVICE}.{folder}:{needed.value}"
            if backend in direct:
                yield direct[backend], proxy.key


def check(model: ThreatModel) -> Iterator[Match]:
    seen: set[str] = set()
    for entry, other in (*_kubernetes(model), *_compose(model)):
        if entry.key in seen or not entry.evidence:
            continue
        seen.add(entry.key)
        yield Match(
            element=entry.key,
            evidence=entry.evidence,
            message=f"{describe(entry.target)} is reachable from the internet directly, "
            f"besides the gateway path ({describe(other)}).",
            attack_vector="An attacker calls the backend on its own port, skipping the "
            "gateway's TLS, authentication, rate limits and access log.",
            impact="Every control enforced only at the gateway is bypassed.",
            fix=Fix(
                summary="Remove the direct exposure so that every request passes the "
                "gateway (ClusterIP, no published port, or a loopback binding)."
            ),
        )
