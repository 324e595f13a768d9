"""Run the Fastify extractor on a snippet and pick parts of the fragment."""

from __future__ import annotations

import textwrap

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.fastify import FastifyExtractor
from threatdelta.model import Endpoint, ModelFragment


def extract(text: str, path: str = "src/app.js") -> ModelFragment:
    source = textwrap.dedent(text).lstrip("\n")
    return FastifyExtractor().extract(SourceFile(path=path, text=source))


def endpoint(fragment: ModelFragment, method: str, path: str) -> Endpoint:
    found = [
        r.endpoint
        for r in fragment.endpoints
        if r.endpoint.method == method and r.endpoint.path == path
    ]
    keys = [(r.endpoint.method, r.endpoint.path) for r in fragment.endpoints]
    assert len(found) == 1, f"{method} {path} not exactly once in {keys}"
    return found[0]
