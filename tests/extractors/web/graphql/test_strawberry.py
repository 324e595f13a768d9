"""Golden tests: Strawberry root types, permission classes and resolver arguments."""

from __future__ import annotations

from graphql_helpers import endpoint, endpoint_facts, extract_py, keys

from threatdelta.model import FactKind, Tri


def test_field_and_mutation_methods_are_endpoints_named_in_camel_case() -> None:
    fragment = extract_py(
        """
        import strawberry

        @strawberry.type
        class Query:
            @strawberry.field
            def top_books(self, info, first: int = 10) -> list[Book]:
                return []

        @strawberry.type
        class Mutation:
            @strawberry.mutation
            def add_book(self, info, title: str) -> Book:
                return Book(title=title)
        """
    )
    assert keys(fragment) == ["MUTATION /graphql/addBook", "QUERY /graphql/topBooks"]
    books = endpoint(fragment, "QUERY /graphql/topBooks")
    assert books.paginated is Tri.YES
    assert books.request_fields == ("first",)
    assert books.handler.start_line == 6  # the @strawberry.field decorator


def test_permission_classes_authenticate_the_field() -> None:
    fragment = extract_py(
        """
        import strawberry
        from .permissions import IsAuthenticated

        @strawberry.type
        class Query:
            @strawberry.field(permission_classes=[IsAuthenticated])
            def me(self, info) -> User:
                return info.context.user
        """
    )
    ep = endpoint(fragment, "QUERY /graphql/me")
    assert ep.authentication is Tri.YES
    assert ep.guards == ("IsAuthenticated",)


def test_permission_extension_authenticates_the_field() -> None:
    fragment = extract_py(
        """
        import strawberry
        from strawberry.permission import PermissionExtension
        from .permissions import IsAuthenticated

        @strawberry.type
        class Query:
            @strawberry.field(extensions=[PermissionExtension(permissions=[IsAuthenticated()])])
            def me(self, info) -> str:
                return "me"
        """
    )
    ep = endpoint(fragment, "QUERY /graphql/me")
    assert ep.authentication is Tri.YES
    assert ep.guards == ("IsAuthenticated",)


def test_check_of_the_context_user_that_raises_authenticates_the_resolver() -> None:
    fragment = extract_py(
        """
        import strawberry

        @strawberry.type
        class Mutation:
            @strawberry.mutation
            def delete_account(self, info, id: strawberry.ID) -> bool:
                if not info.context.request.user.is_authenticated:
                    raise PermissionError("sign in first")
                return True
        """
    )
    assert endpoint(fragment, "MUTATION /graphql/deleteAccount").authentication is Tri.YES


def test_attribute_with_resolver_function_uses_that_function() -> None:
    fragment = extract_py(
        """
        import strawberry

        def get_books(author: str) -> list["Book"]:
            return []

        @strawberry.type
        class Query:
            books: list["Book"] = strawberry.field(resolver=get_books)
        """
    )
    ep = endpoint(fragment, "QUERY /graphql/books")
    assert ep.handler_name == "get_books"
    assert ep.returns_collection is Tri.YES
    assert ep.paginated is Tri.NO
    assert ep.request_fields == ("author",)


def test_resolver_arguments_are_client_input_for_handler_facts() -> None:
    fragment = extract_py(
        """
        import requests
        import strawberry

        @strawberry.type
        class Query:
            @strawberry.field
            def preview(self, info, url: str) -> str:
                return requests.get(url).text
        """
    )
    ep = endpoint(fragment, "QUERY /graphql/preview")
    assert [f.from_input for f in endpoint_facts(ep, FactKind.OUTBOUND_HTTP)] == [Tri.YES]


def test_response_fields_come_from_the_returned_type_of_the_module() -> None:
    fragment = extract_py(
        """
        import strawberry

        @strawberry.type
        class Patient:
            name: str
            diagnosis: str

        @strawberry.type
        class Query:
            @strawberry.field
            def patient(self, info, id: strawberry.ID) -> Patient | None:
                return None
        """
    )
    ep = endpoint(fragment, "QUERY /graphql/patient")
    assert ep.response_fields == ("name", "diagnosis")
    assert ep.response_data  # diagnosis is health data
