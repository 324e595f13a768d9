"""An Apollo Server for a lending library: a schema with members and loans, a depth limit,
introspection left to Apollo's environment default; the pull requests open introspection
and drop the limit, or add the missing caller check to a resolver."""

from __future__ import annotations

SERVER = """\
const { ApolloServer } = require('@apollo/server');
const { startStandaloneServer } = require('@apollo/server/standalone');
const depthLimit = require('graphql-depth-limit');
const { typeDefs } = require('./schema');
const { resolvers } = require('./resolvers');

const server = new ApolloServer({
  typeDefs,
  resolvers,
  validationRules: [depthLimit(6)],
});

startStandaloneServer(server, {
  context: async ({ req }) => ({ user: await userFromToken(req.headers.authorization) }),
});
"""

# The PR turns introspection on for every environment and drops the depth limit.
SERVER_OPENED = SERVER.replace(
    "  validationRules: [depthLimit(6)],\n", "  introspection: true,\n"
).replace("const depthLimit = require('graphql-depth-limit');\n", "")

RESOLVERS = """\
const typeDefs = `#graphql
  type Member { id: ID! name: String email: String phone: String }
  type Loan { id: ID! title: String due: String }
  type Query { member(id: ID!): Member loans(first: Int): [Loan!]! }
`;

const resolvers = {
  Query: {
    member: async (_, { id }, { user, db }) => {
      return db.members.findUnique({ where: { id } });
    },
    loans: async (_, { first }, { user, db }) => {
      if (!user) throw new Error('UNAUTHENTICATED');
      return db.loans.findMany({ where: { memberId: user.id }, take: first });
    },
  },
};

module.exports = { typeDefs, resolvers };
"""

# The PR adds the caller check the `member` resolver was missing.
RESOLVERS_CHECKED = RESOLVERS.replace(
    "    member: async (_, { id }, { user, db }) => {\n",
    "    member: async (_, { id }, { user, db }) => {\n"
    "      if (!user) throw new Error('UNAUTHENTICATED');\n",
)

FILES = {
    "library/server.js": SERVER,
    "library/resolvers.js": RESOLVERS,
    "README.md": "# Library\n\nThe lending library's GraphQL API.\n",
}
