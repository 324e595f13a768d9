// Accounts: members sign in through Apollo Server.
const { ApolloServer } = require('@apollo/server');
const { signIn } = require('./sessions');

const typeDefs = `#graphql
  type Mutation { login(email: String!, password: String!): String }
`;

const resolvers = {
  Mutation: {
    // ruleid: TD-D001
    login: (_, { email, password }) => signIn(email, password),
  },
};

module.exports = new ApolloServer({ typeDefs, resolvers });
