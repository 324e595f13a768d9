// Accounts: the sign-in resolver already logs its attempts (a block body).
const { ApolloServer } = require('@apollo/server');
const { signIn } = require('./sessions');
const { getGraphQLRateLimiter } = require('graphql-rate-limit');

const signInRateLimiter = getGraphQLRateLimiter({ identifyContext: () => 'all clients' });

const typeDefs = `#graphql
  type Mutation { login(username: String!, password: String!): String }
`;

const resolvers = {
  Mutation: {
    // ruleid: TD-D001
    login: async (_, { username: name, password }, context, info) => {
      const limited = await signInRateLimiter(
        { parent: _, args: { username: name }, context, info },
        { max: 5, window: '15m', identityArgs: ['username'] },
      );
      if (limited) throw new Error(limited);
      console.info(JSON.stringify({ audit: 'MUTATION /graphql/login' }));
      return signIn(name, password);
    },
  },
};

module.exports = new ApolloServer({ typeDefs, resolvers });
