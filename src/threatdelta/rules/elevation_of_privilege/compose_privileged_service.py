"""Compose service that runs privileged.

What it flags:
    A docker-compose service with `privileged: true`.

Why it matters:
    A privileged container has every Linux capability, sees every host device and is not
    confined by seccomp or AppArmor: whoever gets code execution inside it (a vulnerable
    dependency, an injected command) mounts the host disk or loads a kernel module and
    owns the host and every other container on it.

Evidence used:
    The `privileged` setting of the service in its compose file.

Does not fire when:
    `privileged` is absent or `false`; the value is a `${VAR}` interpolation (not known
    before deployment).

Known false positives:
    Some infrastructure containers (Docker-in-Docker CI runners, device or network
    agents) need it; accept the threat in the register with that justification.

Remediation:
    Remove `privileged: true`; grant only the capabilities the service needs with
    `cap_add` (after `cap_drop: [ALL]`) and the devices it needs with `devices`.

References:
    CWE-250 Execution with Unnecessary Privileges; CAPEC-122 Privilege Abuse; Docker
    documentation, "Runtime privilege and Linux capabilities"; CIS Docker Benchmark 5.4.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import COMPOSE_SERVICE, last, of_type
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E010",
    name="compose-privileged-service",
    title="Compose service runs privileged",
    stride=(Stride.ELEVATION_OF_PRIVILEGE,),
    cwe=(250,),
    capec=(122,),
    cvss_vector="CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for service in of_type(model, COMPOSE_SERVICE):
        privileged = last(service, "privileged")
        if privileged is None or privileged.value.lower() != "true":
            continue
        yield Match(
            element=service.key,
            evidence=privileged.evidence,
            message=f"Compose service `{service.name}` runs with `privileged: true`: every "
            "capability and host device, no seccomp or AppArmor confinement.",
            attack_vector="Code execution inside the container (a vulnerable dependency, an "
            "injected command) mounts the host's disks or loads kernel modules.",
            impact="Full control of the host and of every container running on it.",
            fix=Fix(
                summary="Remove `privileged: true` and add only the capabilities the service "
                "needs with `cap_drop: [ALL]` and `cap_add`."
            ),
        )
