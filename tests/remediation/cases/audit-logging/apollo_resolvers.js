// Apollo resolvers in a module without a logger: one with a block body, one with an
// expression body.
const { ApolloServer } = require('@apollo/server');
const { startStandaloneServer } = require('@apollo/server/standalone');
const { db } = require('./db');

const typeDefs = `#graphql
  type Note { id: ID! text: String }
  type Query { notes: [Note!]! }
  type Mutation {
    editNote(id: ID!, text: String!): Note
    deleteNote(id: ID!): Boolean
  }
`;

const resolvers = {
  Query: {
    notes: (_, __, { user }) => db.notes.findMany({ where: { ownerId: user.id } }),
  },
  Mutation: {
    // ruleid: TD-R001
    editNote: async (_, { id, text }, { user }) => {
      if (!user) throw new Error('UNAUTHENTICATED');
      return db.notes.update({ where: { id, ownerId: user.id }, data: { text } });
    },
    // ruleid: TD-R001
    deleteNote: async (_, { id }, { user }) =>
      db.notes.delete({ where: { id, ownerId: user.id } }),
  },
};

const server = new ApolloServer({ typeDefs, resolvers });

startStandaloneServer(server, {
  context: async ({ req }) => ({ user: await db.sessions.user(req.headers.authorization) }),
});
