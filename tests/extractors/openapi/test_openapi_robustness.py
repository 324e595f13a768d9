"""Any value of a valid spec replaced by a value of the wrong type: the extractor still
returns a fragment, never raises."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from test_openapi3_yaml import SPEC as SPEC_30
from test_openapi31_json import SPEC as SPEC_31
from test_swagger2 import SPEC as SPEC_20

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.openapi import OpenApiExtractor, load_structured
from threatdelta.extractors.openapi.tree import LoadedDocument

Plain = dict[str, object] | list[object] | str | int | float | bool | None
WRONG_VALUES: tuple[Plain, ...] = (None, "text", 7, [], {}, [None], {"$ref": "#/nowhere"})


def plain(value: object) -> Plain:
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value  # type: ignore[return-value]


def variants(value: Plain) -> Iterator[Plain]:
    """`value` with one node at a time replaced by each wrong value."""
    if isinstance(value, dict):
        for key, child in value.items():
            for wrong in WRONG_VALUES:
                yield {**value, key: wrong}
            for variant in variants(child):
                yield {**value, key: variant}
    elif isinstance(value, list):
        for index, child in enumerate(value):
            for variant in variants(child):
                yield [*value[:index], variant, *value[index + 1 :]]


@pytest.mark.parametrize("spec", [SPEC_20, SPEC_30, SPEC_31], ids=["2.0", "3.0", "3.1"])
def test_wrongly_typed_values_never_crash_the_extractor(spec: str) -> None:
    loaded = load_structured(spec, "spec.yaml")
    assert isinstance(loaded, LoadedDocument)
    extractor = OpenApiExtractor()
    count = 0
    for variant in variants(plain(loaded.root)):
        source = SourceFile(path="api/spec.json", text=json.dumps(variant))
        fragment = extractor.extract(source)
        assert fragment.path == "api/spec.json"
        count += 1
    assert count > 300
