"""Reviews: an Ariadne schema served as an ASGI app."""

import functools

from ariadne import MutationType, QueryType, make_executable_schema
from ariadne.asgi import GraphQL
from graphql import GraphQLError
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from reviews.store import reviews

type_defs = """
    type Query { count: Int! }
    type Mutation { review(bookId: ID!, text: String!): Boolean! }
"""

query = QueryType()
mutation = MutationType()


def write_rate_limit(resolve):
    """At most 10 calls a minute to the resolver from one client address."""
    limiter = MovingWindowRateLimiter(MemoryStorage())
    rate = parse("10/minute")

    @functools.wraps(resolve)
    def limited(root, info, **kwargs):
        client = info.context["request"].client
        address = client.host if client else ""
        if not limiter.hit(rate, info.field_name, address):
            raise GraphQLError("Too many requests, try again later")
        return resolve(root, info, **kwargs)

    return limited


@query.field("count")
def resolve_count(_, info):
    return reviews.count()


# ruleid: TD-D004
@mutation.field("review")
@write_rate_limit
async def resolve_review(_, info, bookId, text):
    return await reviews.add(bookId, text)


app = GraphQL(make_executable_schema(type_defs, query, mutation))
