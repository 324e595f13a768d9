"""Library catalogue: a Graphene schema served by graphene-django."""

import functools

import graphene
from django.urls import path
from graphene_django.views import GraphQLView
from graphql import GraphQLError
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from library.models import Book


def write_rate_limit(resolve):
    """At most 10 calls a minute to the resolver from one client address."""
    limiter = MovingWindowRateLimiter(MemoryStorage())
    rate = parse("10/minute")

    @functools.wraps(resolve)
    def limited(root, info, **kwargs):
        address = info.context.META.get("REMOTE_ADDR", "")
        if not limiter.hit(rate, info.field_name, address):
            raise GraphQLError("Too many requests, try again later")
        return resolve(root, info, **kwargs)

    return limited


class BookType(graphene.ObjectType):
    id = graphene.ID()
    title = graphene.String()


class AddBook(graphene.Mutation):
    class Arguments:
        title = graphene.String(required=True)

    book = graphene.Field(BookType)

    # ruleid: TD-D004
    @write_rate_limit
    def mutate(root, info, title):
        return AddBook(book=Book.objects.create(title=title))


class Query(graphene.ObjectType):
    count = graphene.Int()

    def resolve_count(root, info):
        return Book.objects.count()


class Mutation(graphene.ObjectType):
    add_book = AddBook.Field()


schema = graphene.Schema(query=Query, mutation=Mutation)
urlpatterns = [path("graphql/", GraphQLView.as_view(schema=schema))]
