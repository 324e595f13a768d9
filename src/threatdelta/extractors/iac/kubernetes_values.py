"""Kubernetes manifest values as `IacAttribute`s: a scalar as text (`true`, `1000`), a list
or mapping as compact JSON, each with the lines of its key through the end of its value."""

from __future__ import annotations

import json

from threatdelta.extractors.openapi.tree import Span, YamlMap, YamlSeq, YamlValue
from threatdelta.model.base import Evidence, Location
from threatdelta.model.elements import IacAttribute


def rendered(value: YamlValue) -> str:
    """A scalar's text (`true`/`false` for booleans, `null`), or JSON for a structure."""
    if isinstance(value, YamlMap | YamlSeq):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def attribute(name: str, value: YamlValue, span: Span, path: str) -> IacAttribute:
    location = Location(path=path, start_line=span[0], end_line=max(span))
    return IacAttribute(name=name, value=rendered(value), evidence=(Evidence(location=location),))


def entry(mapping: YamlMap, key: str, name: str, path: str) -> list[IacAttribute]:
    """The attribute `name` for `mapping[key]`, or nothing when the key is absent."""
    if key not in mapping:
        return []
    return [attribute(name, mapping[key], mapping.span_of(key), path)]


def flattened(mapping: YamlMap, prefix: str, path: str, depth: int = 0) -> list[IacAttribute]:
    """Every entry of `mapping` (a securityContext), nested mappings dotted (`capabilities.add`),
    lists as JSON."""
    found: list[IacAttribute] = []
    for key, value in mapping.items():
        if isinstance(value, YamlMap) and depth < 4:
            found += flattened(value, f"{prefix}{key}.", path, depth + 1)
        else:
            found.append(attribute(prefix + key, value, mapping.span_of(key), path))
    return found
