"""GraphQL introspection enabled in production.

What it flags:
    A GraphQL server that answers introspection queries whatever the environment: Apollo
    Server with `introspection: true`, Graphene views, Strawberry schemas and Ariadne apps
    that keep introspection on (their default) without a rule that turns it off.

Why it matters:
    Introspection hands anyone who can reach the endpoint the complete schema: every query,
    mutation and subscription, their arguments and the fields of every type, including
    administrative mutations and fields nobody links to. Attackers use it to map the API in
    one request and to find the resolvers worth abusing, instead of guessing.

Evidence used:
    `graphql-introspection` facts on the service, recorded where the server or schema is
    created; `graphql-ide` facts on the same service are named in the message (an
    in-browser IDE browses the schema through introspection).

Does not fire when:
    Introspection is switched off (`introspection: false`, `introspection=False`, a
    `DisableIntrospection` / `NoSchemaIntrospectionCustomRule` validation rule in the module)
    or gated on the environment (`introspection: process.env.NODE_ENV !== 'production'`,
    `introspection=settings.DEBUG`, Apollo Server's own default).

Known false positives:
    A gateway or a proxy that blocks introspection queries in front of the service is not
    visible; a public API that publishes its schema on purpose.

Remediation:
    Turn introspection off in production (`introspection: false` or an environment check;
    Graphene and Strawberry: the `DisableIntrospection` / `NoSchemaIntrospectionCustomRule`
    validation rule; Ariadne: `introspection=False`), and publish the schema to the clients
    that need it through a registry instead.

References:
    CWE-200 Exposure of Sensitive Information to an Unauthorized Actor; CAPEC-54 Query
    System for Information; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Evidence, EvidenceRole
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, facts
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I021",
    name="graphql-introspection-enabled",
    title="GraphQL introspection enabled in production",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(200,),
    capec=(54,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.SERVICE,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for service in model.services:
        ides = list(facts(service, FactKind.GRAPHQL_IDE))
        for fact in facts(service, FactKind.GRAPHQL_INTROSPECTION):
            also = f"; {ides[0].detail} at {ides[0].location}" if ides else ""
            yield Match(
                element=service.key,
                evidence=(
                    Evidence(location=fact.location, role=EvidenceRole.PRIMARY),
                    *(Evidence(location=i.location, role=EvidenceRole.CONFIG) for i in ides),
                ),
                qualifier=fact.name,
                message=f"{describe(service)} serves GraphQL through `{fact.name}` at "
                f"{fact.location} with introspection on in every environment "
                f"({fact.detail}){also}.",
                attack_vector="An anonymous client sends an introspection query (`__schema`) "
                "and receives the whole schema.",
                impact="The complete API surface, including administrative and unlinked "
                "operations and every field of every type, is disclosed to attackers.",
                fix=Fix(
                    summary="Switch introspection off in production or gate it on the "
                    "environment (introspection: false / a DisableIntrospection rule)."
                ),
            )
