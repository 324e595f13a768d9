"""sarif-om objects to SARIF JSON: property names from the schema, not the Python names.

sarif-om classes are attrs classes whose fields carry their SARIF name in
`metadata["schema_property_name"]` (`rule_index` -> `ruleIndex`, `schema_uri` -> `$schema`).
A field left at None is omitted, and so is a field equal to its schema default (`kind: "fail"`,
`ruleIndex: -1`, `charOffset: -1`, ...), which is what a consumer assumes when it is absent.
`level` is the exception and is always written: an absent result level means "the rule's
default level", not the schema's "warning", so an explicit level must never be dropped.
Property bags and fingerprints are plain dicts and are written as they are.
"""

from __future__ import annotations

import json
from typing import TypeAlias

import attrs

Json: TypeAlias = bool | int | float | str | list["Json"] | dict[str, "Json"] | None

_ALWAYS_WRITTEN = frozenset({"level"})


def _is_default(field: attrs.Attribute[object], value: object) -> bool:
    default: object = field.default
    factory = getattr(default, "factory", None)  # an `attrs.Factory` default
    if callable(factory):
        default = factory()
    return bool(value == default)


def to_json(obj: object) -> Json:
    """A sarif-om object tree (with plain dicts, lists and scalars inside) as JSON data."""
    cls = type(obj)
    if attrs.has(cls):
        out: dict[str, Json] = {}
        for field in attrs.fields(cls):
            value = getattr(obj, field.name)
            if value is None:
                continue
            if field.name not in _ALWAYS_WRITTEN and _is_default(field, value):
                continue
            out[field.metadata["schema_property_name"]] = to_json(value)
        return out
    if isinstance(obj, list | tuple):
        return [to_json(item) for item in obj]
    if isinstance(obj, dict):
        return {str(key): to_json(value) for key, value in obj.items()}
    if obj is None or isinstance(obj, bool | int | float | str):
        return obj
    raise TypeError(f"cannot write {type(obj).__name__} as SARIF JSON")


def dumps(obj: object) -> str:
    """Indented SARIF JSON text ending with a newline."""
    return json.dumps(to_json(obj), indent=2, ensure_ascii=False) + "\n"
