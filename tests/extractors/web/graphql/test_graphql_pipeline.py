"""Through the whole pipeline: the Python web and GraphQL extractors both read one file,
and the existing rules light up on GraphQL resolvers."""

from __future__ import annotations

from pathlib import Path

from threatdelta.pipeline import scan


def _write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_flask_route_and_graphene_schema_in_one_file_are_both_extracted(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "shop/app.py",
        "import graphene\n"
        "from flask import Flask\n"
        "app = Flask(__name__)\n\n"
        "@app.get('/health')\n"
        "def health():\n"
        "    return 'ok'\n\n"
        "class DeleteOrder(graphene.Mutation):\n"
        "    class Arguments:\n"
        "        id = graphene.ID()\n\n"
        "    ok = graphene.Boolean()\n\n"
        "    def mutate(root, info, id):\n"
        "        return DeleteOrder(ok=True)\n\n"
        "class Mutation(graphene.ObjectType):\n"
        "    delete_order = DeleteOrder.Field()\n",
    )
    report = scan(tmp_path)
    keys = {e.key for e in report.model.endpoints}
    assert {"endpoint:GET /health", "endpoint:MUTATION /graphql/deleteOrder"} <= keys
    rules = {(t.rule_id, t.element) for t in report.threats}
    assert ("TD-S001", "endpoint:MUTATION /graphql/deleteOrder") in rules  # unauthenticated
    assert ("TD-R001", "endpoint:MUTATION /graphql/deleteOrder") in rules  # not audited


def test_sql_built_from_apollo_resolver_arguments_is_reported(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "api/index.js",
        "const { ApolloServer } = require('@apollo/server');\n"
        "const resolvers = {\n"
        "  Query: {\n"
        "    search: (_, { term }, { user }) => {\n"
        "      if (!user) throw new Error('unauthenticated');\n"
        "      return db.query(`SELECT * FROM items WHERE name LIKE '%${term}%'`);\n"
        "    },\n"
        "  },\n"
        "};\n"
        "module.exports = new ApolloServer({ resolvers, introspection: true });\n",
    )
    report = scan(tmp_path)
    found = {(t.rule_id, t.evidence[0].location.start_line) for t in report.threats}
    assert ("TD-T001", 6) in found  # SQL text from the `term` argument
    assert ("TD-I021", 10) in found  # introspection on
    assert ("TD-D006", 10) in found  # no depth or cost limit
    assert not any(r == "TD-S017" for r, _ in found)  # the resolver checks the user
