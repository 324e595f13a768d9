const typeDefs = `#graphql
  type Order { id: ID! total: Float }
  type Query { orders: [Order!]! recentOrders(limit: Int = 20): [Order!]! }
`;

const resolvers = {
  Query: {
    // ruleid: TD-D008
    orders: () => Order.findAll(),
    // ok: TD-D008
    recentOrders: (_, { limit }) => Order.findAll({ limit: Math.min(limit, 100) }),
  },
};

module.exports = { typeDefs, resolvers };
