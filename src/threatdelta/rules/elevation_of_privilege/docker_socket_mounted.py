"""Docker socket mounted into a container.

What it flags:
    A docker-compose service with a volume whose host source is the Docker daemon's socket
    (`/var/run/docker.sock` or `/run/docker.sock`), read-only or not.

Why it matters:
    The socket is the daemon's full API. Whoever reaches it from inside the container
    starts a new privileged container with the host's root filesystem mounted, which is
    root on the host. Mounting it read-only does not help: `:ro` only stops the file from
    being replaced, API requests still go through.

Evidence used:
    The volume entry of the service (short `source:target` or long syntax).

Does not fire when:
    The socket is only the target of a mount from another source (a proxy's socket, a
    test double), or the volume is a named volume.

Known false positives:
    CI runners, reverse proxies that discover containers (Traefik) and monitoring agents
    mount it on purpose; put a filtering socket proxy in front, or accept the threat with
    that justification.

Remediation:
    Remove the mount. When a tool must watch containers, give it a socket proxy that allows
    only the read-only endpoints it needs, or run rootless Docker.

References:
    CWE-250 Execution with Unnecessary Privileges; CAPEC-122 Privilege Abuse; OWASP
    Docker Security Cheat Sheet, rule 1 "Do not expose the Docker daemon socket".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import COMPOSE_SERVICE, named, of_type
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E011",
    name="docker-socket-mounted",
    title="Docker daemon socket mounted into a container",
    stride=(Stride.ELEVATION_OF_PRIVILEGE,),
    cwe=(250,),
    capec=(122,),
    cvss_vector="CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_SOCKETS = frozenset({"/var/run/docker.sock", "/run/docker.sock"})


def _source(volume: str) -> str:
    source, separator, _ = volume.partition(":")
    return source.rstrip("/").replace("//", "/") if separator else ""


def check(model: ThreatModel) -> Iterator[Match]:
    for service in of_type(model, COMPOSE_SERVICE):
        for volume in named(service, "volumes"):
            if _source(volume.value) not in _SOCKETS:
                continue
            yield Match(
                element=service.key,
                evidence=volume.evidence,
                qualifier=volume.value,
                message=f"Compose service `{service.name}` mounts the Docker socket "
                f"(`{volume.value}`): anyone who runs code in it controls the Docker daemon.",
                attack_vector="From inside the container, a request to the socket starts a "
                "privileged container with the host's root filesystem mounted.",
                impact="Root on the host: every container, secret and volume on it.",
                fix=Fix(
                    summary="Remove the socket mount, or mount a filtering socket proxy that "
                    "allows only the read-only API calls the tool needs."
                ),
            )
