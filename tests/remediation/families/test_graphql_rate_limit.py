"""Rate limiting on GraphQL resolvers (TD-D001, TD-D004): the cases under
`cases/graphql-rate-limit/` through the harness, what makes a patch unsafe, the fixture
application's sign-in and anonymous write, and resolvers that already have a limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import CASES, fixed_path, is_case, run_case

from threatdelta.findings.threat import Applicability
from threatdelta.pipeline import scan, scan_with_inputs
from threatdelta.remediation.families.graphql_rate_limit import GraphqlRateLimit
from threatdelta.remediation.run import remediate

FAMILIES = (GraphqlRateLimit(),)
CASE_FILES = sorted(
    p for p in (CASES / "graphql-rate-limit").iterdir() if is_case(p) and ".fixed." not in p.name
)
FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "graphql-library"


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.name)
def test_case_is_fixed_exactly_or_not_offered(case: Path) -> None:
    result = run_case(case, FAMILIES)
    if fixed_path(case).exists():
        assert result.fixes and result.patched is not None
    else:
        assert result.fixes == ()
        assert result.threats


@pytest.mark.parametrize(
    ("case", "applicability", "package"),
    [
        ("apollo_login.js", Applicability.UNSAFE, "`graphql-rate-limit` package"),
        ("apollo_reuse.mjs", Applicability.SAFE, None),
        ("strawberry_flask.py", Applicability.UNSAFE, "`limits` package"),
        ("strawberry_login.py", Applicability.SAFE, None),
        ("graphene_django.py", Applicability.UNSAFE, "`limits` package"),
    ],
)
def test_a_package_new_to_the_repository_makes_the_patch_unsafe_and_is_named(
    case: str, applicability: Applicability, package: str | None
) -> None:
    (fix,) = run_case(CASES / "graphql-rate-limit" / case, FAMILIES).fixes
    assert fix.patch.applicability is applicability
    if package is None:
        assert "package" not in fix.patch.guidance
    else:
        assert package in fix.patch.guidance


def test_fixture_sign_in_and_anonymous_write_get_proven_graphql_limits() -> None:
    report, inputs = scan_with_inputs(FIXTURE)
    done = remediate(report, inputs, FAMILIES)
    proven = {(f.threat.rule_id, f.threat.evidence[0].location.path) for f in done.fixes}
    assert proven == {("TD-D001", "accounts/index.js"), ("TD-D004", "catalog/schema.py")}


_APOLLO_LIMITED = """\
const { ApolloServer } = require('@apollo/server');
const { getGraphQLRateLimiter } = require('graphql-rate-limit');
const { signIn } = require('./sessions');

const rateLimiter = getGraphQLRateLimiter({ identifyContext: (context) => context.ip });
const typeDefs = `#graphql
  type Mutation { login(email: String!, password: String!): String }
`;
const resolvers = {
  Mutation: {
    login: async (_, args, context, info) => {
      const limited = await rateLimiter(
        { parent: _, args, context, info },
        { max: 5, window: '15m' },
      );
      if (limited) throw new Error(limited);
      return signIn(args.email, args.password);
    },
  },
};
module.exports = new ApolloServer({ typeDefs, resolvers });
"""

_STRAWBERRY_LIMITED = """\
import strawberry
from strawberry.asgi import GraphQL

from notes.permissions import WriteRateLimit
from notes.store import notes


@strawberry.type
class Query:
    @strawberry.field
    def count(self) -> int:
        return notes.count()


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[WriteRateLimit])
    def post(self, text: str) -> bool:
        return notes.add(text)


app = GraphQL(strawberry.Schema(query=Query, mutation=Mutation))
"""


def test_resolvers_that_already_have_a_limit_get_no_threat_to_fix(tmp_path: Path) -> None:
    (tmp_path / "accounts.js").write_text(_APOLLO_LIMITED, encoding="utf-8")
    (tmp_path / "notes.py").write_text(_STRAWBERRY_LIMITED, encoding="utf-8")
    report = scan(tmp_path, fixes=False)
    names = {e.name for e in report.model.endpoints}
    assert {"MUTATION /graphql/login", "MUTATION /graphql/post"} <= names
    rules = {t.rule_id for t in report.threats}
    assert not rules & {"TD-D001", "TD-D004"}
