const { ApolloServer } = require('@apollo/server');
const { db } = require('./db');

const typeDefs = `#graphql
  type Account { id: ID! name: String email: String }
  type Query { me: Account accounts: [Account!]! }
`;

const resolvers = {
  Query: {
    me: (_, __, { user }) => {
      if (!user) throw new Error('UNAUTHENTICATED');
      return db.accounts.findUnique({ where: { id: user.id } });
    },
    // ruleid: TD-S017
    accounts: (_, __, { user }) => {
      if (!user) throw new Error('UNAUTHENTICATED');
      return db.accounts.findMany();
    },
  },
};

module.exports = new ApolloServer({ typeDefs, resolvers });
