"""What a request or response schema says: its top-level field names, whether it is a
collection, whether it constrains the body at all.

References and `allOf`/`oneOf`/`anyOf` are followed (a reference seen twice on one path is
a cycle and is not followed again). An array contributes its items' fields. An object that
wraps a collection in a property such as `items`, `data` or `results` is a collection, and
the wrapped items' fields are added after the wrapper's own, so that sensitive fields of
the listed objects are not hidden by the envelope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from threatdelta.extractors.openapi.refs import RefResolver, ref_of
from threatdelta.extractors.openapi.tree import YamlMap, YamlSeq, YamlValue

COLLECTION_PROPERTIES = frozenset(
    {"items", "data", "results", "records", "entries", "content", "elements", "rows", "values"}
)
_COMBINATORS = ("allOf", "oneOf", "anyOf")
_ANNOTATIONS = frozenset(
    {
        "description",
        "title",
        "example",
        "examples",
        "nullable",
        "deprecated",
        "readOnly",
        "writeOnly",
        "default",
        "externalDocs",
        "xml",
        "$comment",
        "$schema",
        "$id",
        "discriminator",
    }
)
_MAX_DEPTH = 16


@dataclass(frozen=True, slots=True)
class SchemaShape:
    fields: tuple[str, ...] = ()
    required: frozenset[str] = frozenset()
    is_collection: bool = False
    constrained: bool = False  # says something about the body beyond "any object"


@dataclass(slots=True)
class _Walk:
    refs: RefResolver
    fields: dict[str, None] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    is_collection: bool = False
    constrained: bool = False


def shape_of(schema: YamlValue, refs: RefResolver) -> SchemaShape:
    walk = _Walk(refs)
    _visit(walk, schema, frozenset(), 0, top=True)
    return SchemaShape(
        fields=tuple(walk.fields),
        required=frozenset(walk.required),
        is_collection=walk.is_collection,
        constrained=walk.constrained,
    )


def _deref(
    walk: _Walk, schema: YamlValue, seen: frozenset[str]
) -> tuple[YamlMap | None, frozenset[str]]:
    """Follow a chain of references, refusing any already on this path."""
    for _ in range(_MAX_DEPTH):
        ref = ref_of(schema)
        if ref is None:
            return (schema if isinstance(schema, YamlMap) else None), seen
        if ref in seen:
            return None, seen
        seen = seen | {ref}
        schema = walk.refs.lookup(ref)
    return None, seen


def _visit(walk: _Walk, schema: YamlValue, seen: frozenset[str], depth: int, top: bool) -> None:
    node, seen = _deref(walk, schema, seen)
    if node is None or depth > _MAX_DEPTH:
        return
    walk.constrained = walk.constrained or _constrains(node)
    if _is_array(node):
        walk.is_collection = walk.is_collection or top
        _visit(walk, node.get("items"), seen, depth + 1, top=False)
        return
    properties = node.map("properties")
    if properties is not None:
        walk.fields.update(dict.fromkeys(properties))
        required = node.seq("required")
        walk.required.update(r for r in required or () if isinstance(r, str))
        if top:
            _visit_wrapped(walk, properties, seen, depth)
    for combinator in _COMBINATORS:
        for part in node.seq(combinator) or ():
            _visit(walk, part, seen, depth + 1, top)


def _visit_wrapped(walk: _Walk, properties: YamlMap, seen: frozenset[str], depth: int) -> None:
    for name in COLLECTION_PROPERTIES.intersection(properties):
        inner, inner_seen = _deref(walk, properties[name], seen)
        if inner is not None and _is_array(inner):
            walk.is_collection = True
            _visit(walk, inner.get("items"), inner_seen, depth + 1, top=False)


def _is_array(node: YamlMap) -> bool:
    kind = node.get("type")
    if isinstance(kind, YamlSeq):
        return "array" in kind
    return kind == "array" or ("items" in node and "properties" not in node)


def _constrains(node: YamlMap) -> bool:
    """Anything beyond annotations, `type: object`, empty `properties` and permissive
    `additionalProperties`."""
    for key, value in node.items():
        if key in _ANNOTATIONS or key.startswith("x-"):
            continue
        if key == "type" and _is_object_type(value):
            continue
        if key == "properties" and not value:
            continue
        if key == "additionalProperties" and (value is True or value == {}):
            continue
        if key in _COMBINATORS:
            continue  # decided by the parts, which are visited too
        return True
    return False


def _is_object_type(value: YamlValue) -> bool:
    if isinstance(value, YamlSeq):
        return all(v in ("object", "null") for v in value)
    return value == "object"
