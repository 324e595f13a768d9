"""Golden tests: where a Python module serves GraphQL, and its settings as service facts."""

from __future__ import annotations

from graphql_helpers import endpoint, extract_py, fact_kinds, service_facts

from threatdelta.model import FactKind, Tri

_SCHEMA = """
import graphene

class Query(graphene.ObjectType):
    hello = graphene.String()

    def resolve_hello(root, info):
        return "hi"

schema = graphene.Schema(query=Query)
"""


def test_graphene_flask_view_with_graphiql_and_batch_gives_server_facts_and_mount() -> None:
    fragment = extract_py(
        _SCHEMA
        + """
from flask import Flask
from graphql_server.flask import GraphQLView
app = Flask(__name__)
app.add_url_rule(
    "/api/graphql",
    view_func=GraphQLView.as_view("graphql", schema=schema, graphiql=True, batch=True),
)
"""
    )
    assert fact_kinds(fragment) == {
        FactKind.GRAPHQL_SERVER,
        FactKind.GRAPHQL_INTROSPECTION,
        FactKind.GRAPHQL_IDE,
        FactKind.GRAPHQL_BATCHING,
    }
    (server,) = service_facts(fragment, FactKind.GRAPHQL_SERVER)
    assert server.name == "graphene.GraphQLView"
    assert server.location.start_line == 17
    assert fragment.services[0].framework == "graphene"
    # the mount path of the same module, and the service the module is
    assert endpoint(fragment, "QUERY /api/graphql/hello").service == "api"


def test_disable_introspection_rule_and_depth_validator_are_seen() -> None:
    fragment = extract_py(
        _SCHEMA
        + """
from graphene.validation import DisableIntrospection, depth_limit_validator
from graphene_django.views import GraphQLView
view = GraphQLView.as_view(
    schema=schema, validation_rules=(DisableIntrospection, depth_limit_validator(max_depth=8))
)
"""
    )
    kinds = fact_kinds(fragment)
    assert FactKind.GRAPHQL_INTROSPECTION not in kinds
    assert FactKind.GRAPHQL_DEPTH_LIMIT in kinds
    assert FactKind.GRAPHQL_IDE not in kinds  # graphiql is off unless asked for


def test_view_wrapped_in_login_required_authenticates_every_field_of_the_module() -> None:
    fragment = extract_py(
        _SCHEMA
        + """
from django.contrib.auth.decorators import login_required
from django.urls import path
from graphene_django.views import GraphQLView
urlpatterns = [path("graphql/", login_required(GraphQLView.as_view(schema=schema)))]
"""
    )
    ep = endpoint(fragment, "QUERY /graphql/hello")
    assert ep.authentication is Tri.YES
    assert ep.auth_schemes == ("login_required",)


def test_strawberry_schema_limits_and_fastapi_router_ide_defaults() -> None:
    fragment = extract_py(
        """
        import strawberry
        from strawberry.extensions import MaxTokensLimiter, QueryDepthLimiter
        from strawberry.fastapi import GraphQLRouter

        @strawberry.type
        class Query:
            @strawberry.field
            def hello(self) -> str:
                return "hi"

        schema = strawberry.Schema(
            query=Query, extensions=[QueryDepthLimiter(max_depth=6), MaxTokensLimiter(1000)]
        )
        graphql_app = GraphQLRouter(schema)
        """
    )
    kinds = fact_kinds(fragment)
    assert {FactKind.GRAPHQL_DEPTH_LIMIT, FactKind.GRAPHQL_COST_LIMIT} <= kinds
    (ide,) = service_facts(fragment, FactKind.GRAPHQL_IDE)
    assert ide.name == "strawberry.GraphQLRouter"  # GraphiQL is served by default
    (server,) = service_facts(fragment, FactKind.GRAPHQL_SERVER)
    assert server.name == "strawberry.Schema"


def test_settings_gated_on_the_environment_give_no_fact() -> None:
    fragment = extract_py(
        """
        from ariadne import QueryType, make_executable_schema
        from ariadne.asgi import GraphQL
        from django.conf import settings

        query = QueryType()
        schema = make_executable_schema("type Query { a: Int }", query)
        app = GraphQL(schema, introspection=settings.DEBUG, explorer=settings.EXPLORER)
        """
    )
    assert fact_kinds(fragment) == {FactKind.GRAPHQL_SERVER}


def test_ariadne_cost_validator_is_a_cost_limit_and_graphiql_is_on_by_default() -> None:
    fragment = extract_py(
        """
        from ariadne import make_executable_schema
        from ariadne.asgi import GraphQL
        from ariadne.validation import cost_validator

        schema = make_executable_schema("type Query { a: Int }")
        app = GraphQL(schema, validation_rules=[cost_validator(maximum_cost=500)])
        """
    )
    assert fact_kinds(fragment) == {
        FactKind.GRAPHQL_SERVER,
        FactKind.GRAPHQL_COST_LIMIT,
        FactKind.GRAPHQL_INTROSPECTION,
        FactKind.GRAPHQL_IDE,
    }


def test_module_with_only_resolvers_declares_no_service() -> None:
    fragment = extract_py(_SCHEMA)
    assert fragment.services == ()
    assert endpoint(fragment, "QUERY /graphql/hello").authentication is Tri.NO


def test_ariadne_graphql_sync_in_a_flask_view_serves_the_schema() -> None:
    fragment = extract_py(
        """
        from ariadne import graphql_sync, make_executable_schema
        from flask import Flask, jsonify, request

        schema = make_executable_schema("type Query { a: Int }")
        app = Flask(__name__)

        @app.post("/graphql")
        def graphql_server():
            success, result = graphql_sync(schema, request.get_json(), introspection=False)
            return jsonify(result)
        """
    )
    assert fact_kinds(fragment) == {FactKind.GRAPHQL_SERVER}
