"""Run the Next.js extractor on a snippet and pick parts of the fragment."""

from __future__ import annotations

import textwrap

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.next import NextExtractor
from threatdelta.model import Endpoint, FactKind, ModelFragment


def extract(text: str, path: str) -> ModelFragment:
    source = textwrap.dedent(text).lstrip("\n")
    return NextExtractor().extract(SourceFile(path=path, text=source))


def endpoints(fragment: ModelFragment) -> list[tuple[str, str]]:
    return [(r.endpoint.method, r.endpoint.path) for r in fragment.endpoints]


def only(fragment: ModelFragment) -> Endpoint:
    assert len(fragment.endpoints) == 1, endpoints(fragment)
    return fragment.endpoints[0].endpoint


def fact_lines(ep: Endpoint, kind: FactKind) -> list[tuple[str, int, str]]:
    return [(f.name, f.location.start_line, f.from_input.value) for f in ep.facts if f.kind is kind]
