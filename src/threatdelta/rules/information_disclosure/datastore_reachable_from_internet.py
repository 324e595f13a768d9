"""Data store reachable from the internet through a Kubernetes entry point.

What it flags:
    A data store workload (an image of PostgreSQL, MySQL, MongoDB, redis, ... see
    `model/deployed_images.py`) behind a Kubernetes Service of type `LoadBalancer` or
    `NodePort`, or behind a Service an Ingress routes to: the model has a path from the
    internet to the store through at most two entry points.

Why it matters:
    A database port on a public load balancer is found by internet-wide scanners within
    minutes; default or leaked credentials, or an unauthenticated redis, then give the
    whole data set away, bypassing every control of the application.

Evidence used:
    The flows of `model/link_flows.py`: internet -> Service (`spec.type`) or Ingress,
    Ingress -> Service, Service -> the store workload it selects; the evidence is the
    first of them (the `type:` line or the Ingress), then the Service's.

Does not fire when:
    The Service is `ClusterIP` (the default) or headless, or an internal load balancer
    annotation (`service.beta.kubernetes.io/aws-load-balancer-internal`, the Azure and
    GKE equivalents) keeps it off the internet; the selector matches no store workload;
    the store is published by a compose port (TD-I014 reports that).

Known false positives:
    `spec.loadBalancerSourceRanges` or a cloud firewall may limit who can connect
    (TD-I010 reads the former).

Remediation:
    Make the store's Service `ClusterIP`; let only the application reach it, with a
    NetworkPolicy; use a bastion or port-forward for administration.

References:
    CWE-668 Exposure of Resource to Wrong Sphere; CAPEC-1 Accessing Functionality Not
    Properly Constrained by ACLs; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import DataFlow
from threatdelta.model.flow_view import INTERNET, describe, is_datastore
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I031",
    name="datastore-reachable-from-internet",
    title="Data store reachable from the internet",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING),
    cwe=(668,),
    capec=(1,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:L",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.FLOW,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_ENTRY = ("iac:k8s:Service.", "iac:k8s:Ingress.")


def _paths(model: ThreatModel) -> Iterator[tuple[DataFlow, DataFlow]]:
    """(internet -> entry flow, entry -> store flow) with at most one entry in between."""
    onward: dict[str, list[DataFlow]] = defaultdict(list)
    for flow in model.flows:
        if flow.source.startswith(_ENTRY):
            onward[flow.source].append(flow)
    for first in model.flows:
        if first.source != INTERNET or not first.target.startswith(_ENTRY):
            continue
        for hop in onward.get(first.target, []):
            ends = [hop] if is_datastore(hop.target) else onward.get(hop.target, [])
            for last in ends:
                if is_datastore(last.target):
                    yield first, last


def check(model: ThreatModel) -> Iterator[Match]:
    seen: set[tuple[str, str]] = set()
    for first, last in _paths(model):
        if (first.key, last.target) in seen or not first.evidence:
            continue
        seen.add((first.key, last.target))
        yield Match(
            element=first.key,
            evidence=(*first.evidence, *last.evidence),
            qualifier=last.target,
            message=f"The {describe(last.target)} is reachable from the internet through "
            f"{describe(first.target)}.",
            attack_vector="An internet scanner finds the store's port on the public "
            "entry point and connects with default, weak or leaked credentials.",
            impact="Reading, changing or deleting the stored data, bypassing the application.",
            fix=Fix(
                summary="Make the store's Service ClusterIP and restrict it with a NetworkPolicy."
            ),
        )
