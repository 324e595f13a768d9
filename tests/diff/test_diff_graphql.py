"""GraphQL pull requests through `threatdelta diff`: opening introspection and dropping the
depth limit introduce service threats; adding a caller check to a resolver resolves the
unauthenticated sensitive query."""

from __future__ import annotations

from pathlib import Path

from scenarios import graphql_library
from scenarios.builder import PullRequest, build_pull_request, run_diff, threat_pairs

from threatdelta.cli.main import EXIT_OK

SERVICE = "service:library"
MEMBER = "endpoint:QUERY /graphql/member"


def test_introspection_on_and_depth_limit_dropped_introduce_service_threats(
    tmp_path: Path,
) -> None:
    pr = PullRequest(write={"library/server.js": graphql_library.SERVER_OPENED})
    run = run_diff(build_pull_request(tmp_path, graphql_library.FILES, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    assert run.doc["relevant"] is True
    introduced = threat_pairs(run.doc["introduced"])
    assert introduced == {("TD-I021", SERVICE), ("TD-D006", SERVICE)}
    assert run.doc["resolved"] == []


def test_caller_check_added_to_a_resolver_resolves_the_sensitive_query(tmp_path: Path) -> None:
    pr = PullRequest(write={"library/resolvers.js": graphql_library.RESOLVERS_CHECKED})
    run = run_diff(build_pull_request(tmp_path, graphql_library.FILES, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    assert ("TD-S017", MEMBER) in threat_pairs(run.doc["resolved"])
    assert not any(rule == "TD-S017" for rule, _ in threat_pairs(run.doc["introduced"]))
