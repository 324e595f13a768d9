"""Kubernetes pod sharing the node's network, process or IPC namespace.

What it flags:
    A Kubernetes Pod or workload whose pod spec sets `hostNetwork: true`, `hostPID: true` or
    `hostIPC: true`.

Why it matters:
    With the host's network namespace, the pod listens on the node's interfaces, reaches
    services bound to localhost on the node (the kubelet, cloud metadata proxies) and
    sniffs traffic; with its PID namespace it sees and signals every process on the node
    and reads their environment; with its IPC namespace it reads other processes' shared
    memory. A compromise of the pod becomes a compromise of the node.

Evidence used:
    The workload's IaC element from the Kubernetes extractor. The evidence is each
    `host...: true` line, the first one first; one threat per workload.

Does not fire when:
    The fields are false or absent; the manifest is an unrendered Helm template.

Known false positives:
    Node agents (CNI plugins, node exporters, log collectors) need host namespaces by
    design: accept the threat with that justification.

Remediation:
    Remove `hostNetwork`, `hostPID` and `hostIPC`; expose ports through a Service instead
    of the node's network; enforce the `baseline` or `restricted` Pod Security Standard.

References:
    CWE-668 Exposure of Resource to Wrong Sphere; CAPEC-122 Privilege Abuse; OWASP
    API8:2023 Security Misconfiguration; Kubernetes documentation, "Pod Security Standards".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.kubernetes_pods import is_true, setting
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E008",
    name="host-namespace-shared",
    title="Pod shares the node's namespaces",
    stride=(Stride.ELEVATION_OF_PRIVILEGE, Stride.INFORMATION_DISCLOSURE),
    cwe=(668,),
    capec=(122,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)

_NAMESPACES = ("hostNetwork", "hostPID", "hostIPC")


def _shared(resource: IacResource) -> list[IacAttribute]:
    found = [setting(resource, f"pod.{field}") for field in _NAMESPACES]
    return sorted(
        (a for a in found if a is not None and is_true(a)),
        key=lambda a: a.evidence[0].location.start_line,
    )


def _match(resource: IacResource, shared: list[IacAttribute]) -> Match:
    fields = ", ".join(f"`{a.name.removeprefix('pod.')}: true`" for a in shared)
    return Match(
        element=resource.key,
        evidence=tuple(ev for a in shared for ev in a.evidence),
        message=f"{resource.type.removeprefix('k8s:')} `{resource.name}` shares the node's "
        f"namespaces: {fields}.",
        attack_vector="Code execution in the pod reaches the node's network interfaces and "
        "localhost services, its processes or its shared memory.",
        impact="Traffic sniffing, access to node-local services and other pods' processes, "
        "a step to taking over the node.",
        fix=Fix(summary="Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec."),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        shared = _shared(resource) if resource.type.startswith("k8s:") else []
        if shared:
            yield _match(resource, shared)
