"""Polls: a Graphene schema served by a Flask view, whose context is not known well
enough to read the client's address from it."""

import graphene
from flask import Flask
from graphql_server.flask import GraphQLView


class Vote(graphene.Mutation):
    class Arguments:
        option = graphene.ID(required=True)

    ok = graphene.Boolean()

    # ruleid: TD-D004
    def mutate(root, info, option):
        return Vote(ok=True)


class Query(graphene.ObjectType):
    total = graphene.Int()

    def resolve_total(root, info):
        return 0


class Mutation(graphene.ObjectType):
    vote = Vote.Field()


app = Flask(__name__)
schema = graphene.Schema(query=Query, mutation=Mutation)
app.add_url_rule("/graphql", view_func=GraphQLView.as_view("graphql", schema=schema))
