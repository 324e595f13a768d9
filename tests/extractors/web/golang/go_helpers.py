"""Run the Go extractor on a snippet and pick parts of the fragment."""

from __future__ import annotations

import textwrap

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.golang import GoExtractor
from threatdelta.model import Endpoint, ModelFragment
from threatdelta.model.facts import CodeFact, FactKind


def extract(text: str, path: str = "cmd/api/main.go") -> ModelFragment:
    source = textwrap.dedent(text).lstrip("\n")
    return GoExtractor().extract(SourceFile(path=path, text=source))


def routes(fragment: ModelFragment) -> set[tuple[str, str]]:
    return {(r.endpoint.method, r.endpoint.path) for r in fragment.endpoints}


def endpoint(fragment: ModelFragment, method: str, path: str) -> Endpoint:
    found = [
        r.endpoint
        for r in fragment.endpoints
        if r.endpoint.method == method and r.endpoint.path == path
    ]
    assert len(found) == 1, f"{method} {path} not exactly once in {sorted(routes(fragment))}"
    return found[0]


def facts_of(facts: tuple[CodeFact, ...], kind: FactKind) -> list[CodeFact]:
    return [f for f in facts if f.kind is kind]


def service_facts(fragment: ModelFragment, kind: FactKind) -> list[CodeFact]:
    return [f for s in fragment.services for f in s.facts if f.kind is kind]
