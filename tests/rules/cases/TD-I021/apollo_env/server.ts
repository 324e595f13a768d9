import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const typeDefs = `#graphql
  type Query { hello: String }
`;
const resolvers = { Query: { hello: () => 'world' } };

// ok: TD-I021
const server = new ApolloServer({
  typeDefs,
  resolvers,
  introspection: process.env.NODE_ENV !== 'production',
});
startStandaloneServer(server, { listen: { port: 4000 } });
