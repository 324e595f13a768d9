"""Notes: a Strawberry schema served as an ASGI app; posting is rate-limited already."""

import strawberry
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from strawberry.asgi import GraphQL
from strawberry.permission import BasePermission

from notes.store import notes


class WriteRateLimit(BasePermission):
    """At most 10 calls a minute from one client address."""

    message = "Too many requests, try again later"
    limiter = MovingWindowRateLimiter(MemoryStorage())
    rate = parse("10/minute")

    def has_permission(self, source, info, **kwargs) -> bool:
        client = info.context["request"].client
        address = client.host if client else ""
        return self.limiter.hit(self.rate, info.field_name, address)


@strawberry.type
class Note:
    id: strawberry.ID
    text: str


@strawberry.type
class Query:
    @strawberry.field
    def note(self, id: strawberry.ID) -> Note | None:
        return notes.get(id)


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[WriteRateLimit])
    def post(self, text: str) -> Note:
        return notes.add(text)

    # ruleid: TD-D004
    @strawberry.mutation(permission_classes=[WriteRateLimit])
    def flag(self, id: strawberry.ID) -> bool:
        return notes.flag(id)


schema = strawberry.Schema(query=Query, mutation=Mutation)
app = GraphQL(schema)
