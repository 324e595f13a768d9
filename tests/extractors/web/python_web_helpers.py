"""Run the Python web extractor on a snippet and pick parts of the fragment."""

from __future__ import annotations

import textwrap

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.python import PythonWebExtractor
from threatdelta.model import CodeFact, Endpoint, FactKind, ModelFragment, RoutedEndpoint


def extract(text: str, path: str = "app.py") -> ModelFragment:
    return PythonWebExtractor().extract(SourceFile(path=path, text=textwrap.dedent(text)))


def routed(fragment: ModelFragment, method: str, path: str) -> RoutedEndpoint:
    found = [
        r for r in fragment.endpoints if r.endpoint.method == method and r.endpoint.path == path
    ]
    keys = [(r.endpoint.method, r.endpoint.path) for r in fragment.endpoints]
    assert len(found) == 1, f"{method} {path} not exactly once in {keys}"
    return found[0]


def endpoint(fragment: ModelFragment, method: str, path: str) -> Endpoint:
    return routed(fragment, method, path).endpoint


def facts(element: Endpoint, kind: FactKind) -> list[CodeFact]:
    return [f for f in element.facts if f.kind is kind]


def service_facts(fragment: ModelFragment, kind: FactKind) -> list[CodeFact]:
    return [f for s in fragment.services for f in s.facts if f.kind is kind]
