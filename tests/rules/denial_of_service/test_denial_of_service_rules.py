"""Tri-state behaviour of the denial-of-service rules, on hand-built models."""

from __future__ import annotations

import pytest

from threatdelta.findings.threat import Confidence
from threatdelta.model import CodeFact, Endpoint, FactKind, Location, ThreatModel, Tri
from threatdelta.rules.denial_of_service import (
    auth_endpoint_without_rate_limit,
    regex_from_input,
    unpaginated_collection,
    unthrottled_public_write,
)


def _loc(line: int) -> Location:
    return Location(path="app.py", start_line=line, end_line=line)


def _ep(method: str, path: str, **fields: object) -> Endpoint:
    return Endpoint(method=method, path=path, service="api", handler=_loc(10), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("limited", "expected"),
    [(Tri.NO, [Confidence.HIGH]), (Tri.UNKNOWN, [Confidence.MEDIUM]), (Tri.YES, [])],
)
def test_login_rate_limit_fact_decides_firing_and_confidence(
    limited: Tri, expected: list[Confidence]
) -> None:
    ep = _ep("POST", "/api/login", rate_limited=limited)
    matches = list(auth_endpoint_without_rate_limit.check(ThreatModel(endpoints=(ep,))))
    assert [m.confidence for m in matches] == expected


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/auth/logout"),
        ("DELETE", "/sessions/{id}"),
        ("GET", "/login"),
        ("POST", "/orders"),
    ],
)
def test_logout_session_delete_reads_and_other_writes_are_not_auth_guessing_surfaces(
    method: str, path: str
) -> None:
    ep = _ep(method, path, rate_limited=Tri.NO)
    assert not list(auth_endpoint_without_rate_limit.check(ThreatModel(endpoints=(ep,))))


def test_unknown_pagination_is_not_reported_but_absent_pagination_is() -> None:
    unknown = _ep("GET", "/a", returns_collection=Tri.YES)
    absent = _ep("GET", "/b", returns_collection=Tri.YES, paginated=Tri.NO)
    single = _ep("GET", "/c", returns_collection=Tri.NO, paginated=Tri.NO)
    model = ThreatModel(endpoints=(unknown, absent, single))
    assert [m.element for m in unpaginated_collection.check(model)] == [absent.key]


def test_regex_of_unknown_origin_is_not_reported() -> None:
    def fact(name: str, origin: Tri) -> CodeFact:
        return CodeFact(
            kind=FactKind.REGEX_COMPILE, location=_loc(12), name=name, from_input=origin
        )

    ep = _ep("GET", "/search", facts=(fact("re.compile", Tri.YES), fact("re.search", Tri.UNKNOWN)))
    assert [m.qualifier for m in regex_from_input.check(ThreatModel(endpoints=(ep,)))] == [
        "re.compile"
    ]


@pytest.mark.parametrize(
    ("auth", "limited", "fires"),
    [(Tri.NO, Tri.NO, True), (Tri.UNKNOWN, Tri.NO, False), (Tri.NO, Tri.UNKNOWN, False)],
)
def test_public_write_fires_only_when_both_controls_are_seen_absent(
    auth: Tri, limited: Tri, fires: bool
) -> None:
    ep = _ep("POST", "/comments", authentication=auth, rate_limited=limited)
    assert bool(list(unthrottled_public_write.check(ThreatModel(endpoints=(ep,))))) is fires


def test_public_write_leaves_sign_up_to_the_auth_rate_limit_rule() -> None:
    ep = _ep("POST", "/signup", authentication=Tri.NO, rate_limited=Tri.NO)
    assert not list(unthrottled_public_write.check(ThreatModel(endpoints=(ep,))))
