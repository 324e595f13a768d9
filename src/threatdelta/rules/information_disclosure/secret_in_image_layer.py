"""Secret baked into a container image.

What it flags:
    An `ENV` value or `ARG` default whose name says it holds a secret (`DB_PASSWORD`,
    `NPM_TOKEN`, `AWS_SECRET_ACCESS_KEY`) set to a literal in the final stage of a
    Dockerfile or in an earlier stage it builds on (`FROM <stage>`).

Why it matters:
    `ENV` values are stored in the image configuration and `ARG` values used by a `RUN`
    are recorded in the image history: anyone who can pull the image (a registry with
    broad read access, a public image, a leaked tarball) reads them with `docker inspect`
    or `docker history`. They are also committed in the repository.

Evidence used:
    The `ENV` or `ARG` instruction.

Does not fire when:
    The value is an expansion (`ENV TOKEN=$BUILD_TOKEN`) or the `ARG` has no default;
    the value is a placeholder or shorter than 8 characters; the name does not say secret
    (`PASSWORD_MIN_LENGTH`, `TOKEN_URL`); the instruction is in a build stage the final
    image does not build on (only files copied out of it ship).

Known false positives:
    A development-only default that every deployment overrides is still in the image and
    is reported; accept it when the image never leaves the developer's machine.

Remediation:
    Pass build-time secrets with BuildKit secret mounts
    (`RUN --mount=type=secret,id=npm_token ...`) and runtime secrets from the
    orchestrator's secret store; rotate the committed value.

References:
    CWE-798 Use of Hard-coded Credentials; CWE-538 Insertion of Sensitive Information
    into Externally-Accessible File or Directory; CAPEC-191 Read Sensitive Constants
    Within an Executable; Docker documentation, "Build secrets".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import final_stages, literal_secret, stage_chain
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I015",
    name="secret-in-image-layer",
    title="Secret baked into a container image",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(798, 538),
    capec=(191,),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for final in final_stages(model):
        for stage in stage_chain(model, final):
            for a in stage.attributes:
                kind, _, name = a.name.partition(".")
                if kind not in ("env", "arg") or not literal_secret(name, a.value):
                    continue
                yield Match(
                    element=stage.key,
                    evidence=a.evidence,
                    qualifier=a.name,
                    message=f"`{kind.upper()} {name}` in `{stage.name}` sets a literal "
                    "secret that ships in the image's configuration or history.",
                    attack_vector="Anyone who can pull the image (or read the repository) "
                    "reads the value with `docker inspect` or `docker history`.",
                    impact="Use of the credential against the system it unlocks.",
                    fix=Fix(
                        summary="Use a BuildKit secret mount for build-time secrets and the "
                        "orchestrator's secret store at run time; rotate the value."
                    ),
                )
