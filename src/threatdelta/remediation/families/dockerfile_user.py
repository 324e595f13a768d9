"""Fix family `dockerfile-user`: an image whose final stage never leaves root (TD-E012).

An unprivileged `app` user is created the way the base image's family does it (Alpine
`addgroup`/`adduser`, Debian and Ubuntu `useradd`) and `USER app` is set just before the
stage's `CMD` / `ENTRYPOINT`. No patch when the base image's family is not recognisable
(distroless, scratch, an earlier stage, an unknown vendor image), when the stage already
creates a user, or when build steps follow the start command. Unsafe: files the process
writes must be writable by the new user.
"""

from __future__ import annotations

import re

from threatdelta.extractors.iac.dockerfile_parse import Instruction, instructions
from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.iac_lines import is_generated, spots

_ALPINE = ("RUN addgroup -S app && adduser -S app -G app", "USER app")
_DEBIAN = ("RUN useradd --system --uid 10001 app", "USER app")
_DEBIAN_IMAGES = frozenset(
    {
        "debian",
        "ubuntu",
        "python",
        "node",
        "ruby",
        "golang",
        "openjdk",
        "eclipse-temurin",
        "amazoncorretto",
        "php",
        "perl",
        "rust",
        "buildpack-deps",
    }
)
_DEBIAN_TAGS = re.compile(r"slim|bookworm|bullseye|buster|trixie|jammy|focal|noble")
_STARTS = frozenset({"CMD", "ENTRYPOINT"})
_BUILDS = frozenset({"RUN", "COPY", "ADD", "WORKDIR"})
_CREATES_USER = re.compile(r"\b(useradd|adduser|addgroup|groupadd)\b")


class DockerfileUserFamily:
    """Creates an unprivileged user and switches to it before the start command."""

    name = "dockerfile-user"
    rules = frozenset({"TD-E012"})

    def propose(self, request: FixRequest) -> Patch | None:
        found = spots(request.threat)
        text = request.text(found[0].path) if found else None
        if text is None or is_generated(text):
            return None
        added = _lines(instructions(text), found[0].line)
        if added is None:
            return None
        at, lines = added
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary="Create an unprivileged `app` user and run the container as it.",
            edits=(TextEdit(path=found[0].path, start=at, end=at - 1, lines=lines),),
            guidance="Check that the process only writes where `app` may (chown those "
            "directories), and that it does not bind a port below 1024.",
        )


def _lines(found: list[Instruction], line: int) -> tuple[int, tuple[str, ...]] | None:
    """Where to insert (1-based line) and what, for the stage whose FROM is on `line`."""
    heads = [n for n, i in enumerate(found) if i.keyword == "FROM"]
    own = next((n for n in heads if found[n].start == line), None)
    if own is None:
        return None  # the evidence is an explicit `USER root`: a human decides
    stage = found[own + 1 : next((n for n in heads if n > own), len(found))]
    if any(i.keyword == "USER" or _CREATES_USER.search(i.arguments) for i in stage):
        return None
    starts = [n for n, i in enumerate(stage) if i.keyword in _STARTS]
    if not starts or any(i.keyword in _BUILDS for i in stage[starts[0] :]):
        return None
    aliases = {_alias(found[n].arguments) for n in heads[: heads.index(own)]}
    lines = _user_lines(_image(found[own].arguments), aliases)
    return (stage[starts[0]].start, lines) if lines else None


def _image(arguments: str) -> str:
    words = [w for w in arguments.split() if not w.startswith("--")]
    return words[0].lower() if words else ""


def _alias(arguments: str) -> str:
    words = arguments.split()
    return words[-1].lower() if len(words) >= 3 and words[-2].lower() == "as" else ""


def _user_lines(image: str, aliases: set[str]) -> tuple[str, ...]:
    if not image or image in aliases or "$" in image:
        return ()
    name, _, tag = image.split("@", 1)[0].partition(":")
    repository = name.rsplit("/", 1)[-1]
    if "alpine" in image:
        return _ALPINE
    if "/" in name and not name.startswith("library/"):
        return ()  # a vendor image: its family cannot be told from the name
    if repository in _DEBIAN_IMAGES or _DEBIAN_TAGS.search(tag):
        return _DEBIAN
    return ()
