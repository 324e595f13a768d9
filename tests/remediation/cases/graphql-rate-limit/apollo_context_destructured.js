// Accounts: the sign-in resolver destructures its context, which the limiter needs whole.
const { ApolloServer } = require('@apollo/server');
const { signIn } = require('./sessions');

const typeDefs = `#graphql
  type Mutation { login(email: String!, password: String!): String }
`;

const resolvers = {
  Mutation: {
    // ruleid: TD-D001
    login: (_, { email, password }, { req }) => signIn(email, password, req.ip),
  },
};

module.exports = new ApolloServer({ typeDefs, resolvers });
