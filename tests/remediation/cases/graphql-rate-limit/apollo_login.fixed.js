// Accounts: members sign in through Apollo Server.
const { ApolloServer } = require('@apollo/server');
const { signIn } = require('./sessions');
const { getGraphQLRateLimiter } = require('graphql-rate-limit');

const signInRateLimiter = getGraphQLRateLimiter({ identifyContext: () => 'all clients' });

const typeDefs = `#graphql
  type Mutation { login(email: String!, password: String!): String }
`;

const resolvers = {
  Mutation: {
    // ruleid: TD-D001
    login: async (_, { email, password }, context, info) => {
      const limited = await signInRateLimiter(
        { parent: _, args: { email }, context, info },
        { max: 5, window: '15m', identityArgs: ['email'] },
      );
      if (limited) throw new Error(limited);
      return signIn(email, password);
    },
  },
};

module.exports = new ApolloServer({ typeDefs, resolvers });
