"""Object loaded by a client-supplied id without an ownership check (IDOR / BOLA).

What it flags:
    An authenticated endpoint that loads a record by an id from the request
    (`Order.query.get_or_404(order_id)`, `findByPk(req.params.id)`) without comparing its
    owner with the caller, filtering the query by the caller, or a permission guard.

Why it matters:
    Authentication says who the caller is, not which records they may touch. Any signed-in
    user changes the id in the URL (ids are often sequential) and reads, changes or deletes
    other users' orders, invoices or documents. Broken object-level authorisation is the
    most common serious API flaw (OWASP API1).

Evidence used:
    `object-lookup-by-id` facts in the handler, the endpoint's `object_authorization` fact
    (yes when an `ownership-check` fact or a permission decorator/guard is present, no when
    a lookup by a client-supplied id has none) and its `authentication` fact.

Does not fire when:
    An ownership comparison, an owner-scoped query or a permission decorator/guard is
    present; the id is a literal or constant; the endpoint is seen to require no
    authentication at all (the records are then public by design, or the missing
    authentication is the threat: TD-S001, TD-S002).

Known false positives:
    Ownership enforced in a helper the handler calls, in a service layer, by database
    row-level security or by a multi-tenant query scope is not visible; records that every
    signed-in user may read by design (a shared catalogue) are reported. An authorisation
    or authentication fact that could not be confirmed, a staff or admin guard, or an
    admin path (where reaching any record may be the job) lowers the confidence.

Remediation:
    Scope the lookup to the caller (`Order.query.filter_by(id=order_id,
    owner_id=current_user.id).first_or_404()`, `where: {id, userId: req.user.id}`) or
    check the loaded object's owner against the principal and answer 404 otherwise; prefer
    a shared helper or policy so every handler does the same.

References:
    CWE-639 Authorization Bypass Through User-Controlled Key; CWE-862 Missing
    Authorization; OWASP API1:2023 Broken Object Level Authorization.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import (
    confidence_for,
    endpoint_evidence,
    facts,
    is_administrative_path,
)
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E001",
    name="missing-object-level-authorization",
    title="Object accessed by client-supplied id without an ownership check",
    stride=(Stride.ELEVATION_OF_PRIVILEGE, Stride.INFORMATION_DISCLOSURE),
    cwe=(639, 862),
    owasp=("API1:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)


_STAFF_GUARD = re.compile(r"admin|staff|support|agent|operator|superuser", re.IGNORECASE)


def lookups_by_client_id(ep: Endpoint) -> list[CodeFact]:
    return [f for f in facts(ep, FactKind.OBJECT_LOOKUP_BY_ID) if f.from_input is not Tri.NO]


def _staff_only(ep: Endpoint) -> bool:
    """Behind a staff or admin guard, or in an admin area: reaching any record may be the
    job."""
    return is_administrative_path(ep) or any(_STAFF_GUARD.search(s) for s in ep.auth_schemes)


def _confidence(ep: Endpoint) -> Confidence:
    confidence = confidence_for(ep.object_authorization, SPEC.confidence)
    if ep.authentication is Tri.UNKNOWN or _staff_only(ep):
        confidence = confidence.lowered()
    return confidence


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        lookups = lookups_by_client_id(ep)
        if not lookups or ep.object_authorization is Tri.YES or ep.authentication is Tri.NO:
            continue
        lookup = lookups[0]
        seen = (
            "no ownership check was found"
            if ep.object_authorization is Tri.NO
            else "an ownership check could not be confirmed"
        )
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep, lookup),
            message=f"{ep.method} {ep.path} loads a record by a client-supplied id "
            f"(`{lookup.name}` at {lookup.location}) and {seen}.",
            attack_vector="A signed-in user replaces the id in the request with another "
            "user's (ids are often sequential or leaked) and sends it.",
            impact="Reading, changing or deleting other users' records (horizontal "
            "privilege escalation).",
            confidence=_confidence(ep),
            fix=Fix(
                summary="Scope the lookup to the caller (filter by owner = current user) or "
                "compare the object's owner with the principal and answer 404."
            ),
        )
