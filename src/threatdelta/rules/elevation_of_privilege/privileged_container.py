"""Kubernetes container that runs privileged.

What it flags:
    A container of a Kubernetes Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or
    CronJob whose `securityContext` sets `privileged: true`, or adds the capability
    `SYS_ADMIN` or `ALL` (`capabilities.add`), which gives nearly the same power. Init and
    ephemeral containers count.

Why it matters:
    A privileged container sees every device of the node, can mount the host's disks, load
    kernel modules and leave its namespaces: whoever gets code execution in it (a vulnerable
    dependency, an injected command, a compromised image) owns the node, every other pod on
    it, and the credentials of the kubelet.

Evidence used:
    The workload's IaC element from the Kubernetes extractor. The first evidence is the
    `privileged: true` line (or the `add:` line of the capability); one threat per container.

Does not fire when:
    `privileged` is false or absent and the added capabilities are narrower (`NET_ADMIN`,
    `NET_BIND_SERVICE`, ...); the manifest is a Helm template not rendered yet (the
    extractor skips it with a notification); the value is a template string.

Known false positives:
    Node agents (CNI plugins, storage drivers, monitoring DaemonSets) need privileges by
    design: accept the threat with that justification, and keep such agents in a
    namespace of their own.

Remediation:
    Remove `privileged: true`; add only the capabilities the process needs (and
    `drop: ["ALL"]` first); enforce the `restricted` Pod Security Standard on the namespace
    (`pod-security.kubernetes.io/enforce: restricted`).

References:
    CWE-250 Execution with Unnecessary Privileges; CAPEC-122 Privilege Abuse; OWASP API8:2023
    Security Misconfiguration; Kubernetes documentation, "Pod Security Standards".
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.kubernetes_pods import (
    container_name,
    container_setting,
    containers,
    is_true,
)
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E006",
    name="privileged-container",
    title="Container runs privileged",
    stride=(Stride.ELEVATION_OF_PRIVILEGE,),
    cwe=(250,),
    capec=(122,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)

_NODE_POWERS = {"SYS_ADMIN", "ALL", "CAP_SYS_ADMIN"}


def _powerful(added: IacAttribute | None) -> bool:
    if added is None:
        return False
    try:
        values = json.loads(added.value)
    except ValueError:
        return False
    return isinstance(values, list) and any(str(v).upper() in _NODE_POWERS for v in values)


def _cause(resource: IacResource, container: IacAttribute) -> tuple[str, IacAttribute] | None:
    privileged = container_setting(resource, container, "privileged")
    if is_true(privileged) and privileged is not None:
        return "`privileged: true`", privileged
    added = container_setting(resource, container, "capabilities.add")
    if _powerful(added) and added is not None:
        return f"the capabilities {added.value}", added
    return None


def _match(resource: IacResource, container: IacAttribute, cause: str, at: IacAttribute) -> Match:
    name = container_name(container)
    return Match(
        element=resource.key,
        evidence=at.evidence,
        qualifier=name,
        message=f"Container `{name}` of {resource.type.removeprefix('k8s:')} "
        f"`{resource.name}` runs with {cause}.",
        attack_vector="Code execution inside the container (a vulnerable dependency, an "
        "injected command, a compromised image) reaches the node: its devices, disks and "
        "kernel.",
        impact="Takeover of the node and of every pod and secret on it.",
        fix=Fix(summary="Remove `privileged: true` and add only the capabilities needed."),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        for container in containers(resource):
            found = _cause(resource, container)
            if found is not None:
                yield _match(resource, container, *found)
