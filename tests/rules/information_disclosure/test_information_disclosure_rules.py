"""Applicability, masking and confidence of the information-disclosure rules, on hand-built
models."""

from __future__ import annotations

from threatdelta.findings.threat import Confidence
from threatdelta.model import (
    CodeFact,
    DataClass,
    Endpoint,
    Evidence,
    FactKind,
    Location,
    Parameter,
    ParamLocation,
    Service,
    ThreatModel,
    Tri,
)
from threatdelta.rules.information_disclosure import (
    debug_mode_enabled,
    error_details_returned,
    hardcoded_secret,
    missing_security_headers,
    secret_in_query_string,
    sensitive_data_over_plain_http,
    sensitive_field_in_response,
)


def _loc(line: int, path: str = "app.py") -> Location:
    return Location(path=path, start_line=line, end_line=line)


def _ep(method: str, path: str, **fields: object) -> Endpoint:
    return Endpoint(method=method, path=path, service="api", handler=_loc(10), **fields)  # type: ignore[arg-type]


def _fact(kind: FactKind, name: str, line: int = 12, path: str = "app.py") -> CodeFact:
    return CodeFact(kind=kind, location=_loc(line, path), name=name)


def test_secret_value_used_as_fact_name_is_masked_in_message_and_fix() -> None:
    value = "AKIAZZ3EXAMPLEVALUE9"
    svc = Service(name="api", facts=(_fact(FactKind.HARDCODED_SECRET, value),))
    [match] = hardcoded_secret.check(ThreatModel(services=(svc,)))
    assert value not in match.message
    assert match.fix is not None and value not in match.fix.summary
    assert "<masked>" in match.message


def test_secret_variable_name_is_shown_and_qualifies_the_match() -> None:
    svc = Service(name="api", facts=(_fact(FactKind.HARDCODED_SECRET, "SECRET_KEY"),))
    [match] = hardcoded_secret.check(ThreatModel(services=(svc,)))
    assert "`SECRET_KEY`" in match.message
    assert match.qualifier == "SECRET_KEY"
    assert match.confidence is Confidence.HIGH


def test_secret_in_a_tests_folder_has_lower_confidence() -> None:
    fact = _fact(FactKind.HARDCODED_SECRET, "API_TOKEN", path="tests/test_client.py")
    svc = Service(name="tests", facts=(fact,))
    [match] = hardcoded_secret.check(ThreatModel(services=(svc,)))
    assert match.confidence is Confidence.MEDIUM


def test_error_text_in_handler_points_at_the_fact_then_the_handler() -> None:
    ep = _ep("GET", "/reports/{id}", facts=(_fact(FactKind.ERROR_TEXT_RETURNED, "str"),))
    [match] = error_details_returned.check(ThreatModel(endpoints=(ep,)))
    assert match.evidence[0].location.start_line == 12
    assert match.element == "endpoint:GET /reports/{id}"


def test_debug_flag_on_an_endpoint_is_not_a_service_setting() -> None:
    ep = _ep("GET", "/x", facts=(_fact(FactKind.DEBUG_ENABLED, "app.debug"),))
    svc = Service(name="api", facts=(_fact(FactKind.DEBUG_ENABLED, "app.run", line=30),))
    matches = list(debug_mode_enabled.check(ThreatModel(services=(svc,), endpoints=(ep,))))
    assert [m.qualifier for m in matches] == ["app.run"]


def test_endpoint_https_overrides_a_plain_http_service() -> None:
    svc = Service(name="api", plain_http=Tri.YES)
    https = _ep("POST", "/login", plain_http=Tri.NO, request_data=(DataClass.CREDENTIALS,))
    unknown = _ep("POST", "/signup", request_data=(DataClass.CREDENTIALS,))
    model = ThreatModel(services=(svc,), endpoints=(https, unknown))
    keys = [m.element for m in sensitive_data_over_plain_http.check(model)]
    assert keys == ["endpoint:POST /signup"]


