"""Run the Spring extractor on a snippet and pick parts of the fragment."""

from __future__ import annotations

import textwrap

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.spring import SpringExtractor
from threatdelta.model import CodeFact, Endpoint, FactKind, ModelFragment, Service

JAVA_PATH = "bank/src/main/java/com/example/bank/web/AccountController.java"


def extract(text: str, path: str = JAVA_PATH) -> ModelFragment:
    """The fragment of `text` (dedented; its first line is line 1) at `path`."""
    source = textwrap.dedent(text).lstrip("\n")
    return SpringExtractor().extract(SourceFile(path=path, text=source))


def endpoint(fragment: ModelFragment, method: str, path: str) -> Endpoint:
    found = [
        r.endpoint
        for r in fragment.endpoints
        if r.endpoint.method == method and r.endpoint.path == path
    ]
    keys = [(r.endpoint.method, r.endpoint.path) for r in fragment.endpoints]
    assert len(found) == 1, f"{method} {path} not exactly once in {keys}"
    return found[0]


def keys(fragment: ModelFragment) -> list[str]:
    return sorted(f"{r.endpoint.method} {r.endpoint.path}" for r in fragment.endpoints)


def facts(element: Endpoint | Service, kind: FactKind) -> list[CodeFact]:
    return [f for f in element.facts if f.kind is kind]


def service(fragment: ModelFragment) -> Service:
    assert len(fragment.services) == 1, fragment.services
    return fragment.services[0]
