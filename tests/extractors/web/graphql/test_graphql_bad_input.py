"""Bad input gives a notification and the rest of the file is still read; claims are cheap
and exact."""

from __future__ import annotations

from graphql_helpers import endpoint, extract_js, extract_py, keys

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.graphql import ApolloExtractor, GraphQLPythonExtractor
from threatdelta.extractors.web.graphql.sdl import MAX_SDL_CHARS


def _codes(fragment: object) -> list[str]:
    return [n.code for n in fragment.notifications]  # type: ignore[attr-defined]


def test_python_syntax_error_is_a_parse_error_note() -> None:
    fragment = extract_py("import graphene\n\nclass Query(graphene.ObjectType:\n    pass\n")
    assert _codes(fragment) == ["parse-error"]
    assert "line 3" in fragment.notifications[0].message
    assert fragment.endpoints == ()


def test_deeply_nested_python_is_noted_not_raised() -> None:
    text = "import graphene\nx = " + "(" * 200_000 + ")" * 200_000 + "\n"
    fragment = GraphQLPythonExtractor().extract(SourceFile(path="deep.py", text=text))
    assert _codes(fragment) in (["parse-error"], ["too-deeply-nested"])


def test_schema_string_that_is_not_sdl_is_noted_and_resolvers_are_still_read() -> None:
    fragment = extract_py(
        """
        from ariadne import QueryType, gql

        type_defs = gql("type Query { hello: String")
        query = QueryType()

        @query.field("hello")
        def resolve_hello(*_):
            return "hi"
        """
    )
    assert _codes(fragment) == ["graphql-sdl-error"]
    assert keys(fragment) == ["QUERY /graphql/hello"]


def test_oversized_schema_text_is_not_parsed() -> None:
    huge = "type Query { a: Int }\n" + "# padding\n" * (MAX_SDL_CHARS // 10 + 1)
    fragment = extract_js(
        f"import {{ ApolloServer }} from '@apollo/server';\nconst typeDefs = gql`{huge}`;\n"
    )
    assert _codes(fragment) == ["graphql-sdl-error"]
    assert "too large" in fragment.notifications[0].message


def test_javascript_syntax_error_is_noted_and_the_well_formed_part_is_read() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        const resolvers = { Query: { ping: () => 'pong' } };
        function broken( {
        """
    )
    assert "parse-error" in _codes(fragment)
    endpoint(fragment, "QUERY /graphql/ping")


def test_binary_javascript_is_noted() -> None:
    text = "@apollo/server" + "\x00\x01\x02\x03" * 100
    fragment = ApolloExtractor().extract(SourceFile(path="blob.js", text=text))
    assert _codes(fragment) == ["binary-file"]


def test_claims_need_a_graphql_import_and_skip_tests() -> None:
    python, apollo = GraphQLPythonExtractor(), ApolloExtractor()
    assert not python.claims(SourceFile(path="app.py", text="from flask import Flask\n"))
    assert not python.claims(SourceFile(path="app.py", text="# graphene is great\n"))
    assert not python.claims(SourceFile(path="tests/test_schema.py", text="import graphene\n"))
    assert python.claims(SourceFile(path="app/schema.py", text="import strawberry\n"))
    assert not apollo.claims(SourceFile(path="app.js", text="const express = require('x');"))
    assert not apollo.claims(
        SourceFile(path="schema.test.js", text="import { ApolloServer } from '@apollo/server';")
    )
    assert apollo.claims(
        SourceFile(path="resolvers.js", text="export const resolvers = { Query: { a } };")
    )
