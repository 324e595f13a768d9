// Accounts: the sign-in resolver already logs its attempts (a block body).
const { ApolloServer } = require('@apollo/server');
const { signIn } = require('./sessions');

const typeDefs = `#graphql
  type Mutation { login(username: String!, password: String!): String }
`;

const resolvers = {
  Mutation: {
    // ruleid: TD-D001
    login: (_, { username: name, password }) => {
      console.info(JSON.stringify({ audit: 'MUTATION /graphql/login' }));
      return signIn(name, password);
    },
  },
};

module.exports = new ApolloServer({ typeDefs, resolvers });
