const { ApolloServer } = require('apollo-server-express');
const { typeDefs, resolvers } = require('./schema');

// ok: TD-D007
const server = new ApolloServer({ typeDefs, resolvers, allowBatchedHttpRequests: false });
module.exports = server;
