"""Library catalogue: a Graphene schema served by graphene-django."""

import graphene
from django.urls import path
from graphene_django.views import GraphQLView

from library.models import Book


class BookType(graphene.ObjectType):
    id = graphene.ID()
    title = graphene.String()


class AddBook(graphene.Mutation):
    class Arguments:
        title = graphene.String(required=True)

    book = graphene.Field(BookType)

    # ruleid: TD-D004
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