def test_plain_http_endpoint_without_sensitive_data_or_auth_is_not_flagged() -> None:
    ep = _ep("GET", "/status", plain_http=Tri.YES)
    assert not list(sensitive_data_over_plain_http.check(ThreatModel(endpoints=(ep,))))


def test_plain_http_endpoint_with_bearer_scheme_names_the_credentials() -> None:
    ep = _ep("GET", "/profile", plain_http=Tri.YES, auth_schemes=("bearer",))
    [match] = sensitive_data_over_plain_http.check(ThreatModel(endpoints=(ep,)))
    assert "bearer credentials" in match.message


def test_password_hash_in_read_response_is_exposed() -> None:
    ep = _ep("GET", "/users/{id}", response_fields=("id", "email", "password_hash"))
    [match] = sensitive_field_in_response.check(ThreatModel(endpoints=(ep,)))
    assert "`password_hash` (credentials)" in match.message
    assert "email" not in match.message


def test_tokens_issued_by_login_and_keys_shown_on_creation_are_not_flagged() -> None:
    login = _ep("POST", "/auth/login", response_fields=("access_token", "refresh_token"))
    create = _ep("POST", "/api-keys", response_fields=("id", "api_key"))
    read = _ep("GET", "/api-keys/{id}", response_fields=("id", "api_key"))
    model = ThreatModel(endpoints=(login, create, read))
    assert [m.element for m in sensitive_field_in_response.check(model)] == [read.key]


def test_fields_describing_a_credential_are_not_flagged() -> None:
    fields = ("password_changed_at", "hasPassword", "token_type", "api_key_id", "apiKeyPrefix")
    ep = _ep("GET", "/me", response_fields=fields)
    assert not list(sensitive_field_in_response.check(ThreatModel(endpoints=(ep,))))


def test_one_match_per_secret_query_parameter_and_none_for_headers_or_cursors() -> None:
    params = (
        Parameter(name="access_token", location=ParamLocation.QUERY),
        Parameter(name="password", location=ParamLocation.QUERY),
        Parameter(name="page_token", location=ParamLocation.QUERY),
        Parameter(name="X-Api-Key", location=ParamLocation.HEADER),
    )
    ep = _ep("GET", "/export", parameters=params)
    matches = list(secret_in_query_string.check(ThreatModel(endpoints=(ep,))))
    assert sorted(m.qualifier for m in matches) == ["access_token", "password"]


def test_link_token_on_verification_endpoint_has_lower_confidence() -> None:
    ep = _ep("GET", "/verify", parameters=(Parameter(name="token", location=ParamLocation.QUERY),))
    [match] = secret_in_query_string.check(ThreatModel(endpoints=(ep,)))
    assert match.confidence is Confidence.LOW


def test_headers_rule_fires_only_on_a_service_seen_without_them_that_serves_endpoints() -> None:
    created = Evidence(location=_loc(4, "server.js"))
    bare = Service(name="api", framework="express", evidence=(created,), security_headers=Tri.NO)
    unknown = Service(name="web", framework="flask", evidence=(created,))
    idle = Service(name="idle", framework="express", evidence=(created,), security_headers=Tri.NO)
    served = (_ep("GET", "/a"), _ep("GET", "/b").model_copy(update={"service": "web"}))
    model = ThreatModel(services=(bare, unknown, idle), endpoints=served)
    [match] = missing_security_headers.check(model)
    assert match.element == "service:api"
    assert match.evidence[0].location.start_line == 4


def test_password_in_the_query_of_a_login_endpoint_keeps_its_confidence() -> None:
    param = Parameter(name="password", location=ParamLocation.QUERY)
    ep = _ep("POST", "/auth/token", parameters=(param,))
    [match] = secret_in_query_string.check(ThreatModel(endpoints=(ep,)))
    assert match.confidence is Confidence.MEDIUM
