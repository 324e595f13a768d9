"""Base image not pinned.

What it flags:
    A Dockerfile `FROM` whose image has no tag and no digest (`FROM python`) or the tag
    `latest` (`FROM node:latest`), in any stage.

Why it matters:
    The build takes whatever the registry serves under that name on the day it runs: a
    new major version, or an image pushed by whoever took over the repository or the
    registry account. Builds are not reproducible and a poisoned upstream image reaches
    production with the next build.

Evidence used:
    The `FROM` instruction of the stage.

Does not fire when:
    The image has a digest (`python:3.12@sha256:...`) or a tag other than `latest`
    (`python:3.12-slim`); the stage builds on an earlier stage (`FROM build`); the image
    is `scratch`; the image is an expansion (`FROM ${BASE_IMAGE}`), set at build time.

Known false positives:
    A version tag (`python:3.12`) is mutable too and is not reported: only a digest makes
    the base immutable. Images from a private registry the team controls carry less
    risk.

Remediation:
    Pin a version tag and, for reproducible builds, its digest:
    `FROM python:3.12-slim@sha256:<digest>`; let a dependency bot update the digest.

References:
    CWE-829 Inclusion of Functionality from Untrusted Control Sphere; CWE-1357 Reliance on
    Insufficiently Trustworthy Component; CAPEC-538 Open-Source Library Manipulation;
    Docker documentation, "Pin base image versions".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import DOCKERFILE_STAGE, last, of_type
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T008",
    name="unpinned-base-image",
    title="Base image not pinned to a version or digest",
    stride=(Stride.TAMPERING,),
    cwe=(829, 1357),
    capec=(538,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def _unpinned(image: str) -> bool:
    if "@" in image or "$" in image or not image or image.lower() == "scratch":
        return False
    name = image.rsplit("/", 1)[-1]
    return ":" not in name or name.rsplit(":", 1)[1] == "latest"


def check(model: ThreatModel) -> Iterator[Match]:
    for stage in of_type(model, DOCKERFILE_STAGE):
        image = last(stage, "image")
        if image is None or not _unpinned(image.value):
            continue
        yield Match(
            element=stage.key,
            evidence=image.evidence,
            message=f"`FROM {image.value}` in `{stage.name}` takes whatever image the "
            "registry serves under that name at build time.",
            attack_vector="A poisoned or hijacked upstream image, or an unexpected new "
            "version, is pulled by the next build and shipped.",
            impact="Attacker code or an untested base in the image that reaches production.",
            fix=Fix(
                summary="Pin a version tag and its digest: `FROM <image>:<version>@sha256:"
                "<digest>`."
            ),
        )
