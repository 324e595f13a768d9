"""Run the Express extractor on a snippet and pick parts of the fragment."""

from __future__ import annotations

import textwrap

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.express import ExpressExtractor
from threatdelta.model import CodeFact, Endpoint, FactKind, ModelFragment, RoutedEndpoint, Service


def extract(text: str, path: str = "src/app.js") -> ModelFragment:
    """The fragment of `text` (dedented; its first line is line 1) at `path`."""
    source = textwrap.dedent(text).lstrip("\n")
    return ExpressExtractor().extract(SourceFile(path=path, text=source))


def routed(fragment: ModelFragment, method: str, path: str) -> RoutedEndpoint:
    found = [
        r for r in fragment.endpoints if r.endpoint.method == method and r.endpoint.path == path
    ]
    keys = [(r.endpoint.method, r.endpoint.path) for r in fragment.endpoints]
    assert len(found) == 1, f"{method} {path} not exactly once in {keys}"
    return found[0]


def endpoint(fragment: ModelFragment, method: str, path: str) -> Endpoint:
    return routed(fragment, method, path).endpoint


def facts(element: Endpoint | Service, kind: FactKind) -> list[CodeFact]:
    return [f for f in element.facts if f.kind is kind]


def service(fragment: ModelFragment) -> Service:
    assert len(fragment.services) == 1, fragment.services
    return fragment.services[0]


def summary(fact: CodeFact) -> tuple[str, str, int, int, str]:
    """(kind, name, start line, end line, from_input) of a fact."""
    loc = fact.location
    return (fact.kind.value, fact.name, loc.start_line, loc.end_line, fact.from_input.value)
