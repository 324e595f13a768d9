"""Kubernetes Service exposed outside the cluster.

What it flags:
    A Kubernetes `Service` of `type: LoadBalancer` (an external load balancer, usually
    reachable from the internet) or `type: NodePort` (a port opened on every node's
    address), unless it is restricted as "Does not fire when" says.

Why it matters:
    Everything behind the Service becomes reachable from outside the cluster, bypassing the
    Ingress and whatever TLS termination, authentication, WAF or rate limiting is set up
    there. Internal services (admin consoles, databases, metrics) exposed this way are
    found by internet-wide scanners within hours.

Evidence used:
    The Service's IaC element from the Kubernetes extractor: `spec.type`,
    `spec.loadBalancerSourceRanges` and the annotations. The evidence is the `type:` line.
    A NodePort has lower confidence: whether the nodes' addresses are reachable from
    outside depends on the network, which the manifest does not say.

Does not fire when:
    The type is `ClusterIP` (the default), `ExternalName` or absent; a LoadBalancer has
    `loadBalancerSourceRanges` without `0.0.0.0/0` or `::/0`; a LoadBalancer is annotated
    as internal (`service.beta.kubernetes.io/aws-load-balancer-internal`,
    `...aws-load-balancer-scheme: internal`, `networking.gke.io/load-balancer-type:
    Internal`, `service.beta.kubernetes.io/azure-load-balancer-internal`).

Known false positives:
    A public entry point meant to be public (an ingress controller's own Service): accept
    the threat with that justification. Cloud firewall rules outside the manifest are not
    seen.

Remediation:
    Use `type: ClusterIP` and expose HTTP through an Ingress with TLS; if a load balancer is
    needed, make it internal or restrict `loadBalancerSourceRanges` to known networks.

References:
    CWE-668 Exposure of Resource to Wrong Sphere; CAPEC-169 Footprinting; OWASP API8:2023
    Security Misconfiguration; Kubernetes documentation, "Service" (type LoadBalancer,
    NodePort).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.kubernetes_pods import is_kubernetes, setting
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I010",
    name="service-exposed-outside-cluster",
    title="Service exposed outside the cluster",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(668,),
    capec=(169,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_EXPOSED = {"LoadBalancer", "NodePort"}
_INTERNAL = {
    "service.beta.kubernetes.io/aws-load-balancer-internal": {"true", "0.0.0.0/0"},
    "service.beta.kubernetes.io/aws-load-balancer-scheme": {"internal"},
    "networking.gke.io/load-balancer-type": {"internal"},
    "cloud.google.com/load-balancer-type": {"internal"},
    "service.beta.kubernetes.io/azure-load-balancer-internal": {"true"},
}
_ANYWHERE = {"0.0.0.0/0", "::/0"}


def _internal(service: IacResource) -> bool:
    return any(
        (value := setting(service, f"metadata.annotations.{name}")) is not None
        and value.value.lower() in values
        for name, values in _INTERNAL.items()
    )


def _restricted(ranges: IacAttribute | None) -> bool:
    try:
        values = json.loads(ranges.value) if ranges else None
    except ValueError:
        return False
    return isinstance(values, list) and bool(values) and not _ANYWHERE & set(map(str, values))


def _exposure(service: IacResource) -> IacAttribute | None:
    kind = setting(service, "spec.type")
    if kind is None or kind.value not in _EXPOSED:
        return None
    if kind.value == "LoadBalancer" and (
        _internal(service) or _restricted(setting(service, "spec.loadBalancerSourceRanges"))
    ):
        return None
    return kind


def _match(service: IacResource, kind: IacAttribute) -> Match:
    where = "an external load balancer" if kind.value == "LoadBalancer" else "every node's port"
    return Match(
        element=service.key,
        evidence=kind.evidence,
        message=f"Service `{service.name}` is of type `{kind.value}`: reachable through "
        f"{where}, outside the cluster.",
        attack_vector="Anyone who reaches the load balancer or a node's address connects to "
        "the pods directly, past the Ingress and its TLS, authentication and limits.",
        impact="Exposure of the service's interface (and of anything unauthenticated on it) "
        "to the network outside the cluster.",
        confidence=SPEC.confidence.lowered() if kind.value == "NodePort" else None,
        fix=Fix(summary="Use `type: ClusterIP` behind an Ingress, or an internal load balancer."),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for service in model.iac:
        if is_kubernetes(service, "Service") and (kind := _exposure(service)) is not None:
            yield _match(service, kind)
