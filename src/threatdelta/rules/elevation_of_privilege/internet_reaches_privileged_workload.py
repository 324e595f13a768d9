"""Internet traffic reaches a privileged container.

What it flags:
    A path in the model from the internet, through an Ingress, a LoadBalancer/NodePort
    Service or a published compose port, to a workload that runs with host-level
    privileges: a privileged container, `hostNetwork`/`hostPID`, or the Docker socket
    mounted (compose `privileged: true`, a `/var/run/docker.sock` volume).

Why it matters:
    The container's own findings (TD-E006, TD-E008, TD-E010, TD-E011) say it would give
    the host away once compromised; this path says who can try. Any remote code
    execution in an internet-facing process running with host privileges is a takeover
    of the node, its other workloads and often the cluster credentials on it.

Evidence used:
    The flows of `model/link_flows.py` from the internet to the workload (the evidence
    starts at the entry point) and the workload's privilege settings.

Does not fire when:
    The workload is not reached from the internet in the model; it runs without those
    privileges; the privileged container is a data store (a store is not an entry point).

Known false positives:
    An entry point restricted by source ranges or a firewall outside the repository.

Remediation:
    Drop the privileges of the internet-facing workload (no `privileged`, no host
    namespaces, no Docker socket); move the work that needs them into a separate,
    non-exposed workload that accepts narrow requests.

References:
    CWE-250 Execution with Unnecessary Privileges; CAPEC-233 Privilege Escalation;
    OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.flow_view import describe, internet_reached
from threatdelta.model.kubernetes_layout import is_workload
from threatdelta.model.kubernetes_pods import container_setting, containers, is_true, setting
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import COMPOSE_SERVICE, named
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E020",
    name="internet-reaches-privileged-workload",
    title="Internet traffic reaches a privileged container",
    stride=(Stride.ELEVATION_OF_PRIVILEGE,),
    cwe=(250,),
    capec=(233,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.FLOW,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def _privilege(resource: IacResource) -> IacAttribute | None:
    """The setting that gives the workload host privileges, if any."""
    if resource.type == COMPOSE_SERVICE:
        flag = next((a for a in named(resource, "privileged") if a.value == "true"), None)
        socket = next((a for a in named(resource, "volumes") if "docker.sock" in a.value), None)
        return flag or socket
    if not is_workload(resource):
        return None
    for field in ("pod.hostNetwork", "pod.hostPID"):
        if is_true(setting(resource, field)):
            return setting(resource, field)
    for container in containers(resource):
        flag = container_setting(resource, container, "privileged")
        if is_true(flag):
            return flag
    return None


def check(model: ThreatModel) -> Iterator[Match]:
    reached = internet_reached(model)
    for resource in model.iac:
        first = reached.get(resource.key)
        privilege = _privilege(resource) if first is not None else None
        if first is None or privilege is None or not first.evidence:
            continue
        yield Match(
            element=first.key,
            evidence=(*first.evidence, *privilege.evidence),
            qualifier=resource.key,
            message=f"Internet traffic entering through {describe(first.target)} reaches "
            f"{describe(resource.key)}, which runs with `{privilege.name}`.",
            attack_vector="A remote code execution in the internet-facing process runs with "
            "host privileges.",
            impact="Takeover of the node, its other workloads and the credentials on it.",
            fix=Fix(
                summary="Drop host privileges from the internet-facing workload; move "
                "privileged work to a separate, non-exposed one."
            ),
        )
