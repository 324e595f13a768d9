"""Container without a memory limit.

What it flags:
    A container of a Kubernetes workload with no `resources.limits.memory`, in a
    namespace (of the same manifest folder) with no `LimitRange` to give it a default;
    a docker-compose service with neither `mem_limit` nor
    `deploy.resources.limits.memory`.

Why it matters:
    A container without a memory limit can take all the memory of its node: a request
    that makes it allocate (a large upload, a decompression bomb, an unbounded query
    result, a leak) gets it and every neighbour on the node killed or evicted. One
    cheap request becomes an outage of unrelated services.

Evidence used:
    The container items and their `resources.limits.*` from the Kubernetes extractor,
    `LimitRange` objects, and the compose service's `mem_limit` and `deploy` limits.

Does not fire when:
    A memory limit is set on the container (or the compose service); a LimitRange exists
    in the namespace; the container is an init or ephemeral container.

Known false positives:
    Limits set by a Helm values file or an admission controller (Kyverno, Gatekeeper
    mutation) that the manifests do not show; a compose file used only for local
    development.

Remediation:
    Set `resources.limits.memory` (and requests) on every container, or a namespace
    LimitRange with defaults; in compose, `deploy.resources.limits.memory`.

References:
    CWE-770 Allocation of Resources Without Limits or Throttling; CAPEC-130 Excessive
    Allocation; OWASP API4:2023 Unrestricted Resource Consumption.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.kubernetes_layout import is_workload, kind_of, placement
from threatdelta.model.kubernetes_pods import container_name, containers, setting
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import COMPOSE_SERVICE, last, of_type
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D010",
    name="container-without-memory-limit",
    title="Container without a memory limit",
    stride=(Stride.DENIAL_OF_SERVICE,),
    cwe=(770,),
    capec=(130,),
    owasp=("API4:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:N/A:H",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)


def _match(resource: IacResource, where: str, evidence: IacAttribute | None) -> Match:
    return Match(
        element=resource.key,
        evidence=evidence.evidence if evidence else resource.evidence[:1],
        qualifier=where,
        message=f"{where} has no memory limit.",
        attack_vector="Requests that make the container allocate without bound exhaust "
        "the memory of its host.",
        impact="The container and its neighbours on the node are killed or evicted: an "
        "outage of unrelated services.",
        fix=Fix(
            summary="Set a memory limit (`resources.limits.memory`, compose "
            "`deploy.resources.limits.memory`) or a namespace LimitRange."
        ),
    )


def _kubernetes(model: ThreatModel) -> Iterator[Match]:
    ranged = {placement(r)[:2] for r in model.iac if r.type == "k8s:LimitRange"}
    for resource in model.iac:
        if not is_workload(resource) or placement(resource)[:2] in ranged:
            continue
        for container in containers(resource):
            if not container.name.startswith("container."):
                continue
            if setting(resource, f"{container.name}.resources.limits.memory") is None:
                name = (
                    f"Container `{container_name(container)}` of {kind_of(resource)} "
                    f"`{resource.name}`"
                )
                yield _match(resource, name, container)


def check(model: ThreatModel) -> Iterator[Match]:
    yield from _kubernetes(model)
    for service in of_type(model, COMPOSE_SERVICE):
        if last(service, "mem_limit") or last(service, "deploy.resources.limits.memory"):
            continue
        yield _match(service, f"Compose service `{service.name}`", None)
