"""The explicit list of fix families (no import-time registration)."""

from __future__ import annotations

from threatdelta.remediation.base import FixFamily
from threatdelta.remediation.families.audit_drf_token import DrfTokenViewAudit
from threatdelta.remediation.families.audit_logging import AuditLogging
from threatdelta.remediation.families.auth_guard import AuthGuard
from threatdelta.remediation.families.cloudformation_network import (
    CloudFormationSourceRangeFamily,
)
from threatdelta.remediation.families.cors_origins import CorsOrigins
from threatdelta.remediation.families.debug_off import DebugOff
from threatdelta.remediation.families.dockerfile_user import DockerfileUserFamily
from threatdelta.remediation.families.error_details import ErrorDetails
from threatdelta.remediation.families.graphql_auth import GraphqlAuth
from threatdelta.remediation.families.graphql_rate_limit import GraphqlRateLimit
from threatdelta.remediation.families.iac_attribute import IacAttributeFamily
from threatdelta.remediation.families.jwt_verification import JwtVerification
from threatdelta.remediation.families.kubernetes_container import KubernetesContainerFamily
from threatdelta.remediation.families.nosql_operator_cast import NosqlOperatorCast
from threatdelta.remediation.families.object_ownership import ObjectOwnership
from threatdelta.remediation.families.path_confinement import PathConfinement
from threatdelta.remediation.families.rate_limiting import RateLimiting
from threatdelta.remediation.families.redirect_allow_list import RedirectAllowList
from threatdelta.remediation.families.safe_deserialization import SafeDeserialization
from threatdelta.remediation.families.secure_cookies import SecureCookies
from threatdelta.remediation.families.sql_order_by import SqlOrderByAllowList
from threatdelta.remediation.families.sql_parameters import SqlParameters
from threatdelta.remediation.families.storage_public_access import StoragePublicAccessFamily
from threatdelta.remediation.families.terraform_network import TerraformSourceRangeFamily


def default_families() -> tuple[FixFamily, ...]:
    """A fresh tuple of the fix families that ship with threatdelta."""
    return (
        SecureCookies(),
        CorsOrigins(),
        ErrorDetails(),
        DebugOff(),
        SqlParameters(),
        SqlOrderByAllowList(),
        AuthGuard(),
        ObjectOwnership(),
        JwtVerification(),
        AuditLogging(),
        DrfTokenViewAudit(),
        RateLimiting(),
        GraphqlRateLimit(),
        IacAttributeFamily(),
        TerraformSourceRangeFamily(),
        CloudFormationSourceRangeFamily(),
        KubernetesContainerFamily(),
        StoragePublicAccessFamily(),
        DockerfileUserFamily(),
        PathConfinement(),
        SafeDeserialization(),
        NosqlOperatorCast(),
        GraphqlAuth(),
        RedirectAllowList(),
    )
