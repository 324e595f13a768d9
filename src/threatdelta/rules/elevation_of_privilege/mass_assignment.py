"""Request body copied into a model wholesale (mass assignment).

What it flags:
    A handler that assigns every field of the request body to a persistent object:
    `User(**request.json)`, a `setattr` loop over request data, `obj.update(**data)` in
    Python; `Model.create(req.body)`, `new Model(req.body)`, `Object.assign(model,
    req.body)`, `.update(req.body)` or `{...req.body}` into a model in JavaScript.

Why it matters:
    The client, not the server, decides which columns are written. Adding `"role":
    "admin"`, `"is_verified": true`, `"owner_id": 7` or `"balance": 1e6` to an otherwise
    ordinary request grants privileges, takes over other users' records or changes values
    the user must never set, and nothing in the handler looks wrong.

Evidence used:
    `mass-assignment` facts in handlers; the endpoint's `request_schema`, `request_fields`
    and `sources`: a FastAPI body model (pydantic drops undeclared fields) whose fields
    include nothing privileged lowers the confidence. An OpenAPI schema alone does not:
    Flask and Express do not enforce it.

Does not fire when:
    Fields are copied one by one or through an explicit allow-list (`pick`, a dedicated
    input model passed field by field, marshmallow `load` with `only=`); the copied value
    is a literal rather than request data.

Known false positives:
    A validated input model that only declares safe fields and is then expanded with
    `**body.model_dump()` is still reported (with lower confidence when the model is known
    and declares nothing privileged-looking); models that have no sensitive attribute at
    all.

Remediation:
    Copy an explicit allow-list of client-editable fields (a dedicated input schema,
    `pick(req.body, [...])`, `Model(name=data["name"], ...)`), and set ownership, roles and
    status server-side.

References:
    CWE-915 Improperly Controlled Modification of Dynamically-Determined Object Attributes;
    OWASP API3:2023 Broken Object Property Level Authorization.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence, facts, may_come_from_input
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E003",
    name="mass-assignment",
    title="Request body assigned to a model wholesale",
    stride=(Stride.ELEVATION_OF_PRIVILEGE, Stride.TAMPERING),
    cwe=(915,),
    owasp=("API3:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_PRIVILEGED = frozenset(
    {
        "role", "roles", "admin", "staff", "superuser", "permission", "permissions",
        "privilege", "privileges", "scope", "scopes", "owner", "tenant", "verified",
        "approved", "active", "status", "balance", "credits", "price", "plan", "tier",
        "group", "groups",
    }
)  # fmt: skip


def _looks_privileged(field: str) -> bool:
    """`role`, `isAdmin`, `owner_id`, `user_id`: a field only the server should set."""
    words = re.split(r"[^a-z0-9]+", re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", field).lower())
    return bool(_PRIVILEGED.intersection(words)) or words[-2:] == ["user", "id"]


def _schema_limits_fields(ep: Endpoint) -> bool:
    """A FastAPI body model with no privileged-looking field: pydantic keeps only declared
    fields, so the model is an allow-list."""
    enforced = "fastapi" in ep.sources and ep.request_schema is Tri.YES
    return enforced and not any(map(_looks_privileged, ep.request_fields))


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        for fact in facts(ep, FactKind.MASS_ASSIGNMENT):
            if not may_come_from_input(fact):
                continue
            limited = _schema_limits_fields(ep)
            yield Match(
                element=ep.key,
                evidence=endpoint_evidence(ep, fact),
                qualifier=fact.name,
                message=f"{ep.method} {ep.path} copies the request body into a model "
                f"wholesale with `{fact.name}` at {fact.location}"
                + ("; its body model declares no privileged field." if limited else "."),
                attack_vector="A client adds fields such as `role`, `is_admin`, `owner_id` "
                "or `balance` to an ordinary request body.",
                impact="Privilege escalation, takeover of other users' records, or changes "
                "to values only the server may set.",
                confidence=SPEC.confidence.lowered() if limited else None,
                fix=Fix(
                    summary="Copy only an explicit allow-list of client-editable fields "
                    "from the request into the model."
                ),
            )
