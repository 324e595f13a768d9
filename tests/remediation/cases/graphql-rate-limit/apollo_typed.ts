// Accounts in TypeScript: the resolver declares all four parameters with their types.
import { ApolloServer } from '@apollo/server';
import type { GraphQLResolveInfo } from 'graphql';
import { signIn } from './sessions';
import type { Context, LoginArgs } from './types';

const typeDefs = `#graphql
  type Mutation { login(email: String!, password: String!): String }
`;

const resolvers = {
  Mutation: {
    // ruleid: TD-D001
    login: async (_: unknown, args: LoginArgs, context: Context, info: GraphQLResolveInfo) => {
      return signIn(args.email, args.password);
    },
  },
};

export const server = new ApolloServer<Context>({ typeDefs, resolvers });
