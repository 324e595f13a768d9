"""Golden tests: Graphene object types, resolvers and mutations as endpoints."""

from __future__ import annotations

from graphql_helpers import endpoint, endpoint_facts, extract_py, keys

from threatdelta.model import FactKind, Tri


def test_query_field_with_resolve_method_is_a_query_endpoint_with_its_list_shape() -> None:
    fragment = extract_py(
        """
        import graphene

        class UserType(graphene.ObjectType):
            id = graphene.ID()
            email = graphene.String()

        class Query(graphene.ObjectType):
            all_users = graphene.List(UserType)

            def resolve_all_users(root, info):
                return User.objects.all()
        """
    )
    ep = endpoint(fragment, "QUERY /graphql/allUsers")
    assert ep.sources == ("graphql",)
    assert ep.service == ""  # the module serves no schema: the app is elsewhere
    assert (ep.handler.start_line, ep.handler.end_line) == (11, 12)
    assert ep.returns_collection is Tri.YES
    assert ep.paginated is Tri.NO
    assert ep.response_fields == ("id", "email")
    assert ep.authentication is Tri.NO


def test_mutation_field_is_resolved_by_the_mutation_class_mutate_method() -> None:
    fragment = extract_py(
        """
        import graphene

        class CreateUser(graphene.Mutation):
            class Arguments:
                email = graphene.String(required=True)
                password = graphene.String(required=True)

            ok = graphene.Boolean()

            def mutate(root, info, email, password):
                return CreateUser(ok=True)

        class Mutation(graphene.ObjectType):
            create_user = CreateUser.Field()
        """
    )
    ep = endpoint(fragment, "MUTATION /graphql/createUser")
    assert ep.handler_name == "mutate"
    assert ep.handler.start_line == 11
    assert ep.request_fields == ("email", "password")
    assert ep.state_changing
    assert ep.audit_logged is Tri.NO
    assert ep.evidence[1].location.start_line == 15  # where the field is declared


def test_login_required_decorator_authenticates_the_resolver() -> None:
    fragment = extract_py(
        """
        import graphene
        from graphql_jwt.decorators import login_required

        class Query(graphene.ObjectType):
            me = graphene.String()

            @login_required
            def resolve_me(root, info):
                return info.context.user.username
        """
    )
    ep = endpoint(fragment, "QUERY /graphql/me")
    assert ep.authentication is Tri.YES
    assert ep.guards == ("login_required",)
    assert ep.handler.start_line == 8  # the decorator


def test_unknown_decorator_leaves_authentication_unknown() -> None:
    fragment = extract_py(
        """
        import graphene
        from .tenancy import with_tenant

        class Query(graphene.ObjectType):
            me = graphene.String()

            @with_tenant
            def resolve_me(root, info):
                return "x"
        """
    )
    assert endpoint(fragment, "QUERY /graphql/me").authentication is Tri.UNKNOWN


def test_connection_field_and_pagination_arguments_make_a_list_paginated() -> None:
    fragment = extract_py(
        """
        import graphene
        from graphene import relay

        class Query(graphene.ObjectType):
            orders = relay.ConnectionField(OrderConnection)
            invoices = graphene.List(Invoice, limit=graphene.Int())

            def resolve_invoices(root, info, limit=20):
                return []
        """
    )
    assert endpoint(fragment, "QUERY /graphql/orders").paginated is Tri.YES
    invoices = endpoint(fragment, "QUERY /graphql/invoices")
    assert invoices.paginated is Tri.YES
    assert invoices.request_fields == ("limit",)


def test_field_without_resolver_is_an_endpoint_with_unknown_controls() -> None:
    fragment = extract_py(
        """
        import graphene

        class Query(graphene.ObjectType):
            version = graphene.String(default_value="1.0")
        """
    )
    ep = endpoint(fragment, "QUERY /graphql/version")
    assert ep.authentication is Tri.UNKNOWN
    assert ep.handler.start_line == 5


def test_mixin_query_types_give_their_fields_and_plain_object_types_none() -> None:
    fragment = extract_py(
        """
        import graphene

        class UserQuery(graphene.ObjectType):
            user = graphene.Field(UserType, id=graphene.ID())

            def resolve_user(root, info, id):
                return User.objects.get(pk=id)

        class UserType(graphene.ObjectType):
            name = graphene.String()

        class SearchQueryResult(graphene.ObjectType):
            total = graphene.Int()
        """
    )
    assert keys(fragment) == ["QUERY /graphql/user"]
    ep = endpoint(fragment, "QUERY /graphql/user")
    lookups = endpoint_facts(ep, FactKind.OBJECT_LOOKUP_BY_ID)
    assert [f.from_input for f in lookups] == [Tri.YES]
    assert ep.object_authorization is Tri.NO
