"""GraphQL servers: Graphene, Strawberry and Ariadne (Python, `ast`) and Apollo Server
(JavaScript/TypeScript, tree-sitter). Each query, mutation and subscription field is an
endpoint; server settings (introspection, depth and cost limits, batching, IDEs) are facts
on the service."""

from threatdelta.extractors.web.graphql.apollo_extractor import ApolloExtractor
from threatdelta.extractors.web.graphql.python_extractor import GraphQLPythonExtractor

__all__ = ["ApolloExtractor", "GraphQLPythonExtractor"]
