"""The Dockerfile extractor: a `Dockerfile`, `Dockerfile.*` or `*.dockerfile` -> an
`IacResource` of type `dockerfile:stage` per build stage (see `docs/extraction-contract.md`).

A stage is named `<path>:<alias>` (`<path>:<index>` when it has no `AS` alias), unique in
the repository. Its attributes, each with the lines of its instruction:

- `image`: the image of its FROM as written (`python:3.12-slim`, `${BASE}`), or
  `from_stage`: the alias of an earlier stage it builds on;
- `alias` when it has one; `final` = `true` on the last stage (the image that ships);
- `user`: each USER, in order;
- `env.<NAME>` and `arg.<NAME>`: ENV values and ARG defaults as written, quotes removed
  (an ARG without a default has none), each on the line that sets it; ARGs before the
  first FROM are left out (they only parameterise FROM lines and are not in any layer);
- `add`: each source of an ADD, and `add.checksum` when it has `--checksum`.

Nothing is built, run or expanded. Text with no FROM gives a `parse-error` notification;
files over `MAX_CHARACTERS` are skipped with a notification.
"""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile, name_matches
from threatdelta.extractors.iac.dockerfile_parse import Instruction, instructions
from threatdelta.extractors.iac.dockerfile_stages import (
    add_sources,
    attribute,
    from_parts,
    variables,
)
from threatdelta.model.base import Evidence, EvidenceRole, Level, Location, Notification
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.fragment import ModelFragment

MAX_CHARACTERS = 512 * 1024
DOCKERFILE_NAMES = frozenset({"dockerfile", "dockerfile.*", "*.dockerfile"})
# `dockerfile.*` also matches source and documents about Dockerfiles (`dockerfile.py`)
_NOT_DOCKERFILES = frozenset(
    {".dockerignore", ".md", ".rst", ".txt", ".py", ".js", ".ts", ".go", ".java", ".rb"}
    | {".json", ".yml", ".yaml", ".toml", ".sh", ".png", ".svg", ".j2", ".tpl"}
)


class _Stage:
    """A stage being read: its FROM, alias and attributes so far."""

    def __init__(self, index: int, ins: Instruction, aliases: set[str], path: str) -> None:
        image, alias = from_parts(ins)
        self.index, self.alias, self.start, self.end = index, alias, ins.start, ins.end
        earlier = image.lower() in aliases
        first = attribute("from_stage" if earlier else "image", image, path, ins)
        self.attributes: list[IacAttribute] = [first]
        if alias:
            self.attributes.append(attribute("alias", alias, path, ins))


class DockerfileExtractor:
    """Dockerfiles -> one IaC resource per build stage."""

    @property
    def name(self) -> str:
        return "dockerfile"

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".dockerfile"})

    @property
    def file_names(self) -> frozenset[str]:
        return DOCKERFILE_NAMES

    def claims(self, source: SourceFile) -> bool:
        return source.suffix not in _NOT_DOCKERFILES and name_matches(source.path, DOCKERFILE_NAMES)

    def extract(self, source: SourceFile) -> ModelFragment:
        if len(source.text) > MAX_CHARACTERS:
            return self._noted(
                source,
                "file-too-large",
                f"Dockerfile of {len(source.text)} characters, over the "
                f"{MAX_CHARACTERS}-character budget; skipped",
            )
        stages = _stages(instructions(source.text), source.path, source.text.splitlines())
        if not stages:
            return self._noted(
                source, "parse-error", "no FROM instruction: not read as a Dockerfile"
            )
        return ModelFragment(
            path=source.path,
            extractor=self.name,
            iac=tuple(_resource(s, source.path, s is stages[-1]) for s in stages),
        )

    def _noted(self, source: SourceFile, code: str, message: str) -> ModelFragment:
        note = Notification(level=Level.WARNING, code=code, path=source.path, message=message)
        return ModelFragment(path=source.path, extractor=self.name, notifications=(note,))


def _stages(found: list[Instruction], path: str, lines: list[str]) -> list[_Stage]:
    stages: list[_Stage] = []
    aliases: set[str] = set()
    for ins in found:
        if ins.keyword == "FROM":
            stages.append(_Stage(len(stages), ins, aliases, path))
            if stages[-1].alias:
                aliases.add(stages[-1].alias.lower())
            continue
        if not stages:
            continue
        stage = stages[-1]
        stage.end = ins.end
        if ins.keyword == "USER":
            stage.attributes.append(attribute("user", ins.arguments, path, ins))
        elif ins.keyword in ("ENV", "ARG"):
            stage.attributes += variables(ins, path, lines)
        elif ins.keyword == "ADD":
            stage.attributes += add_sources(ins, path)
    return stages


def _resource(stage: _Stage, path: str, final: bool) -> IacResource:
    attributes = list(stage.attributes)
    if final:
        from_line = stage.attributes[0]
        attributes.insert(1, from_line.model_copy(update={"name": "final", "value": "true"}))
    location = Location(path=path, start_line=stage.start, end_line=stage.end)
    return IacResource(
        type="dockerfile:stage",
        name=f"{path}:{stage.alias or stage.index}",
        evidence=(Evidence(location=location, role=EvidenceRole.PRIMARY),),
        attributes=tuple(attributes),
    )
