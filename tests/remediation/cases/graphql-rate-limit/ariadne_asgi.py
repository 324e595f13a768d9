"""Reviews: an Ariadne schema served as an ASGI app."""

from ariadne import MutationType, QueryType, make_executable_schema
from ariadne.asgi import GraphQL

from reviews.store import reviews

type_defs = """
    type Query { count: Int! }
    type Mutation { review(bookId: ID!, text: String!): Boolean! }
"""

query = QueryType()
mutation = MutationType()


@query.field("count")
def resolve_count(_, info):
    return reviews.count()


# ruleid: TD-D004
@mutation.field("review")
async def resolve_review(_, info, bookId, text):
    return await reviews.add(bookId, text)


app = GraphQL(make_executable_schema(type_defs, query, mutation))
