"""GraphQL server without a query depth or cost limit.

What it flags:
    A GraphQL server (Apollo Server, a Graphene view, a Strawberry schema, an Ariadne app)
    whose service applies neither a depth limit (`graphql-depth-limit`,
    `depth_limit_validator`, Strawberry's `QueryDepthLimiter`) nor a cost or size limit
    (complexity / cost analysis rules, `MaxTokensLimiter`, `cost_validator`).

Why it matters:
    A GraphQL query can nest relationships as deep as the schema allows
    (`user { friends { friends { friends ... } } }`): one small request then makes the
    server resolve an exponential number of objects. An anonymous client can exhaust the
    CPU, memory and database of the service with a handful of such queries.

Evidence used:
    `graphql-server` facts on the service (where the server or schema is created) and the
    absence of `graphql-depth-limit` and `graphql-cost-limit` facts on the same service.

Does not fire when:
    A depth limit or a cost / complexity / token limit is applied to any server of the
    service.

Known false positives:
    Limits enforced by a gateway, a persisted-query allow-list or a plugin applied in a
    module of another service folder are not seen; a schema without any recursive or
    nested type cannot be nested deeply.

Remediation:
    Add a depth limit (`validationRules: [depthLimit(10)]`,
    `QueryDepthLimiter(max_depth=10)`, `depth_limit_validator(max_depth=10)`) and,
    better, a cost limit, or accept only persisted queries.

References:
    CWE-770 Allocation of Resources Without Limits or Throttling; CWE-400 Uncontrolled
    Resource Consumption; CAPEC-130 Excessive Allocation; OWASP API4:2023 Unrestricted
    Resource Consumption.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, fact_evidence, facts, has_fact
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D006",
    name="graphql-unbounded-query-depth",
    title="GraphQL server without a query depth or cost limit",
    stride=(Stride.DENIAL_OF_SERVICE,),
    cwe=(770, 400),
    capec=(130,),
    owasp=("API4:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.SERVICE,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for service in model.services:
        limited = has_fact(service, FactKind.GRAPHQL_DEPTH_LIMIT) or has_fact(
            service, FactKind.GRAPHQL_COST_LIMIT
        )
        if limited:
            continue
        for fact in facts(service, FactKind.GRAPHQL_SERVER):
            yield Match(
                element=service.key,
                evidence=fact_evidence(fact),
                qualifier=fact.name,
                message=f"{describe(service)} serves GraphQL through `{fact.name}` at "
                f"{fact.location} with no query depth or cost limit: nesting is bounded only "
                "by the schema.",
                attack_vector="An anonymous client sends deeply nested or wide queries over "
                "recursive relationships, each a small request.",
                impact="Exponential resolver work per request: CPU, memory and database "
                "exhaustion and an unavailable service.",
                fix=Fix(
                    summary="Add a depth limit (depthLimit / QueryDepthLimiter / "
                    "depth_limit_validator) and a cost limit to the server."
                ),
            )
