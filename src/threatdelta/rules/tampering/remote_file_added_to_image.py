"""Remote file added to an image without a checksum.

What it flags:
    A Dockerfile `ADD` whose source is a URL (`http://`, `https://`) or a git repository
    (`git@...`, `*.git`), without `--checksum`.

Why it matters:
    The build takes whatever the server returns at build time. A compromised or hijacked
    host, an expired domain, a moved tag, or (over `http://`) anyone on the network path
    substitutes the file, and the substitute runs inside the image with the application's
    privileges and secrets.

Evidence used:
    The `ADD` instruction.

Does not fire when:
    `ADD --checksum=sha256:...` pins the content; the source is a local file or folder of
    the build context; the file is fetched by `RUN curl ...` (not read).

Known false positives:
    A URL under the team's own control that serves immutable, versioned files is less
    exposed; the build still trusts that server and the path to it.

Remediation:
    Add `--checksum=sha256:<digest>` to the `ADD`, or download in a `RUN` step that
    verifies a pinned checksum or signature; for git sources, pin a commit
    (`ADD --keep-git-dir=false https://...git#<commit>`) and check it.

References:
    CWE-494 Download of Code Without Integrity Check; CAPEC-186 Malicious Software Update;
    Dockerfile reference, "ADD --checksum"; SLSA build requirements.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import DOCKERFILE_STAGE, named, of_type
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T007",
    name="remote-file-added-to-image",
    title="Remote file added to an image without a checksum",
    stride=(Stride.TAMPERING,),
    cwe=(494,),
    capec=(186,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def _remote(source: str) -> bool:
    lowered = source.lower()
    return lowered.startswith(("http://", "https://", "git@")) or lowered.split("#")[0].endswith(
        ".git"
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for stage in of_type(model, DOCKERFILE_STAGE):
        pinned = {a.evidence[0].location for a in named(stage, "add.checksum")}
        for source in named(stage, "add"):
            if not _remote(source.value) or source.evidence[0].location in pinned:
                continue
            yield Match(
                element=stage.key,
                evidence=source.evidence,
                qualifier=source.value,
                message=f"`ADD {source.value}` in `{stage.name}` adds a remote file with no "
                "checksum: the image contains whatever the server returns at build time.",
                attack_vector="A compromised or hijacked server, or an attacker on the "
                "network path for `http://`, serves a substitute file to the build.",
                impact="Attacker code inside the image, running with the application's "
                "privileges and secrets.",
                fix=Fix(summary="Add `--checksum=sha256:<digest>` to the `ADD`."),
            )
