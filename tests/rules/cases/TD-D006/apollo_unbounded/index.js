import { ApolloServer } from '@apollo/server';

const typeDefs = `#graphql
  type User { name: String friends(first: Int): [User!]! }
  type Query { user(id: ID!): User }
`;
const resolvers = { Query: { user: (_, { id }, { loaders }) => loaders.user.load(id) } };

// ruleid: TD-D006
export const server = new ApolloServer({ typeDefs, resolvers });
