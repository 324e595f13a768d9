import { ApolloServer } from '@apollo/server';
import { typeDefs, resolvers } from './schema';

// ruleid: TD-D007
export const server = new ApolloServer({
  typeDefs,
  resolvers,
  allowBatchedHttpRequests: true,
});
