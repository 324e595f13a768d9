"""Guest book: a Flask app serving a Strawberry schema."""

import strawberry
from flask import Flask
from strawberry.flask.views import GraphQLView

from guestbook.store import entries


@strawberry.type
class Entry:
    id: strawberry.ID
    text: str


@strawberry.type
class Query:
    @strawberry.field
    def entries(self, first: int = 20) -> list[Entry]:
        return entries.latest(first)


@strawberry.type
class Mutation:
    # ruleid: TD-D004
    @strawberry.mutation(description="Sign the guest book")
    def sign(self, text: str) -> Entry:
        return entries.add(text)


schema = strawberry.Schema(query=Query, mutation=Mutation)
app = Flask(__name__)
app.add_url_rule("/graphql", view_func=GraphQLView.as_view("graphql", schema=schema))
