"""Golden tests: Ariadne bindable root types, their resolvers and the module's SDL."""

from __future__ import annotations

from graphql_helpers import endpoint, extract_py, keys

from threatdelta.model import Tri


def test_field_decorators_and_set_field_give_endpoints_shaped_by_the_sdl() -> None:
    fragment = extract_py(
        """
        from ariadne import MutationType, QueryType, gql

        type_defs = gql(\"\"\"
            type Query { posts: [Post!]! post(id: ID!): Post }
            type Mutation { deletePost(id: ID!): Boolean }
            type Post { id: ID! title: String }
        \"\"\")
        query = QueryType()
        mutation = MutationType()

        @query.field("posts")
        def resolve_posts(_, info):
            return []

        def resolve_delete(_, info, id):
            return True

        mutation.set_field("deletePost", resolve_delete)
        """
    )
    # `post` has no resolver bound in the module: no endpoint
    assert keys(fragment) == ["MUTATION /graphql/deletePost", "QUERY /graphql/posts"]
    posts = endpoint(fragment, "QUERY /graphql/posts")
    assert posts.returns_collection is Tri.YES
    assert posts.paginated is Tri.NO
    assert posts.response_fields == ("id", "title")
    delete = endpoint(fragment, "MUTATION /graphql/deletePost")
    assert delete.handler_name == "resolve_delete"
    assert delete.request_fields == ("id",)


def test_object_type_named_query_is_a_root_and_a_subscription_source_counts_once() -> None:
    fragment = extract_py(
        """
        from ariadne import ObjectType, SubscriptionType

        query = ObjectType("Query")
        subscription = SubscriptionType()

        @query.field("hello")
        def resolve_hello(*_):
            return "hi"

        @subscription.source("ticks")
        async def ticks_source(obj, info):
            yield 1

        @subscription.field("ticks")
        def ticks(value, info):
            return value
        """
    )
    assert keys(fragment) == ["QUERY /graphql/hello", "SUBSCRIPTION /graphql/ticks"]
    assert endpoint(fragment, "SUBSCRIPTION /graphql/ticks").handler_name == "ticks_source"
