"""Run the NestJS extractor on a snippet and pick parts of the fragment."""

from __future__ import annotations

import textwrap

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.nest import NestExtractor
from threatdelta.model import Endpoint, FactKind, ModelFragment, RouterDecl


def extract(text: str, path: str = "src/users/users.controller.ts") -> ModelFragment:
    """The fragment of `text` (dedented; its first line is line 1) at `path`."""
    source = textwrap.dedent(text).lstrip("\n")
    return NestExtractor().extract(SourceFile(path=path, text=source))


def endpoint(fragment: ModelFragment, method: str, path: str) -> Endpoint:
    found = [
        r.endpoint
        for r in fragment.endpoints
        if r.endpoint.method == method and r.endpoint.path == path
    ]
    keys = [(r.endpoint.method, r.endpoint.path) for r in fragment.endpoints]
    assert len(found) == 1, f"{method} {path} not exactly once in {keys}"
    return found[0]


def router(fragment: ModelFragment, name: str) -> RouterDecl:
    found = [d for d in fragment.routers if d.ref.name == name]
    assert len(found) == 1, [d.ref for d in fragment.routers]
    return found[0]


def fact_lines(ep: Endpoint, kind: FactKind) -> list[tuple[str, int, str]]:
    """(name, line, from_input) of each fact of a kind."""
    return [(f.name, f.location.start_line, f.from_input.value) for f in ep.facts if f.kind is kind]
