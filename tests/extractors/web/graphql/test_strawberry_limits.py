"""Golden test: a Strawberry permission class named for a rate limit limits the field and
does not authenticate it (the shape the graphql-rate-limit fix family writes)."""

from __future__ import annotations

from graphql_helpers import endpoint, extract_py

from threatdelta.model import Tri


def test_rate_limit_permission_class_limits_the_field_without_authenticating_it() -> None:
    fragment = extract_py(
        """
        import strawberry
        from strawberry.permission import BasePermission

        class WriteRateLimit(BasePermission):
            def has_permission(self, source, info, **kwargs) -> bool:
                return True

        @strawberry.type
        class Mutation:
            @strawberry.mutation(permission_classes=[WriteRateLimit])
            def post(self, text: str) -> bool:
                return True

            @strawberry.mutation
            def flag(self, id: str) -> bool:
                return True
        """
    )
    post = endpoint(fragment, "MUTATION /graphql/post")
    assert (post.rate_limited, post.authentication) == (Tri.YES, Tri.NO)
    assert endpoint(fragment, "MUTATION /graphql/flag").rate_limited is Tri.NO
