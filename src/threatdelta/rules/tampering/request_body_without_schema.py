"""State-changing request body accepted without a schema.

What it flags:
    A POST, PUT or PATCH operation whose request body is declared without a schema (an
    OpenAPI `requestBody` whose media type has no `schema`, or an empty or free-form one),
    so nothing states which fields, types and sizes the service accepts.

Why it matters:
    Without a declared shape, neither the framework, the gateway nor a reviewer can reject
    unexpected input. Attackers add fields the handler copies into the model (`is_admin`,
    `owner_id`, `price`), send wrong types that slip past checks (`{"$gt": ""}` instead of a
    string), or oversized documents; every handler has to validate by hand and one forgets.

Evidence used:
    The endpoint's method and `request_schema` fact, set from the OpenAPI operation's
    request body (and from code where a framework model such as a pydantic parameter is or
    is not used).

Does not fire when:
    The body has a schema; the operation is a GET, HEAD, OPTIONS or DELETE; whether a schema
    exists is unknown (an endpoint seen only in code with no body model information).

Known false positives:
    Handlers that validate the raw body themselves (marshmallow, joi, zod, manual checks)
    while the specification leaves it free-form; file uploads described only by a media
    type.

Remediation:
    Declare the body's schema in the specification (`type: object`, `properties`,
    `required`, `additionalProperties: false`, string and size limits) and validate requests
    against it: a pydantic model parameter, a request validator middleware, or connexion's
    built-in validation.

References:
    CWE-20 Improper Input Validation; CAPEC-153 Input Data Manipulation; OWASP API3:2023
    Broken Object Property Level Authorization.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T004",
    name="request-body-without-schema",
    title="State-changing request body accepted without a schema",
    stride=(Stride.TAMPERING,),
    cwe=(20,),
    capec=(153,),
    owasp=("API3:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if ep.method not in _BODY_METHODS or ep.request_schema is not Tri.NO:
            continue
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} {ep.path} accepts a request body with no declared schema, "
            "so unexpected fields, types and sizes reach the handler unchecked.",
            attack_vector="The client adds fields the handler did not expect (role, owner, "
            "price), wrong types or oversized values to a request.",
            impact="Unintended changes to stored data, and input-handling bugs that schema "
            "validation would have rejected.",
            fix=Fix(
                summary=f"Declare a request-body schema for {ep.method} {ep.path} with "
                "additionalProperties: false, and validate requests against it."
            ),
        )
