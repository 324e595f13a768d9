"""Internet-facing workload with a single replica.

What it flags:
    A Kubernetes Deployment, StatefulSet or ReplicaSet that the internet reaches through
    an Ingress or a LoadBalancer/NodePort Service (flows of `model/link_flows.py`) and
    that runs one replica (`replicas: 1`, or no `replicas`, whose default is 1) with no
    HorizontalPodAutoscaler scaling it.

Why it matters:
    One pod is one point of failure: a crash triggered by a malformed request, an
    out-of-memory kill, a node drain or a rolling update takes the public service down
    until a new pod is scheduled and ready. Attackers who find a request that crashes
    the process can keep the service down by repeating it.

Evidence used:
    The workload's `spec.replicas`, `HorizontalPodAutoscaler` objects
    (`spec.scaleTargetRef`), and the flows from the internet through entry points.

Does not fire when:
    `replicas` is 2 or more; an HPA in the same namespace targets the workload; the
    workload is not reached from the internet in the model; it is a data store (stores
    are replicated by their own means), a DaemonSet, a Job or a bare Pod.

Known false positives:
    Replicas set at deploy time (`kubectl scale`, a Helm value, KEDA) are not seen.

Remediation:
    Run at least two replicas behind the Service, with a PodDisruptionBudget and
    readiness probes, or an HPA with `minReplicas: 2`.

References:
    CWE-400 Uncontrolled Resource Consumption; CAPEC-469 HTTP DoS; OWASP API4:2023
    Unrestricted Resource Consumption.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacResource
from threatdelta.model.flow_view import internet_reached
from threatdelta.model.kubernetes_layout import kind_of, placement
from threatdelta.model.kubernetes_pods import setting
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D011",
    name="internet-facing-single-replica",
    title="Internet-facing workload with a single replica",
    stride=(Stride.DENIAL_OF_SERVICE,),
    cwe=(400,),
    capec=(469,),
    owasp=("API4:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_SCALED_KINDS = frozenset({"Deployment", "StatefulSet", "ReplicaSet"})


def _autoscaled(model: ThreatModel) -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for resource in model.iac:
        target = setting(resource, "spec.scaleTargetRef")
        if resource.type != "k8s:HorizontalPodAutoscaler" or target is None:
            continue
        try:
            ref = json.loads(target.value)
        except (ValueError, RecursionError):
            continue
        if isinstance(ref, dict) and "name" in ref:
            folder, namespace, _ = placement(resource)
            found.add((folder, namespace, str(ref["name"])))
    return found


def _single(resource: IacResource) -> bool:
    replicas = setting(resource, "spec.replicas")
    return replicas is None or replicas.value.strip() in ("1", "0")


def check(model: ThreatModel) -> Iterator[Match]:
    reached = internet_reached(model)
    scaled = _autoscaled(model)
    for resource in model.iac:
        if not resource.type.startswith("k8s:") or kind_of(resource) not in _SCALED_KINDS:
            continue
        if resource.key not in reached or placement(resource) in scaled:
            continue
        if not _single(resource):
            continue
        replicas = setting(resource, "spec.replicas")
        yield Match(
            element=resource.key,
            evidence=(*resource.evidence[:1], *(replicas.evidence if replicas else ())),
            message=f"{kind_of(resource)} `{resource.name}` is reached from the internet and "
            "runs a single replica with no autoscaler.",
            attack_vector="A request that crashes the process, or a node drain, takes the "
            "only pod down; repeating the request keeps the service down.",
            impact="Outage of the public service until a new pod is scheduled and ready.",
            fix=Fix(
                summary="Run at least two replicas (or an HPA with minReplicas: 2) and "
                "a PodDisruptionBudget."
            ),
        )
