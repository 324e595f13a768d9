"""Terraform's JSON syntax (`.tf.json`) -> the same blocks and arguments as HCL.

`{"resource": {"aws_s3_bucket": {"logs": {"acl": "private"}}}}` is the block
`resource "aws_s3_bucket" "logs" { acl = "private" }`. Inside a block, an object (or a
list of objects) is a nested block, except under the names of map arguments (`tags`,
`labels`, ...), which stay arguments rendered as compact JSON; strings keep their `${...}`
as written, like an HCL template. Lines come from `load_structured`.
"""

from __future__ import annotations

from threatdelta.extractors.iac.terraform_hcl import HclArgument, HclBlock, as_text
from threatdelta.extractors.openapi.loader import load_structured
from threatdelta.extractors.openapi.tree import YamlMap, YamlSeq, YamlValue
from threatdelta.model.base import Level, Notification

# block types and how many labels each takes in the JSON nesting
_LABELS = {"resource": 2, "data": 2, "variable": 1, "module": 1, "locals": 0, "output": 1}
# arguments whose value is a map, not a nested block
_MAP_ARGUMENTS = frozenset(
    {"tags", "tags_all", "labels", "default", "environment", "variables", "parameters"}
)
_MAX_DEPTH = 32


def parse_tf_json(text: str, path: str) -> HclBlock | Notification:
    """The file as one block (type `""`) holding its top-level blocks, or why it cannot."""
    loaded = load_structured(text, path)
    if isinstance(loaded, Notification):
        return loaded
    root = loaded.root
    if not isinstance(root, YamlMap):
        return Notification(
            level=Level.WARNING,
            code="parse-error",
            path=path,
            message="a .tf.json file must hold one JSON object; skipped",
        )
    found: list[HclBlock] = []
    for kind, count in _LABELS.items():
        body = root.map(kind)
        if body is not None:
            found += _labelled(kind, body, count, ())
    return HclBlock("", (), 1, root.end_line, (), tuple(found))


def parse_tfvars_json(text: str, path: str) -> HclBlock | Notification:
    """A `*.tfvars.json` file: its top-level keys as the arguments of one block."""
    loaded = load_structured(text, path)
    if isinstance(loaded, Notification):
        return loaded
    root = loaded.root
    if not isinstance(root, YamlMap):
        return Notification(
            level=Level.WARNING,
            code="parse-error",
            path=path,
            message="a .tfvars.json file must hold one JSON object; skipped",
        )
    arguments = []
    for name, value in root.items():
        start, end = root.span_of(name)
        text_value, structured = as_text(_plain(value))
        arguments.append(HclArgument(name, text_value, structured, start, end))
    return HclBlock("", (), 1, root.end_line, tuple(arguments), ())


def _labelled(kind: str, node: YamlMap, count: int, labels: tuple[str, ...]) -> list[HclBlock]:
    if count == 0:
        return [_block(kind, labels, node, (node.start_line, node.end_line), 0)]
    found: list[HclBlock] = []
    for label, value in node.items():
        if isinstance(value, YamlMap):
            found += _labelled(kind, value, count - 1, (*labels, label))
        if isinstance(value, YamlSeq):  # `"name": [{...}]`, the list form of one block
            found += [_block(kind, (*labels, label), m, _span(m), 0) for m in value.maps()]
    return found


def _span(node: YamlMap) -> tuple[int, int]:
    return node.start_line, node.end_line


def _block(
    kind: str, labels: tuple[str, ...], body: YamlMap, span: tuple[int, int], depth: int
) -> HclBlock:
    arguments: list[HclArgument] = []
    blocks: list[HclBlock] = []
    for name, value in body.items():
        start, end = body.span_of(name)
        nested = [value] if isinstance(value, YamlMap) else []
        if isinstance(value, YamlSeq) and value and all(isinstance(v, YamlMap) for v in value):
            nested = value.maps()
        if nested and name not in _MAP_ARGUMENTS and depth < _MAX_DEPTH:
            blocks += [_block(name, (), n, _span(n), depth + 1) for n in nested]
            continue
        text, structured = as_text(_plain(value))
        arguments.append(HclArgument(name, text, structured, start, end))
    return HclBlock(kind, labels, span[0], span[1], tuple(arguments), tuple(blocks))


def _plain(value: YamlValue) -> object:
    """Loaded JSON as plain values (keys as written)."""
    if isinstance(value, YamlMap):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, YamlSeq):
        return [_plain(v) for v in value]
    return value
