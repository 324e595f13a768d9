"""Tri-state and applicability behaviour of the spoofing rules, on hand-built models."""

from __future__ import annotations

import pytest

from threatdelta.findings.threat import Confidence
from threatdelta.model import (
    CodeFact,
    DataClass,
    Endpoint,
    FactKind,
    Location,
    Service,
    ThreatModel,
    Tri,
)
from threatdelta.rules.spoofing import (
    api_key_in_query,
    basic_auth_scheme,
    insecure_session_cookie,
    jwt_none_algorithm,
    jwt_verification_disabled,
    unauthenticated_sensitive_read,
    weak_password_hash,
)


def _loc(line: int, path: str = "app.py") -> Location:
    return Location(path=path, start_line=line, end_line=line)


def _ep(method: str, path: str, **fields: object) -> Endpoint:
    return Endpoint(method=method, path=path, service="api", handler=_loc(10), **fields)  # type: ignore[arg-type]


def _fact(kind: FactKind, name: str, from_input: Tri = Tri.UNKNOWN, line: int = 12) -> CodeFact:
    return CodeFact(kind=kind, location=_loc(line), name=name, from_input=from_input)


def test_sensitive_read_with_unknown_authentication_is_medium_confidence() -> None:
    ep = _ep("GET", "/users/{id}", authentication=Tri.UNKNOWN, response_data=(DataClass.PII,))
    [match] = unauthenticated_sensitive_read.check(ThreatModel(endpoints=(ep,)))
    assert match.confidence is Confidence.MEDIUM
    assert "returns pii data" in match.message


def test_admin_path_without_sensitive_fields_is_flagged_with_lower_confidence() -> None:
    ep = _ep("GET", "/admin/stats", authentication=Tri.NO)
    [match] = unauthenticated_sensitive_read.check(ThreatModel(endpoints=(ep,)))
    assert match.confidence is Confidence.MEDIUM
    assert "administrative" in match.message


@pytest.mark.parametrize(
    "ep",
    [
        _ep("GET", "/users/{id}", authentication=Tri.YES, response_data=(DataClass.PII,)),
        _ep("POST", "/admin/users", authentication=Tri.NO, response_data=(DataClass.PII,)),
        _ep("GET", "/admin/healthz", authentication=Tri.NO),
        _ep("GET", "/administrators-guide", authentication=Tri.NO),
    ],
    ids=["authenticated", "state-changing", "probe", "admin-word-inside-segment"],
)
def test_sensitive_read_does_not_fire(ep: Endpoint) -> None:
    assert list(unauthenticated_sensitive_read.check(ThreatModel(endpoints=(ep,)))) == []


def test_unverified_jwt_from_a_literal_is_not_flagged() -> None:
    fact = _fact(FactKind.JWT_UNVERIFIED, "jwt.decode", Tri.NO)
    model = ThreatModel(endpoints=(_ep("GET", "/orders", facts=(fact,)),))
    assert list(jwt_verification_disabled.check(model)) == []


def test_unverified_jwt_in_a_helper_points_at_the_call_with_medium_confidence() -> None:
    fact = CodeFact(kind=FactKind.JWT_UNVERIFIED, location=_loc(7, "auth.py"), name="jwt.decode")
    model = ThreatModel(services=(Service(name="api", framework="flask", facts=(fact,)),))
    [match] = jwt_verification_disabled.check(model)
    assert match.element == "service:api"
    assert match.evidence[0].location == fact.location
    assert match.confidence is Confidence.MEDIUM
    assert match.qualifier == "jwt.decode"


def test_unverified_jwt_from_the_request_is_high_confidence() -> None:
    fact = _fact(FactKind.JWT_UNVERIFIED, "jwt.decode", Tri.YES)
    model = ThreatModel(endpoints=(_ep("GET", "/orders", facts=(fact,)),))
    [match] = jwt_verification_disabled.check(model)
    assert match.confidence is Confidence.HIGH
    assert match.evidence[0].location.start_line == 12


def test_none_algorithm_is_flagged_wherever_it_is_configured() -> None:
    fact = _fact(FactKind.JWT_NONE_ALGORITHM, "jwt.verify")
    model = ThreatModel(services=(Service(name="api", facts=(fact,)),))
    [match] = jwt_none_algorithm.check(model)
    assert "'none'" in match.message


def test_two_weak_hash_calls_on_one_endpoint_are_two_threats() -> None:
    facts = (
        _fact(FactKind.WEAK_PASSWORD_HASH, "hashlib.md5", line=12),
        _fact(FactKind.WEAK_PASSWORD_HASH, "hashlib.sha1", line=14),
    )
    model = ThreatModel(endpoints=(_ep("POST", "/signup", facts=facts),))
    assert {m.qualifier for m in weak_password_hash.check(model)} == {
        "hashlib.md5",
        "hashlib.sha1",
    }


@pytest.mark.parametrize(
    ("name", "session_like"),
    [
        ("session", True),
        ("connect.sid", True),
        ("sessionId", True),
        ("remember_token", True),
        ("SESSION_COOKIE_SECURE", True),
        ("express-session", True),
        ("theme", False),
        ("locale", False),
        ("csrf_token", False),
        ("XSRF-TOKEN", False),
    ],
)
def test_session_cookie_recognition(name: str, session_like: bool) -> None:
    assert insecure_session_cookie.is_session_cookie(name) is session_like


def test_basic_auth_over_plain_http_service_is_high_confidence() -> None:
    ep = _ep("GET", "/reports", auth_schemes=("basic",))
    over_tls = ThreatModel(endpoints=(ep,), services=(Service(name="api", plain_http=Tri.NO),))
    cleartext = ThreatModel(endpoints=(ep,), services=(Service(name="api", plain_http=Tri.YES),))
    [tls_match] = basic_auth_scheme.check(over_tls)
    [http_match] = basic_auth_scheme.check(cleartext)
    assert tls_match.confidence is Confidence.MEDIUM
    assert http_match.confidence is Confidence.HIGH
    assert "plain HTTP" in http_match.message


@pytest.mark.parametrize(
    ("schemes", "flagged"),
    [(("apiKey:query",), True), (("apiKey:header",), False), (("apiKey", "bearer"), False)],
)
def test_api_key_in_query_only_for_query_keys(schemes: tuple[str, ...], flagged: bool) -> None:
    model = ThreatModel(endpoints=(_ep("GET", "/forecasts", auth_schemes=schemes),))
    assert bool(list(api_key_in_query.check(model))) is flagged
