"""Tri-state and applicability behaviour of the repudiation rules, on hand-built models."""

from __future__ import annotations

import pytest

from threatdelta.findings.threat import Confidence
from threatdelta.model import Endpoint, Location, ThreatModel, Tri
from threatdelta.rules.repudiation import (
    authentication_event_not_logged,
    state_change_without_audit_log,
)

_HANDLER = Location(path="app.py", start_line=10, end_line=20)


def _ep(method: str, path: str, audit: Tri, *, handler: Location | None = _HANDLER) -> Endpoint:
    return Endpoint(method=method, path=path, service="api", handler=handler, audit_logged=audit)


@pytest.mark.parametrize(
    ("audit", "expected"),
    [(Tri.NO, [Confidence.MEDIUM]), (Tri.UNKNOWN, [Confidence.LOW]), (Tri.YES, [])],
)
def test_audit_log_confidence_follows_the_fact(audit: Tri, expected: list[Confidence]) -> None:
    model = ThreatModel(endpoints=(_ep("DELETE", "/records/{id}", audit),))
    assert [m.confidence for m in state_change_without_audit_log.check(model)] == expected


@pytest.mark.parametrize(
    "ep",
    [
        _ep("GET", "/records", Tri.NO),
        _ep("POST", "/login", Tri.NO),
        _ep("POST", "/records", Tri.UNKNOWN, handler=None),
    ],
    ids=["read-only", "authentication-endpoint", "spec-only"],
)
def test_audit_log_rule_does_not_fire(ep: Endpoint) -> None:
    assert list(state_change_without_audit_log.check(ThreatModel(endpoints=(ep,)))) == []


@pytest.mark.parametrize(
    ("ep", "expected"),
    [
        (_ep("POST", "/api/auth/token", Tri.NO), [Confidence.MEDIUM]),
        (_ep("POST", "/sign-in", Tri.UNKNOWN), [Confidence.LOW]),
        (_ep("POST", "/login", Tri.YES), []),
        (_ep("GET", "/login", Tri.NO), []),
        (_ep("POST", "/orders", Tri.NO), []),
        (_ep("POST", "/login", Tri.NO, handler=None), []),
    ],
    ids=["token-no-log", "unknown", "logged", "login-page", "not-auth", "spec-only"],
)
def test_authentication_events(ep: Endpoint, expected: list[Confidence]) -> None:
    model = ThreatModel(endpoints=(ep,))
    assert [m.confidence for m in authentication_event_not_logged.check(model)] == expected
