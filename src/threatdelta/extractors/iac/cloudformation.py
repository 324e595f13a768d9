"""The CloudFormation extractor: a template (`.yaml`, `.yml`, `.json`, `.template`) ->
one `IacResource` per entry of `Resources` (see `docs/extraction-contract.md`,
CloudFormation).

A file is claimed when its text declares `AWSTemplateFormatVersion`, or has a top-level
`Resources` key and a `Type: AWS::...` (a cheap text check: Kubernetes manifests, compose
files and OpenAPI documents have neither). Read with the safe loader of
`openapi/loader.py`: the short-form tags (`!Ref`, `!GetAtt`, `!Sub`, ...) are never
constructed, only rendered (`cloudformation_values`). A resource is typed
`cfn:<Type>` (`cfn:AWS::S3::Bucket`) and named `<path>:<LogicalId>`; its attributes are its
`Properties`, dotted; a property that is exactly `!Ref <parameter>` takes the parameter's
`Default` (`cloudformation_parameters`). Conditions and nested stacks are not resolved.
"""

from __future__ import annotations

import re

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac.cloudformation_parameters import (
    Defaults,
    parameter_defaults,
    with_defaults,
)
from threatdelta.extractors.iac.cloudformation_values import FUNCTIONS, attributes, tags_in
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.model.base import Evidence, EvidenceRole, Level, Location, Notification
from threatdelta.model.elements import IacResource
from threatdelta.model.fragment import ModelFragment

MAX_CHARACTERS = 1024 * 1024
_VERSION = re.compile(r"""^\s*["']?AWSTemplateFormatVersion["']?\s*:""", re.MULTILINE)
_RESOURCES = re.compile(r"""^(?:\{\s*)?["']?Resources["']?\s*:""", re.MULTILINE)
_AWS_TYPE = re.compile(r"""["']?Type["']?\s*:\s*["']?(?:AWS|Custom)::""")
_YAML_TAGS = frozenset({"tag:yaml.org,2002:binary", "tag:yaml.org,2002:timestamp"})


def is_template(text: str) -> bool:
    """Whether the text looks like a CloudFormation template (cheap, no parsing)."""
    if _VERSION.search(text) is not None:
        return True
    return _RESOURCES.search(text) is not None and _AWS_TYPE.search(text) is not None


class CloudFormationExtractor:
    """CloudFormation templates -> one IaC resource per resource."""

    @property
    def name(self) -> str:
        return "cloudformation"

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".yaml", ".yml", ".json", ".template"})

    def claims(self, source: SourceFile) -> bool:
        return source.suffix in self.suffixes and is_template(source.text)

    def extract(self, source: SourceFile) -> ModelFragment:
        path = source.path
        if len(source.text) > MAX_CHARACTERS:
            return _noted(path, "file-too-large", f"template over {MAX_CHARACTERS} characters")
        loaded = load_structured(source.text, path)
        if isinstance(loaded, Notification):
            return ModelFragment(path=path, extractor=self.name, notifications=(loaded,))
        root = loaded.root
        resources = root.map("Resources") if isinstance(root, YamlMap) else None
        if resources is None:
            return _noted(path, "no-resources", "no `Resources` mapping: not a template")
        defaults = parameter_defaults(root, path) if isinstance(root, YamlMap) else {}
        found = [
            _resource(resources, logical, body, path, defaults)
            for logical, body in resources.items()
            if isinstance(body, YamlMap) and isinstance(body.get("Type"), str)
        ]
        notes = [*loaded.notifications, *_unknown_tags(resources, path)]
        return ModelFragment(
            path=path, extractor=self.name, iac=tuple(found), notifications=tuple(notes)
        )


def _resource(
    resources: YamlMap, logical: str, body: YamlMap, path: str, defaults: Defaults
) -> IacResource:
    start, end = resources.span_of(logical)
    properties = body.map("Properties")
    found = attributes(properties, path) if properties is not None else []
    return IacResource(
        type=f"cfn:{body.get('Type')}",
        name=f"{path}:{logical}",
        evidence=(
            Evidence(
                location=Location(path=path, start_line=start, end_line=end),
                role=EvidenceRole.PRIMARY,
            ),
        ),
        attributes=tuple(with_defaults(a, defaults) for a in found),
    )


def _unknown_tags(resources: YamlMap, path: str) -> list[Notification]:
    unknown = sorted(
        tag
        for tag in tags_in(resources)
        if tag not in _YAML_TAGS and tag.lstrip("!").removeprefix("Fn::") not in FUNCTIONS
    )
    if not unknown:
        return []
    listed = ", ".join(f"`{t}`" for t in unknown)
    return [
        Notification(
            level=Level.WARNING,
            code="unknown-tag",
            path=path,
            message=f"tags that are not CloudFormation functions ({listed}) are kept as "
            "written, not interpreted",
        )
    ]


def _noted(path: str, code: str, message: str) -> ModelFragment:
    note = Notification(level=Level.NOTE, code=code, path=path, message=message)
    return ModelFragment(path=path, extractor="cloudformation", notifications=(note,))
