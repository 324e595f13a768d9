"""Unauthenticated GraphQL query returning sensitive data.

What it flags:
    A GraphQL query or subscription field whose return type has sensitive fields
    (credentials, tokens, personal, payment or health data, secrets, classified from the
    type's field names) and whose resolver has no authentication: no auth decorator or
    wrapper, no permission class, no check of the context's user, no authenticating
    context or view wrapper.

Why it matters:
    A GraphQL endpoint is one URL: the HTTP layer cannot protect one field and not another,
    so each resolver must check the caller itself. A field that forgets the check hands the
    data to anyone who can send a query, and introspection or a guessed field name is all
    an attacker needs to find it. The unauthenticated state-change rule (TD-S001) already
    covers mutations; reads are not state-changing, so this rule covers them.

Evidence used:
    The endpoint's method (`QUERY` / `SUBSCRIPTION`), its `authentication` fact (resolver
    decorators, Strawberry `permission_classes`, body checks such as `if not
    info.context.user.is_authenticated: raise`, Apollo `if (!context.user) throw`, an
    authenticating Apollo `context`, an auth-wrapped view in the same module) and its
    `response_data` classes.

Does not fire when:
    Authentication is seen; the return type has no sensitive field or is not known; the
    field is a mutation (TD-S001).

Known false positives:
    Authentication done in a schema directive, a GraphQL middleware or a view wrapper in
    another module is not seen (the fact is then unknown or no and the threat may be wrong);
    personal data that is public on purpose (a public author name) still classifies.

Remediation:
    Check the caller in the resolver (an auth decorator, `permission_classes`, a check of
    `info.context.user` / `context.user` that raises) or reject anonymous requests in the
    server's context, and return only the fields the caller may see.

References:
    CWE-306 Missing Authentication for Critical Function; CAPEC-115 Authentication Bypass;
    OWASP API2:2023 Broken Authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import confidence_for, endpoint_evidence, returns_sensitive_data
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S017",
    name="graphql-unauthenticated-sensitive-query",
    title="GraphQL query returns sensitive data without authentication",
    stride=(Stride.SPOOFING, Stride.INFORMATION_DISCLOSURE),
    cwe=(306,),
    capec=(115,),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.UNSAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if ep.method not in ("QUERY", "SUBSCRIPTION") or ep.authentication is Tri.YES:
            continue
        if not returns_sensitive_data(ep):
            continue
        field = ep.path.rsplit("/", 1)[-1]
        classes = ", ".join(c.value for c in ep.response_data)
        seen = (
            "no authentication was found"
            if ep.authentication is Tri.NO
            else "authentication could not be confirmed"
        )
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} field `{field}` ({ep.path}) returns {classes} data but "
            f"{seen} in its resolver or the server's context.",
            attack_vector="An anonymous client sends a query selecting the field's sensitive "
            "fields to the GraphQL endpoint.",
            impact="Disclosure of the returned records to anyone who can reach the endpoint.",
            confidence=confidence_for(ep.authentication, SPEC.confidence),
            fix=Fix(
                summary=f"Check the caller in the `{field}` resolver (decorator, permission "
                "class or a context-user check that raises) or in the server's context."
            ),
        )
