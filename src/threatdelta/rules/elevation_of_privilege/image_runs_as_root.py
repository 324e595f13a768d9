"""Container image that runs as root.

What it flags:
    The final stage of a Dockerfile (the image that ships) whose effective user is root:
    no `USER` instruction in it or in the earlier stages it builds on (`FROM <stage>`), so
    the base image's user applies, which is root for almost every image; or a last `USER`
    of `root`, `0`, `root:<group>` or `0:<gid>`.

Why it matters:
    A process running as root in the container turns any code execution (a vulnerable
    dependency, an injected command) into root in the container: it rewrites the
    application and its configuration, reads every mounted secret, and is one kernel or
    runtime bug (or one `privileged`/socket mount) away from root on the host.

Evidence used:
    The `USER root` line, or the final stage's `FROM` line when no stage of its chain sets
    a user.

Does not fire when:
    The last `USER` of the chain names another user (`app`, `10001`, `nobody:nogroup`); the
    user is an expansion (`USER ${APP_UID}`), not known before the build; the base image is
    one that runs unprivileged by its tag or name (`distroless/...:nonroot`,
    `...-rootless`, `...:nonroot`); only an intermediate build stage runs as root.

Known false positives:
    A base image that sets a non-root user itself (many `bitnami/*` images, some official
    ones) is reported when the Dockerfile does not repeat `USER`; the orchestrator may also
    override the user (`user:` in compose, `runAsUser` in Kubernetes), which is not
    checked here. Accept the threat with that justification, or add an explicit `USER`.

Remediation:
    Create an unprivileged user and switch to it at the end of the final stage:
    `RUN useradd --uid 10001 --no-create-home app` then `USER 10001`.

References:
    CWE-250 Execution with Unnecessary Privileges; CAPEC-122 Privilege Abuse; CIS Docker
    Benchmark 4.1 "Ensure that a user for the container has been created"; Dockerfile
    reference, USER.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import final_stages, last, stage_chain
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E012",
    name="image-runs-as-root",
    title="Container image runs as root",
    stride=(Stride.ELEVATION_OF_PRIVILEGE,),
    cwe=(250,),
    capec=(122,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)

_UNPRIVILEGED_IMAGES = ("nonroot", "rootless")


def _is_root(user: str) -> bool:
    return user.split(":", 1)[0].strip() in ("root", "0")


def _root_evidence(chain: list[IacResource]) -> IacAttribute | None:
    """The attribute that makes the shipped image run as root, or None when it does not
    (or cannot be known)."""
    for stage in chain:
        user = last(stage, "user")
        if user is not None:
            return user if _is_root(user.value) and "$" not in user.value else None
    base = last(chain[-1], "image")
    if base is None or any(word in base.value.lower() for word in _UNPRIVILEGED_IMAGES):
        return None
    return last(chain[0], "final")


def check(model: ThreatModel) -> Iterator[Match]:
    for stage in final_stages(model):
        cause = _root_evidence(stage_chain(model, stage))
        if cause is None:
            continue
        explicit = cause.name == "user"
        how = "switches to root with `USER`" if explicit else "never sets a non-root `USER`"
        yield Match(
            element=stage.key,
            evidence=cause.evidence,
            message=f"The final stage `{stage.name}` {how}: its containers run as root.",
            attack_vector="Code execution in the container (a vulnerable dependency, an "
            "injected command) runs as root: it rewrites the application, reads every "
            "mounted secret and attacks the host from there.",
            impact="Full control of the container and a shorter path to the host.",
            fix=Fix(
                summary="Add an unprivileged user and `USER 10001` (or its name) at the end "
                "of the final stage."
            ),
        )
