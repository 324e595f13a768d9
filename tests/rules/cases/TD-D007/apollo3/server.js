const { ApolloServer } = require('apollo-server-express');
const { typeDefs, resolvers } = require('./schema');

// Apollo Server 3 executes batched requests unless told otherwise
// ruleid: TD-D007
const server = new ApolloServer({ typeDefs, resolvers, csrfPrevention: true });
module.exports = server;
