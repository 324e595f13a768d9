"""Ant-style path matching of service-wide access rules (Spring Security matchers)."""

from __future__ import annotations

import pytest

from threatdelta.model.access_rules import AccessRule
from threatdelta.model.base import Location, Tri
from threatdelta.model.link_spring import matches

WHERE = Location(path="src/main/java/SecurityConfig.java", start_line=1, end_line=1)


def _rule(*patterns: str, methods: tuple[str, ...] = ()) -> AccessRule:
    return AccessRule(
        service="root",
        order=0,
        patterns=patterns,
        methods=methods,
        authentication=Tri.NO,
        access="permitAll",
        location=WHERE,
    )


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("/api/public/**", "/api/public", True),
        ("/api/public/**", "/api/public/rates/{id}", True),
        ("/api/public/**", "/api/publicity", False),
        ("/api/*/rates", "/api/eu/rates", True),
        ("/api/*/rates", "/api/eu/x/rates", False),
        ("/accounts/*", "/accounts/{id}", True),
        ("/accounts/42", "/accounts/{id}", False),
        ("/accounts/{id}", "/accounts/{accountId}", True),
        ("/files/*.pdf", "/files/report.pdf", True),
        ("/files/?.txt", "/files/a.txt", True),
        ("/**", "/anything/at/all", True),
        ("/health", "/health", True),
    ],
)
def test_ant_patterns_match_endpoint_paths(pattern: str, path: str, expected: bool) -> None:
    assert matches(_rule(pattern), "GET", path) is expected


def test_a_rule_restricted_to_a_method_matches_only_that_method() -> None:
    rule = _rule("/api/**", methods=("POST",))
    assert matches(rule, "POST", "/api/x")
    assert not matches(rule, "GET", "/api/x")


def test_any_request_rule_matches_every_path() -> None:
    assert matches(_rule(), "DELETE", "/whatever/{id}")
