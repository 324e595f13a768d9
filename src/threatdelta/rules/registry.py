"""The explicit rule catalogue. A meta-test fails on any rule module not listed here."""

from __future__ import annotations

from threatdelta.rules.denial_of_service import (
    auth_endpoint_without_rate_limit,
    regex_from_input,
    unpaginated_collection,
    unthrottled_public_write,
)
from threatdelta.rules.elevation_of_privilege import (
    code_eval_of_input,
    command_built_from_input,
    container_may_run_as_root,
    host_namespace_shared,
    mass_assignment,
    missing_object_level_authorization,
    privileged_container,
    rbac_wildcard_permissions,
    ssrf_url_from_input,
)
from threatdelta.rules.information_disclosure import (
    database_publicly_accessible,
    database_storage_unencrypted,
    debug_mode_enabled,
    error_details_returned,
    hardcoded_secret,
    ingress_without_tls,
    load_balancer_plain_http,
    missing_security_headers,
    public_storage_bucket,
    secret_in_query_string,
    secret_literal_in_manifest,
    security_group_open_to_world,
    sensitive_data_over_plain_http,
    sensitive_field_in_response,
    service_exposed_outside_cluster,
    wildcard_cors_with_credentials,
)
from threatdelta.rules.repudiation import (
    audit_trail_disabled,
    authentication_event_not_logged,
    state_change_without_audit_log,
)
from threatdelta.rules.spec import Rule
from threatdelta.rules.spoofing import (
    api_key_in_query,
    basic_auth_scheme,
    function_url_without_auth,
    insecure_session_cookie,
    jwt_none_algorithm,
    jwt_verification_disabled,
    service_account_token_automounted,
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
    service_account_token_automounted,
    function_url_without_auth,
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
    audit_trail_disabled,
    # information disclosure
    error_details_returned,
    debug_mode_enabled,
    hardcoded_secret,
    sensitive_data_over_plain_http,
    wildcard_cors_with_credentials,
    service_exposed_outside_cluster,
    ingress_without_tls,
    secret_literal_in_manifest,
    sensitive_field_in_response,
    secret_in_query_string,
    missing_security_headers,
    public_storage_bucket,
    security_group_open_to_world,
    database_publicly_accessible,
    database_storage_unencrypted,
    load_balancer_plain_http,
    # denial of service
    auth_endpoint_without_rate_limit,
    unpaginated_collection,
    regex_from_input,
    unthrottled_public_write,
    # elevation of privilege
    missing_object_level_authorization,
    ssrf_url_from_input,
    mass_assignment,
    code_eval_of_input,
    command_built_from_input,
    privileged_container,
    container_may_run_as_root,
    host_namespace_shared,
    rbac_wildcard_permissions,
)
