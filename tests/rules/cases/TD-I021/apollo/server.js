const { ApolloServer } = require('@apollo/server');
const { startStandaloneServer } = require('@apollo/server/standalone');

const typeDefs = `#graphql
  type Query { hello: String }
`;
const resolvers = { Query: { hello: () => 'world' } };

// ruleid: TD-I021
const server = new ApolloServer({ typeDefs, resolvers, introspection: true });
startStandaloneServer(server, { listen: { port: 4000 } });
