"""Run the GraphQL extractors on a snippet and pick parts of the fragment."""

from __future__ import annotations

import textwrap

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.graphql import ApolloExtractor, GraphQLPythonExtractor
from threatdelta.model import CodeFact, Endpoint, FactKind, ModelFragment


def extract_py(text: str, path: str = "api/schema.py") -> ModelFragment:
    source = SourceFile(path=path, text=textwrap.dedent(text))
    extractor = GraphQLPythonExtractor()
    assert extractor.claims(source), "the snippet must import a GraphQL library"
    return extractor.extract(source)


def extract_js(text: str, path: str = "api/server.js") -> ModelFragment:
    source = SourceFile(path=path, text=textwrap.dedent(text))
    extractor = ApolloExtractor()
    assert extractor.claims(source), "the snippet must import Apollo or hold resolvers"
    return extractor.extract(source)


def endpoint(fragment: ModelFragment, key: str) -> Endpoint:
    """The endpoint `QUERY /graphql/users` (method and path) of a fragment."""
    found = [r.endpoint for r in fragment.endpoints if r.endpoint.name == key]
    names = [r.endpoint.name for r in fragment.endpoints]
    assert len(found) == 1, f"{key} not exactly once in {names}"
    return found[0]


def keys(fragment: ModelFragment) -> list[str]:
    return sorted(r.endpoint.name for r in fragment.endpoints)


def service_facts(fragment: ModelFragment, kind: FactKind) -> list[CodeFact]:
    return [f for s in fragment.services for f in s.facts if f.kind is kind]


def fact_kinds(fragment: ModelFragment) -> set[FactKind]:
    return {f.kind for s in fragment.services for f in s.facts}


def endpoint_facts(ep: Endpoint, kind: FactKind) -> list[CodeFact]:
    return [f for f in ep.facts if f.kind is kind]
