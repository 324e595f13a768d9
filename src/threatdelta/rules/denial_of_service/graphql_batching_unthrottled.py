"""GraphQL batching accepted without a cap.

What it flags:
    A GraphQL server that executes any number of operations sent in one HTTP request:
    Apollo Server 4 with `allowBatchedHttpRequests: true`, Apollo Server 2/3 (the
    `apollo-server*` packages) where batching is on unless switched off, a Graphene view
    with `batch=True`.

Why it matters:
    Rate limits, login throttles and WAF rules count HTTP requests. With batching, one
    request carries hundreds of operations: an attacker guesses hundreds of passwords or
    one-time codes, or multiplies expensive queries, while the request counter moves by
    one. It is the usual way around GraphQL rate limiting.

Evidence used:
    `graphql-batching` facts on the service, recorded at the server or view that enables
    batching (explicitly, or by the package's default).

Does not fire when:
    Batching is off (Apollo Server 4's default, `allowBatchedHttpRequests: false`, a
    Graphene view without `batch=True`), or capped by the server (Strawberry's batching
    configuration with `max_operations`).

Known false positives:
    A gateway that splits batches and rate-limits each operation is not visible; a proxy
    that rejects JSON arrays in the body.

Remediation:
    Switch batching off unless a client needs it; where it is needed, cap the number of
    operations per request and count every operation against the rate limits, in
    particular for login, OTP and password-reset mutations.

References:
    CWE-770 Allocation of Resources Without Limits or Throttling; CWE-307 Improper
    Restriction of Excessive Authentication Attempts; CAPEC-130 Excessive Allocation;
    CAPEC-112 Brute Force; OWASP API4:2023 Unrestricted Resource Consumption.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, fact_evidence, facts
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D007",
    name="graphql-batching-unthrottled",
    title="GraphQL batching accepted without a cap",
    stride=(Stride.DENIAL_OF_SERVICE, Stride.SPOOFING),
    cwe=(770, 307),
    capec=(130, 112),
    owasp=("API4:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:L",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.SERVICE,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for service in model.services:
        for fact in facts(service, FactKind.GRAPHQL_BATCHING):
            yield Match(
                element=service.key,
                evidence=fact_evidence(fact),
                qualifier=fact.name,
                message=f"{describe(service)} accepts batched GraphQL operations through "
                f"`{fact.name}` at {fact.location} ({fact.detail}): one HTTP request can "
                "carry any number of operations.",
                attack_vector="A client sends one request holding hundreds of operations "
                "(login attempts, OTP guesses, expensive queries).",
                impact="Rate limits and login throttles that count requests are bypassed; "
                "brute force and resource exhaustion at the cost of one request.",
                fix=Fix(
                    summary="Switch batching off, or cap operations per request and rate-"
                    "limit each operation."
                ),
            )
