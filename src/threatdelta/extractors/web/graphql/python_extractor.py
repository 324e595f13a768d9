"""The Python GraphQL extractor: Graphene, Strawberry and Ariadne modules read with `ast`
(never imported or run). It claims only `.py` files that import one of these libraries;
the Python web extractor reads the same files for their web-framework routes and settings.

Key scheme: each query, mutation and subscription field is an endpoint with method
`QUERY` / `MUTATION` / `SUBSCRIPTION` and path `<mount>/<field>` (the mount path given in
the same module, else `/graphql`; field names as the schema exposes them, so Graphene and
Strawberry `all_users` is `allUsers`), `sources=("graphql",)`.
"""

from __future__ import annotations

import ast
import re
import warnings

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.graphql.python_ariadne import (
    ariadne_resolvers,
    ariadne_roots,
    sdl_texts,
    shape_from_sdl,
)
from threatdelta.extractors.web.graphql.python_endpoints import build_endpoint
from threatdelta.extractors.web.graphql.python_fields import PyResolver, type_fields
from threatdelta.extractors.web.graphql.python_graphene import graphene_resolvers
from threatdelta.extractors.web.graphql.python_server import NO_INTROSPECTION, server_settings
from threatdelta.extractors.web.graphql.python_strawberry import strawberry_resolvers
from threatdelta.extractors.web.graphql.sdl import Sdl, read_sdl
from threatdelta.extractors.web.python.imports import ImportTable
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import ModuleNodes
from threatdelta.model.base import Level, Notification
from threatdelta.model.elements import Service, service_name_for
from threatdelta.model.facts import FactKind
from threatdelta.model.fragment import ModelFragment, RoutedEndpoint

EXTRACTOR_NAME = "graphql-python"
_IMPORT = re.compile(
    r"^\s*(?:from|import)\s+(?:graphene|graphene_django|strawberry|strawberry_django|"
    r"ariadne|graphql_server|flask_graphql)\b",
    re.MULTILINE,
)
_TEST_DIRS = frozenset({"tests", "test", "testing", "__tests__"})


def _is_test_file(path: str) -> bool:
    *folders, name = path.split("/")
    return (
        name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
        or any(f in _TEST_DIRS for f in folders)
    )


class GraphQLPythonExtractor:
    """Graphene / Strawberry / Ariadne schemas -> field endpoints and server facts."""

    @property
    def name(self) -> str:
        return EXTRACTOR_NAME

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset({".py"})

    def claims(self, source: SourceFile) -> bool:
        return (
            source.suffix == ".py"
            and not _is_test_file(source.path)
            and _IMPORT.search(source.text) is not None
        )

    def extract(self, source: SourceFile) -> ModelFragment:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(source.text, filename=source.path)
        except (SyntaxError, ValueError) as exc:
            line = getattr(exc, "lineno", None)
            where = f" (line {line})" if line else ""
            return _fragment(
                source.path, _note(source.path, "parse-error", f"not valid Python{where}: {exc}")
            )
        except (RecursionError, MemoryError):
            return _fragment(
                source.path, _note(source.path, "too-deeply-nested", "nested too deeply to parse")
            )
        try:
            return _analyse(source, tree)
        except RecursionError:
            return _fragment(
                source.path, _note(source.path, "too-deeply-nested", "nested too deeply to analyse")
            )


def _analyse(source: SourceFile, tree: ast.Module) -> ModelFragment:
    path = source.path
    nodes = ModuleNodes.of(tree)
    index = ModuleIndex.of(tree, ImportTable.of(path, nodes.imports), nodes)
    sdl = read_sdl(sdl_texts(nodes)) if index.imports.uses("ariadne") else Sdl()
    resolvers = _resolvers(nodes, index, sdl)
    disables = any(name in source.text for name in NO_INTROSPECTION)
    settings = server_settings(path, nodes, index, disables)
    fields = {**{k: tuple(v) for k, v in sdl.types.items()}, **type_fields(index)}
    service = service_name_for(path)
    endpoints = [
        build_endpoint(
            r,
            path,
            index=index,
            mount=settings.mount,
            server_schemes=tuple(settings.auth_schemes),
            type_fields=fields,
        )
        for r in _unique(resolvers)
    ]
    notes = tuple(_note(path, "graphql-sdl-error", e) for e in sdl.errors)
    serves = any(f.kind is FactKind.GRAPHQL_SERVER for f in settings.facts)
    framework = settings.framework if serves else ""  # the module serves GraphQL: an app
    services = (
        (Service(name=service, framework=framework, facts=tuple(settings.facts)),)
        if settings.facts
        else ()
    )
    return ModelFragment(
        path=path,
        extractor=EXTRACTOR_NAME,
        services=services,
        endpoints=tuple(
            RoutedEndpoint(endpoint=e.model_copy(update={"service": service if serves else ""}))
            for e in endpoints
        ),
        notifications=notes,
    )


def _resolvers(nodes: ModuleNodes, index: ModuleIndex, sdl: Sdl) -> list[PyResolver]:
    roots = ariadne_roots(nodes, index)
    ariadne = [shape_from_sdl(sdl, r) for r in ariadne_resolvers(nodes, index, roots)]
    return [*graphene_resolvers(index), *strawberry_resolvers(index), *ariadne]


def _unique(resolvers: list[PyResolver]) -> list[PyResolver]:
    """One resolver per operation and field (a subscription's `source` and `field`)."""
    seen: dict[tuple[str, str], PyResolver] = {}
    for resolver in resolvers:
        seen.setdefault((resolver.operation.value, resolver.field), resolver)
    return list(seen.values())


def _note(path: str, code: str, message: str) -> Notification:
    return Notification(level=Level.WARNING, code=code, message=message, path=path)


def _fragment(path: str, note: Notification) -> ModelFragment:
    return ModelFragment(path=path, extractor=EXTRACTOR_NAME, notifications=(note,))
