"""GraphQL list field without pagination arguments.

What it flags:
    A query or subscription field that returns a list (`[User!]!`, `graphene.List(User)`,
    `list[User]`) and takes no pagination argument (`first`, `last`, `limit`, `offset`,
    `page`, `after`, `cursor`, ...) and is not a connection.

Why it matters:
    The resolver loads and serialises every matching record in one response. Inside a
    nested query the same list is resolved once per parent object, so one request can
    multiply the load; as the data grows, a single query becomes enough to exhaust memory
    or the database.

Evidence used:
    The endpoint's `returns_collection` and `paginated` facts, from the field's declared type
    and arguments (Graphene field calls, Strawberry annotations and resolver arguments, SDL
    type definitions for Ariadne and Apollo).

Does not fire when:
    The field takes a pagination argument, is a Relay connection, is a mutation, or its type
    is not known (a schema loaded from a file is not read).

Known false positives:
    Lists that are short by construction (enum-like reference data, a user's few roles)
    still match; a resolver that caps the list internally without an argument.

Remediation:
    Add `first`/`after` (or `limit`/`offset`) arguments with a server-side maximum, or make
    the field a connection.

References:
    CWE-770 Allocation of Resources Without Limits or Throttling; CWE-400 Uncontrolled
    Resource Consumption; CAPEC-130 Excessive Allocation; OWASP API4:2023 Unrestricted
    Resource Consumption.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D008",
    name="graphql-list-without-pagination",
    title="GraphQL list field without pagination arguments",
    stride=(Stride.DENIAL_OF_SERVICE,),
    cwe=(770, 400),
    capec=(130,),
    owasp=("API4:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:L",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def unbounded_list(ep: Endpoint) -> bool:
    return (
        ep.method in ("QUERY", "SUBSCRIPTION")
        and ep.returns_collection is Tri.YES
        and ep.paginated is Tri.NO
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not unbounded_list(ep):
            continue
        field = ep.path.rsplit("/", 1)[-1]
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} field `{field}` ({ep.path}) returns a list with no "
            "first/limit/page/cursor argument: every matching record is resolved at once.",
            attack_vector="A client queries the list, possibly nested under another list, "
            "once the data has grown.",
            impact="Memory, CPU and database load that grows with the data and with nesting, "
            "up to the service becoming unavailable; bulk harvesting of the records.",
            fix=Fix(
                summary=f"Give `{field}` first/after (or limit/offset) arguments with a "
                "server-side maximum, or make it a connection."
            ),
        )
