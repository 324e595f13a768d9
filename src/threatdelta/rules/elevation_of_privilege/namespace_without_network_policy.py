"""Kubernetes namespace with workloads and no NetworkPolicy.

What it flags:
    A namespace (per manifest folder) that runs workloads but has no `NetworkPolicy`
    object in the same folder: every pod in it accepts connections from every pod of the
    cluster and may connect anywhere.

Why it matters:
    Without a policy the cluster network is flat. An attacker who compromises one pod
    (a vulnerable dependency, an exposed debug port) reaches the databases, internal
    APIs and metadata endpoints of every other namespace: lateral movement needs no
    further exploit.

Evidence used:
    The namespace trust boundaries of `model/link_flows.py` (their members are the
    namespace's workloads, Services and Ingresses) and the `NetworkPolicy` objects of the
    Kubernetes extractor; the evidence is the namespace's first workload.

Does not fire when:
    Any NetworkPolicy exists in the namespace (of the same manifest folder); the
    namespace has only Services or Ingresses and no workload.

Known false positives:
    Policies applied by other means (Cilium or Calico cluster-wide policies, a mesh's
    authorization policies, policies kept in another repository) are not seen.

Remediation:
    Add a default-deny NetworkPolicy to the namespace (`podSelector: {}` with
    `policyTypes: [Ingress, Egress]`) and allow only the flows the services need.

References:
    CWE-923 Improper Restriction of Communication Channel to Intended Endpoints;
    CAPEC-555 Remote Services with Stolen Credentials (lateral movement); Kubernetes
    documentation, "Network Policies".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import BoundaryKind
from threatdelta.model.kubernetes_layout import is_workload, kind_of, placement
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E019",
    name="namespace-without-network-policy",
    title="Namespace with workloads and no NetworkPolicy",
    stride=(Stride.ELEVATION_OF_PRIVILEGE, Stride.INFORMATION_DISCLOSURE),
    cwe=(923,),
    capec=(555,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:A/AC:H/PR:L/UI:N/S:C/C:L/I:L/A:L",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.BOUNDARY,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    guarded = {
        placement(r)[:2]
        for r in model.iac
        if r.type.startswith("k8s:") and kind_of(r) == "NetworkPolicy"
    }
    workloads: dict[tuple[str, str], str] = {}
    for resource in model.iac:
        if is_workload(resource):
            folder, namespace, _ = placement(resource)
            workloads.setdefault((folder, namespace), resource.name)
    for boundary in model.boundaries:
        if boundary.kind_of is not BoundaryKind.NETWORK or not boundary.name.startswith("k8s:"):
            continue
        folder, _, namespace = boundary.name.removeprefix("k8s:").rpartition(":")
        where = ("" if folder == "." else folder, namespace)
        if where not in workloads or where in guarded or not boundary.evidence:
            continue
        yield Match(
            element=boundary.key,
            evidence=boundary.evidence,
            message=f"Namespace `{namespace}` runs workloads (`{workloads[where]}`, ...) and "
            "has no NetworkPolicy: every pod accepts traffic from the whole cluster.",
            attack_vector="From any compromised pod of the cluster, the attacker connects "
            "to the namespace's pods directly.",
            impact="Lateral movement to the namespace's services and data stores.",
            fix=Fix(summary="Add a default-deny NetworkPolicy and allow only needed flows."),
        )
