// Accounts in TypeScript: the resolver declares all four parameters with their types.
import { ApolloServer } from '@apollo/server';
import type { GraphQLResolveInfo } from 'graphql';
import { signIn } from './sessions';
import type { Context, LoginArgs } from './types';
import { getGraphQLRateLimiter } from 'graphql-rate-limit';

const signInRateLimiter = getGraphQLRateLimiter({ identifyContext: () => 'all clients' });

const typeDefs = `#graphql
  type Mutation { login(email: String!, password: String!): String }
`;

const resolvers = {
  Mutation: {
    // ruleid: TD-D001
    login: async (_: unknown, args: LoginArgs, context: Context, info: GraphQLResolveInfo) => {
      const limited = await signInRateLimiter(
        { parent: _, args, context, info },
        { max: 5, window: '15m', identityArgs: ['email'] },
      );
      if (limited) throw new Error(limited);
      return signIn(args.email, args.password);
    },
  },
};

export const server = new ApolloServer<Context>({ typeDefs, resolvers });
