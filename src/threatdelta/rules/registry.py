"""The explicit rule catalogue. A meta-test fails on any rule module not listed here."""

from __future__ import annotations

from threatdelta.rules.repudiation import (
    authentication_event_not_logged,
    state_change_without_audit_log,
)
from threatdelta.rules.spec import Rule
from threatdelta.rules.spoofing import (
    api_key_in_query,
    basic_auth_scheme,
    insecure_session_cookie,
    jwt_none_algorithm,
    jwt_verification_disabled,
    unauthenticated_sensitive_read,
    unauthenticated_state_change,
    weak_password_hash,
)
from threatdelta.rules.tampering import (
    nosql_query_from_input,
    open_redirect_from_input,
    path_from_input,
    request_body_without_schema,
    sql_built_from_input,
    unsafe_deserialization,
)

RULES: tuple[Rule, ...] = (
    # spoofing
    unauthenticated_state_change,
    unauthenticated_sensitive_read,
    jwt_verification_disabled,
    jwt_none_algorithm,
    weak_password_hash,
    insecure_session_cookie,
    basic_auth_scheme,
    api_key_in_query,
    # tampering
    sql_built_from_input,
    path_from_input,
    unsafe_deserialization,
    request_body_without_schema,
    open_redirect_from_input,
    nosql_query_from_input,
    # repudiation
    state_change_without_audit_log,
    authentication_event_not_logged,
    # information disclosure
    # denial of service
    # elevation of privilege
)
