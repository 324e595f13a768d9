from ariadne import QueryType, gql, make_executable_schema
from ariadne.asgi import GraphQL

type_defs = gql("type Query { hello: String }")
query = QueryType()


@query.field("hello")
def resolve_hello(_, info):
    return "world"


schema = make_executable_schema(type_defs, query)
# ok: TD-I021
app = GraphQL(schema, introspection=False)
