"""Kubernetes container that may run as root.

What it flags:
    A container of a Kubernetes workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
    Job, CronJob) for which neither its own `securityContext` nor the pod's says it runs as
    a non-root user: `runAsUser: 0`, `runAsNonRoot: false`, or neither field set at all.

Why it matters:
    A process running as root inside the container turns any container escape (a kernel
    bug, a writable host mount, a misconfigured capability) into root on the node, and
    lets an attacker who got code execution rewrite the container's own binaries.

Evidence used:
    The workload's IaC element from the Kubernetes extractor. The first evidence is the
    `runAsUser: 0` or `runAsNonRoot: false` line when one is written, else the container's
    item (`- name: ...`); one threat per container. When nothing is set, the image's `USER`
    decides and is not known here, so the threat has lower confidence.

Does not fire when:
    `runAsNonRoot: true` or a non-zero `runAsUser` is set on the container or on the pod
    (the container's own setting wins over the pod's); the manifest is an unrendered Helm
    template (skipped by the extractor).

Known false positives:
    An image whose Dockerfile sets a non-root `USER` runs as that user even when the
    manifest says nothing; reported with lower confidence. State `runAsNonRoot: true` to
    make it checked by the kubelet.

Remediation:
    Set `securityContext.runAsNonRoot: true` and a non-zero `runAsUser` on the pod (or each
    container), build images with a non-root `USER`, and enforce the `restricted` Pod
    Security Standard on the namespace.

References:
    CWE-250 Execution with Unnecessary Privileges; CAPEC-122 Privilege Abuse; OWASP API8:2023
    Security Misconfiguration; Kubernetes documentation, "Configure a Security Context for a
    Pod or Container".
"""

from __future__ import annotations

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
    id="TD-E007",
    name="container-may-run-as-root",
    title="Container may run as root",
    stride=(Stride.ELEVATION_OF_PRIVILEGE,),
    cwe=(250,),
    capec=(122,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)


def _root_cause(resource: IacResource, container: IacAttribute) -> tuple[str, IacAttribute] | None:
    """Why the container may run as root and where it says so; None when it does not."""
    if is_true(container_setting(resource, container, "runAsNonRoot")):
        return None
    user = container_setting(resource, container, "runAsUser")
    if user is not None:
        return ("`runAsUser: 0`", user) if user.value.strip() == "0" else None
    non_root = container_setting(resource, container, "runAsNonRoot")
    if non_root is not None:
        return "`runAsNonRoot: false` and no `runAsUser`", non_root
    return "neither `runAsNonRoot` nor `runAsUser` set on it or its pod", container


def _match(resource: IacResource, container: IacAttribute, cause: str, at: IacAttribute) -> Match:
    name = container_name(container)
    return Match(
        element=resource.key,
        evidence=at.evidence,
        qualifier=name,
        message=f"Container `{name}` of {resource.type.removeprefix('k8s:')} "
        f"`{resource.name}` may run as root: {cause}.",
        attack_vector="Code execution in the container runs as root, so a container escape "
        "or a writable host mount gives root on the node.",
        impact="Takeover of the container's files and, through an escape, of the node.",
        confidence=SPEC.confidence.lowered() if at is container else None,
        fix=Fix(summary="Set `runAsNonRoot: true` and a non-zero `runAsUser`."),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        for container in containers(resource):
            found = _root_cause(resource, container)
            if found is not None:
                yield _match(resource, container, *found)
