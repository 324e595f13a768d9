"""Helpers of the OpenAPI extractor tests: extract a spec given inline, find an endpoint."""

from __future__ import annotations

from textwrap import dedent

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.openapi import OpenApiExtractor
from threatdelta.model.base import Evidence, EvidenceRole, Location
from threatdelta.model.elements import Endpoint
from threatdelta.model.fragment import ModelFragment


def extract(text: str, path: str = "api/openapi.yaml") -> ModelFragment:
    source = SourceFile(path=path, text=dedent(text))
    extractor = OpenApiExtractor()
    assert extractor.claims(source), "the test spec must be claimed"
    return extractor.extract(source)


def endpoint(fragment: ModelFragment, name: str) -> Endpoint:
    assert all(routed.router is None for routed in fragment.endpoints)
    found = [r.endpoint for r in fragment.endpoints if r.endpoint.name == name]
    assert len(found) == 1, [r.endpoint.name for r in fragment.endpoints]
    return found[0]


def spec_at(start: int, end: int, path: str = "api/openapi.yaml") -> Evidence:
    location = Location(path=path, start_line=start, end_line=end)
    return Evidence(location=location, role=EvidenceRole.SPEC)


def codes(fragment: ModelFragment) -> list[str]:
    return [n.code for n in fragment.notifications]
