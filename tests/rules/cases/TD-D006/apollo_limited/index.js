import { ApolloServer } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';

const typeDefs = `#graphql
  type User { name: String friends(first: Int): [User!]! }
  type Query { user(id: ID!): User }
`;
const resolvers = { Query: { user: (_, { id }, { loaders }) => loaders.user.load(id) } };

// ok: TD-D006
export const server = new ApolloServer({ typeDefs, resolvers, validationRules: [depthLimit(7)] });
