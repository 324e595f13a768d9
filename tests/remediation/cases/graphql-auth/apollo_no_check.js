const { ApolloServer } = require('@apollo/server');
const { db } = require('./db');

const typeDefs = `#graphql
  type Account { id: ID! name: String email: String }
  type Query { accounts: [Account!]! }
`;

const resolvers = {
  Query: {
    // ruleid: TD-S017
    accounts: () => db.accounts.findMany(),
  },
};

module.exports = new ApolloServer({ typeDefs, resolvers });
