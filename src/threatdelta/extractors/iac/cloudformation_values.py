"""CloudFormation property values -> dotted `IacAttribute`s, intrinsic functions rendered.

A resource's `Properties` become attributes the way Terraform's nested blocks do: a
mapping's keys are dotted (`BucketEncryption.ServerSideEncryptionConfiguration`), a list of
mappings numbers its items (`SecurityGroupIngress.0.CidrIp`), a list of scalars is one
attribute holding compact JSON. Each attribute keeps the lines of its key through its value.

Intrinsic functions are never evaluated. The short form (`!Ref Bucket`, `!GetAtt Role.Arn`,
`!Sub "arn:${AWS::Partition}:..."`) and the long form (`{"Ref": "Bucket"}`,
`{"Fn::GetAtt": ["Role", "Arn"]}`) render alike, as `${Ref Bucket}`, `${GetAtt Role.Arn}`,
`${Sub arn:...}`; a function over a list renders its arguments as compact JSON
(`${If ["IsProd",true,false]}`). A tag that is not a CloudFormation function is rendered
the same way and reported once per file (`unknown-tag`).
"""

from __future__ import annotations

import json

from threatdelta.extractors.openapi.tree import TaggedStr, YamlMap, YamlSeq, YamlValue
from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import IacAttribute

FUNCTIONS = frozenset(
    {
        "Ref", "GetAtt", "Sub", "If", "Equals", "And", "Or", "Not", "Join", "Select",
        "Split", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Condition",
        "Transform", "ToJsonString", "Length",
    }
)  # fmt: skip
_MAX_DEPTH = 32


def _function(name: str) -> str:
    return name.removeprefix("Fn::")


def _intrinsic(value: YamlMap) -> tuple[str, YamlValue] | None:
    """The long form `{"Ref": x}` / `{"Fn::Join": [...]}` as (function, argument)."""
    if len(value) != 1:
        return None
    [(key, argument)] = value.items()
    if key == "Ref" or (key.startswith("Fn::") and _function(key) in FUNCTIONS):
        return _function(key), argument
    return None


def _argument_text(argument: object) -> str:
    """A function's argument as shown inside `${...}`: `A.B` for a pair of names (GetAtt),
    compact JSON for other lists and mappings, else the text."""
    if (
        isinstance(argument, list)
        and len(argument) == 2
        and all(isinstance(a, str) for a in argument)
    ):
        return ".".join(argument)
    if isinstance(argument, list | dict):
        return _compact(argument)
    return str(argument)


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def _tag_name(tag: str) -> str:
    return tag.lstrip("!").removeprefix("Fn::")


def plain(value: YamlValue, depth: int = 0) -> object:
    """A value as plain JSON data, intrinsic functions rendered as `${...}` strings."""
    tag = getattr(value, "tag", None)
    if isinstance(value, TaggedStr):
        return f"${{{_tag_name(value.tag)} {value}}}"
    if isinstance(value, YamlMap | YamlSeq) and tag:
        return f"${{{_tag_name(tag)} {_argument_text(plain(_untagged(value), depth + 1))}}}"
    if depth > _MAX_DEPTH:
        return "${...}"
    if isinstance(value, YamlMap):
        found = _intrinsic(value)
        if found is not None:
            return f"${{{found[0]} {_argument_text(plain(found[1], depth + 1))}}}"
        return {k: plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, YamlSeq):
        return [plain(v, depth + 1) for v in value]
    return value


def _untagged(value: YamlMap | YamlSeq) -> YamlValue:
    if isinstance(value, YamlSeq):
        copy: YamlSeq = YamlSeq(value.start_line)
        copy.extend(value)
        return copy
    mapping = YamlMap(value.start_line)
    mapping.update(value)
    return mapping


def as_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict | list):
        return _compact(value)
    return str(value)


def tags_in(value: YamlValue, depth: int = 0) -> set[str]:
    """Every tag used in the value (for the unknown-tag note)."""
    tag = getattr(value, "tag", None)
    found = {tag} if isinstance(tag, str) and tag else set()
    if depth > _MAX_DEPTH:
        return found
    if isinstance(value, YamlMap):
        return found.union(*(tags_in(v, depth + 1) for v in value.values()))
    if isinstance(value, YamlSeq):
        return found.union(*(tags_in(v, depth + 1) for v in value))
    return found


def attributes(
    properties: YamlMap, path: str, prefix: str = "", depth: int = 0
) -> list[IacAttribute]:
    """The properties as dotted attributes, in the order written."""
    found: list[IacAttribute] = []
    for key, value in properties.items():
        name = f"{prefix}{key}"
        start, end = properties.span_of(key)
        nested = _nested(value, depth)
        if isinstance(nested, YamlMap):
            found += attributes(nested, path, f"{name}.", depth + 1)
        elif isinstance(nested, YamlSeq):
            found += _items(nested, path, name, depth)
        else:
            where = Evidence(location=Location(path=path, start_line=start, end_line=end))
            found.append(IacAttribute(name=name, value=as_text(plain(value)), evidence=(where,)))
    return found


def _nested(value: YamlValue, depth: int) -> YamlValue:
    """The value when it is a plain mapping or a list of plain mappings, else None."""
    if depth >= _MAX_DEPTH or getattr(value, "tag", None):
        return None
    if isinstance(value, YamlMap) and _intrinsic(value) is None and value:
        return value
    maps = value.maps() if isinstance(value, YamlSeq) else []
    listed = isinstance(value, YamlSeq) and bool(value) and len(maps) == len(value)
    if listed and all(_intrinsic(m) is None and not m.tag for m in maps):
        return value
    return None


def _items(items: YamlSeq, path: str, name: str, depth: int) -> list[IacAttribute]:
    found: list[IacAttribute] = []
    for index, item in enumerate(items.maps()):
        found += attributes(item, path, f"{name}.{index}.", depth + 1)
    return found
