// Accounts: the module already limits password resets with graphql-rate-limit.
import { ApolloServer } from '@apollo/server';
import { getGraphQLRateLimiter } from 'graphql-rate-limit';
import { signIn, sendReset } from './sessions.mjs';

const rateLimiter = getGraphQLRateLimiter({ identifyContext: (context) => context.ip });

const typeDefs = `#graphql
  type Mutation {
    signIn(username: String!, password: String!): String
    resetPassword(username: String!): Boolean
  }
`;

const resolvers = {
  Mutation: {
    // ruleid: TD-D001
    async signIn(parent, args) {
      return signIn(args.username, args.password);
    },
    resetPassword: async (parent, args, context, info) => {
      const limited = await rateLimiter({ parent, args, context, info }, { max: 3, window: '1h' });
      if (limited) throw new Error(limited);
      return sendReset(args.username);
    },
  },
};

export default new ApolloServer({ typeDefs, resolvers });
