"""Golden tests: Apollo Server resolver maps, their authentication and handler facts."""

from __future__ import annotations

from graphql_helpers import endpoint, endpoint_facts, extract_js, keys

from threatdelta.model import FactKind, Tri

_TYPES = """
const typeDefs = `#graphql
  type Query { users: [User!]! user(id: ID!): User }
  type Mutation { updateEmail(id: ID!, email: String!): User }
  type User { id: ID! email: String }
`;
"""


def test_resolver_map_members_are_endpoints_shaped_by_the_sdl() -> None:
    fragment = extract_js(
        "const { ApolloServer } = require('@apollo/server');\n"
        + _TYPES
        + """
const resolvers = {
  Query: {
    users: () => User.findAll(),
    user(parent, { id }) { return User.findByPk(id); },
  },
  Mutation: { updateEmail },
};
async function updateEmail(_, args, context) { return null; }
"""
    )
    assert keys(fragment) == [
        "MUTATION /graphql/updateEmail",
        "QUERY /graphql/user",
        "QUERY /graphql/users",
    ]
    users = endpoint(fragment, "QUERY /graphql/users")
    assert (users.returns_collection, users.paginated) == (Tri.YES, Tri.NO)
    assert users.response_fields == ("id", "email")
    assert users.handler.start_line == 11
    assert users.authentication is Tri.NO
    update = endpoint(fragment, "MUTATION /graphql/updateEmail")
    assert update.handler.start_line == 16  # the function declaration it names
    assert update.evidence[1].location.start_line == 14  # the member naming it
    assert update.request_fields == ("id", "email")


def test_context_user_check_that_throws_authenticates_the_resolver() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        const resolvers = {
          Query: {
            me: (_, __, { user }) => {
              if (!user) throw new GraphQLError('Unauthenticated');
              return user;
            },
            profile: (_, args, context) => {
              if (!context.currentUser) { throw new AuthenticationError('no'); }
              return context.currentUser;
            },
          },
        };
        """
    )
    assert endpoint(fragment, "QUERY /graphql/me").authentication is Tri.YES
    assert endpoint(fragment, "QUERY /graphql/profile").authentication is Tri.YES


def test_wrapper_guards_and_imported_resolvers() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        import { listOrders } from './orders';
        const resolvers = {
          Query: {
            orders: listOrders,
            invoices: requireAuth((_, args) => Invoice.findAll()),
            reports: combineResolvers(isAdmin, (_, args) => Report.findAll()),
            stats: withTenant((_, args) => Stats.get()),
          },
        };
        """
    )
    assert endpoint(fragment, "QUERY /graphql/orders").authentication is Tri.UNKNOWN
    invoices = endpoint(fragment, "QUERY /graphql/invoices")
    assert invoices.authentication is Tri.YES
    assert invoices.guards == ("requireAuth",)
    assert endpoint(fragment, "QUERY /graphql/reports").guards == ("combineResolvers", "isAdmin")
    assert endpoint(fragment, "QUERY /graphql/reports").authentication is Tri.YES
    assert endpoint(fragment, "QUERY /graphql/stats").authentication is Tri.UNKNOWN


def test_context_that_rejects_anonymous_requests_authenticates_every_field() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        const resolvers = { Query: { users: () => db.users.all() } };
        const server = new ApolloServer({
          resolvers,
          context: async ({ req }) => {
            const user = await verifyToken(req.headers.authorization);
            if (!user) throw new GraphQLError('unauthenticated');
            return { user };
          },
        });
        """
    )
    assert endpoint(fragment, "QUERY /graphql/users").authentication is Tri.YES


def test_args_are_client_input_for_sql_and_mass_assignment() -> None:
    fragment = extract_js(
        """
        const resolvers = {
          Mutation: {
            rename: async (_, args, ctx) =>
              db.query(`UPDATE users SET name = '${args.name}' WHERE id = ${args.id}`),
            register: async (_, { input }) => User.create(input),
          },
        };
        """
    )
    rename = endpoint(fragment, "MUTATION /graphql/rename")
    assert [f.from_input for f in endpoint_facts(rename, FactKind.SQL_RAW)] == [Tri.YES]
    register = endpoint(fragment, "MUTATION /graphql/register")
    assert endpoint_facts(register, FactKind.MASS_ASSIGNMENT)


def test_subscription_field_is_resolved_by_its_subscribe_function() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        const resolvers = {
          Subscription: {
            orderPlaced: {
              subscribe: () => pubsub.asyncIterator(['ORDER_PLACED']),
            },
          },
        };
        """
    )
    ep = endpoint(fragment, "SUBSCRIPTION /graphql/orderPlaced")
    assert ep.handler.start_line == 5


def test_graphql_shield_rules_decide_authentication_and_are_not_resolvers() -> None:
    fragment = extract_js(
        """
        import { ApolloServer } from '@apollo/server';
        import { allow, and, rule, shield } from 'graphql-shield';
        const permissions = shield(
          {
            Query: { catalog: allow, orders: and(isAuthenticated, isOwner) },
            Mutation: { '*': isAdmin },
          },
          { fallbackRule: isAuthenticated },
        );
        const resolvers = {
          Query: {
            catalog: () => Product.findAll(),
            orders: () => Order.findAll(),
            profile: () => Profile.get(),
          },
          Mutation: { refund: (_, { id }) => Refund.create({ id }) },
        };
        """
    )
    assert keys(fragment) == [
        "MUTATION /graphql/refund",
        "QUERY /graphql/catalog",
        "QUERY /graphql/orders",
        "QUERY /graphql/profile",
    ]
    assert endpoint(fragment, "QUERY /graphql/catalog").authentication is Tri.NO
    orders = endpoint(fragment, "QUERY /graphql/orders")
    assert orders.authentication is Tri.YES
    assert orders.guards == ("isAuthenticated", "isOwner")
    assert orders.handler.start_line == 14  # the resolver, not the shield's rule
    assert endpoint(fragment, "MUTATION /graphql/refund").authentication is Tri.YES
    assert endpoint(fragment, "QUERY /graphql/profile").authentication is Tri.YES  # fallback
