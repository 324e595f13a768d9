"""Guest book: a Flask app serving a Strawberry schema."""

import strawberry
from flask import Flask
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from strawberry.flask.views import GraphQLView
from strawberry.permission import BasePermission

from guestbook.store import entries


class WriteRateLimit(BasePermission):
    """At most 10 calls a minute from one client address."""

    message = "Too many requests, try again later"
    limiter = MovingWindowRateLimiter(MemoryStorage())
    rate = parse("10/minute")

    def has_permission(self, source, info, **kwargs) -> bool:
        address = info.context["request"].remote_addr or ""
        return self.limiter.hit(self.rate, info.field_name, address)


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
    @strawberry.mutation(description="Sign the guest book", permission_classes=[WriteRateLimit])
    def sign(self, text: str) -> Entry:
        return entries.add(text)


schema = strawberry.Schema(query=Query, mutation=Mutation)
app = Flask(__name__)
app.add_url_rule("/graphql", view_func=GraphQLView.as_view("graphql", schema=schema))
