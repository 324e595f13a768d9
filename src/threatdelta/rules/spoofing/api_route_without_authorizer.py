"""API Gateway route or method that lets anyone call it.

What it flags:
    An API Gateway REST method (`aws_api_gateway_method`, CloudFormation
    `AWS::ApiGateway::Method`) with `authorization = "NONE"` (`AuthorizationType: NONE`),
    and an HTTP/WebSocket API route (`aws_apigatewayv2_route`, `AWS::ApiGatewayV2::Route`)
    whose `authorization_type` is `NONE` or not written (the default is `NONE`). A value
    from a variable default counts, with lower confidence.

Why it matters:
    The gateway is the internet-facing front door: without an authorizer (IAM, Cognito,
    JWT or a Lambda authorizer) it forwards every request to the integration, so the
    backend is reachable by anyone unless its own code authenticates each call.

Evidence used:
    The method or route resource with values substituted by the linker; the first evidence
    is the `authorization` / `authorization_type` argument, or the resource's block when it
    is not written.

Does not fire when:
    The method is `OPTIONS` (CORS preflight) or the route key starts with `OPTIONS `; an
    authorization type other than `NONE`; an expression that cannot be read.

Known false positives:
    Public endpoints by design (a health check, a login or sign-up route, a webhook that
    verifies a signature in code) are reported too: accept them in the register. An API
    key (`api_key_required`) identifies a client but is not authentication.

Remediation:
    Attach an authorizer: `authorization = "AWS_IAM"` / `"COGNITO_USER_POOLS"` /
    `"CUSTOM"` with an `authorizer_id`, or `authorization_type = "JWT"` on the route.

References:
    CWE-306 Missing Authentication for Critical Function; CAPEC-115 Authentication Bypass;
    OWASP API2:2023 Broken Authentication; AWS API Gateway Developer Guide, "Controlling
    and managing access to a REST API".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import label, spelled
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S014",
    name="api-route-without-authorizer",
    title="API Gateway route without an authorizer",
    stride=(Stride.SPOOFING,),
    cwe=(306,),
    capec=(115,),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

# type -> its authorization argument; on HTTP API routes leaving it out means NONE
_AUTH = {
    "aws_api_gateway_method": "authorization",
    "cfn:AWS::ApiGateway::Method": "AuthorizationType",
    "aws_apigatewayv2_route": "authorization_type",
    "cfn:AWS::ApiGatewayV2::Route": "AuthorizationType",
}
_DEFAULTS_TO_NONE = {"aws_apigatewayv2_route", "cfn:AWS::ApiGatewayV2::Route"}
_VERB = {
    "aws_api_gateway_method": "http_method",
    "cfn:AWS::ApiGateway::Method": "HttpMethod",
    "aws_apigatewayv2_route": "route_key",
    "cfn:AWS::ApiGatewayV2::Route": "RouteKey",
}


def _preflight(resource: IacResource) -> bool:
    verb = spelled(resource, _VERB)
    return verb is not None and verb.value.upper().split(" ")[0] == "OPTIONS"


def _open(resource: IacResource) -> tuple[bool, list[IacAttribute]]:
    auth = spelled(resource, _AUTH)
    if auth is None:
        return resource.type in _DEFAULTS_TO_NONE, []
    return auth.value.upper() == "NONE", [auth]


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        if resource.type not in _AUTH or _preflight(resource):
            continue
        is_open, deciding = _open(resource)
        if not is_open:
            continue
        said = "has no authorizer (`NONE`)" if deciding else "sets no authorization type"
        verb = spelled(resource, _VERB)
        route = f" for `{verb.value}`" if verb is not None else ""
        yield iac_match(
            SPEC,
            resource,
            deciding,
            Wording(
                message=f"{label(resource)} {said}{route}: API Gateway forwards every "
                "request to the backend without checking who sends it.",
                attack_vector="Anyone on the internet calls the route directly; only the "
                "backend's own code could tell callers apart.",
                impact="Unauthenticated use of whatever the integration does: reads, writes, "
                "invocations billed to the account.",
                fix="Attach an authorizer (IAM, Cognito, JWT or a Lambda authorizer).",
            ),
        )
