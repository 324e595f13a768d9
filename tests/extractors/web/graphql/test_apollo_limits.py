"""Golden tests: rate limiting on Apollo resolvers (graphql-rate-limit in the body, a
limiter wrapper, a graphql-shield rate-limit rule); nothing seen leaves it unknown."""

from __future__ import annotations

from graphql_helpers import endpoint, extract_js

from threatdelta.model import Tri


def test_graphql_rate_limiter_called_in_the_resolver_limits_it() -> None:
    fragment = extract_js(
        """
        const { ApolloServer } = require('@apollo/server');
        const { getGraphQLRateLimiter } = require('graphql-rate-limit');
        const signInRateLimiter = getGraphQLRateLimiter({ identifyContext: () => 'all' });
        const resolvers = {
          Mutation: {
            login: async (_, { email, password }, context, info) => {
              const limited = await signInRateLimiter(
                { parent: _, args: { email }, context, info },
                { max: 5, window: '15m', identityArgs: ['email'] },
              );
              if (limited) throw new Error(limited);
              return signIn(email, password);
            },
            logout: (_, __, { user }) => signOut(user),
          },
        };
        """
    )
    login = endpoint(fragment, "MUTATION /graphql/login")
    assert login.rate_limited is Tri.YES
    assert login.authentication is Tri.NO  # a limiter is no sign-in check
    assert endpoint(fragment, "MUTATION /graphql/logout").rate_limited is Tri.UNKNOWN


def test_limiter_wrapper_and_shield_rule_limit_their_fields() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        import { shield } from 'graphql-shield';
        import { createRateLimitRule } from 'graphql-rate-limit';
        const rateLimitRule = createRateLimitRule({ identifyContext: (ctx) => ctx.ip });
        const permissions = shield({
          Mutation: { signup: rateLimitRule({ max: 3, window: '1h' }) },
        });
        const resolvers = {
          Mutation: {
            signup: (_, args) => createAccount(args),
            reset: withRateLimit((_, args) => resetPassword(args)),
            rename: (_, args) => rename(args),
          },
        };
        """
    )
    assert endpoint(fragment, "MUTATION /graphql/signup").rate_limited is Tri.YES
    assert endpoint(fragment, "MUTATION /graphql/reset").rate_limited is Tri.YES
    assert endpoint(fragment, "MUTATION /graphql/rename").rate_limited is Tri.UNKNOWN


def test_depth_limit_is_not_a_rate_limit() -> None:
    fragment = extract_js(
        """
        const { ApolloServer } = require('@apollo/server');
        const resolvers = {
          Mutation: { login: (_, { email }) => depthLimit(signIn(email)) },
        };
        """
    )
    assert endpoint(fragment, "MUTATION /graphql/login").rate_limited is Tri.UNKNOWN
