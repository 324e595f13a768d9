"""Golden tests: Apollo Server options as service facts, and the path it is mounted at."""

from __future__ import annotations

from graphql_helpers import endpoint, extract_js, fact_kinds, service_facts

from threatdelta.model import FactKind


def test_explicit_options_give_introspection_csrf_and_batching_facts() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        export const server = new ApolloServer({
          typeDefs,
          resolvers,
          introspection: true,
          csrfPrevention: false,
          allowBatchedHttpRequests: true,
        });
        """
    )
    assert fact_kinds(fragment) == {
        FactKind.GRAPHQL_SERVER,
        FactKind.GRAPHQL_INTROSPECTION,
        FactKind.CSRF_DISABLED,
        FactKind.GRAPHQL_BATCHING,
    }
    (server,) = service_facts(fragment, FactKind.GRAPHQL_SERVER)
    assert (server.name, server.location.start_line) == ("ApolloServer", 3)
    assert fragment.services[0].framework == "apollo"


def test_apollo_server_4_defaults_give_only_the_server() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        const server = new ApolloServer({ typeDefs, resolvers });
        """
    )
    assert fact_kinds(fragment) == {FactKind.GRAPHQL_SERVER}


def test_apollo_server_3_defaults_batch_and_skip_csrf_prevention() -> None:
    fragment = extract_js(
        """
        const { ApolloServer } = require('apollo-server-express');
        const server = new ApolloServer({ typeDefs, resolvers });
        """
    )
    assert fact_kinds(fragment) == {
        FactKind.GRAPHQL_SERVER,
        FactKind.CSRF_DISABLED,
        FactKind.GRAPHQL_BATCHING,
    }


def test_validation_rules_and_landing_page_plugins() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        import depthLimit from 'graphql-depth-limit';
        import { createComplexityLimitRule } from 'graphql-validation-complexity';
        const server = new ApolloServer({
          typeDefs,
          validationRules: [depthLimit(8), createComplexityLimitRule(1000)],
          plugins: [ApolloServerPluginLandingPageGraphQLPlayground()],
        });
        """
    )
    assert {
        FactKind.GRAPHQL_DEPTH_LIMIT,
        FactKind.GRAPHQL_COST_LIMIT,
        FactKind.GRAPHQL_IDE,
    } <= fact_kinds(fragment)


def test_landing_page_chosen_by_environment_is_not_an_ide_fact() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        const server = new ApolloServer({
          typeDefs,
          introspection: process.env.NODE_ENV !== 'production',
          plugins: [
            process.env.NODE_ENV === 'production'
              ? ApolloServerPluginLandingPageDisabled()
              : ApolloServerPluginLandingPageLocalDefault(),
          ],
        });
        """
    )
    assert fact_kinds(fragment) == {FactKind.GRAPHQL_SERVER}


def test_express_middleware_mount_path_prefixes_the_fields() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        import { expressMiddleware } from '@apollo/server/express4';
        const resolvers = { Query: { ping: () => 'pong' } };
        const server = new ApolloServer({ typeDefs, resolvers });
        app.use('/api/graphql', cors(), express.json(), expressMiddleware(server));
        """
    )
    endpoint(fragment, "QUERY /api/graphql/ping")


def test_apply_middleware_path_prefixes_the_fields() -> None:
    fragment = extract_js(
        """
        const { ApolloServer } = require('apollo-server-express');
        const resolvers = { Query: { ping: () => 'pong' } };
        const server = new ApolloServer({ typeDefs, resolvers });
        server.applyMiddleware({ app, path: '/gql' });
        """
    )
    endpoint(fragment, "QUERY /gql/ping")
