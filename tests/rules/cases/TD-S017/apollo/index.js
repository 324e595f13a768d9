const { ApolloServer } = require('@apollo/server');

const typeDefs = `#graphql
  type Patient { id: ID! name: String diagnosis: String ssn: String }
  type Query { patients(first: Int): [Patient!]! patient(id: ID!): Patient }
`;

const resolvers = {
  Query: {
    // ruleid: TD-S017
    patients: (_, { first }, { db }) => db.patients.findMany({ take: first }),
    // ok: TD-S017
    patient: (_, { id }, context) => {
      if (!context.user) throw new Error('UNAUTHENTICATED');
      return context.db.patients.findUnique({ where: { id } });
    },
  },
};

module.exports = new ApolloServer({ typeDefs, resolvers });
