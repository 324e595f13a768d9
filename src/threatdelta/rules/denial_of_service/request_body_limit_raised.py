"""Request body size limit raised or unbounded.

What it flags:
    A service that raises the maximum request body size above 10 MB or removes it:
    Fastify's `bodyLimit` (on the instance, a route or a `FastifyAdapter`), a NestJS
    `app.useBodyParser('json', { limit })`, or a body parser such as `json({ limit: '50mb' })`
    installed with `app.use` in a NestJS bootstrap.

Why it matters:
    The framework defaults (1 MB for Fastify, 100 kB for the Express body parsers NestJS
    uses) exist so one request cannot make the server buffer and parse an arbitrary amount
    of data. With the limit raised, a few concurrent requests with huge JSON bodies exhaust
    memory and CPU (JSON parsing is synchronous and blocks the event loop), taking the
    service down for everyone.

Evidence used:
    The service's `body-limit-raised` fact (where the limit is set, with the size in its
    detail) and the service's endpoints: an unauthenticated state-changing endpoint makes
    the limit reachable by anyone.

Does not fire when:
    The limit is 10 MB or less, or not a literal (read from configuration); the limit is
    raised only for one upload route in a way the extractors do not read as service-wide.

Known false positives:
    Services that legitimately accept large uploads behind authentication and a gateway
    limit; the confidence is lower when every state-changing endpoint requires
    authentication.

Remediation:
    Keep the global limit small (the default, or a few MB) and raise it only on the route
    that needs it, behind authentication; stream large uploads (multipart with a size cap,
    pre-signed storage URLs) instead of buffering them as JSON.

References:
    CWE-770 Allocation of Resources Without Limits or Throttling; CWE-400 Uncontrolled
    Resource Consumption; CAPEC-130 Excessive Allocation; OWASP API4:2023 Unrestricted
    Resource Consumption.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import Service
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, fact_evidence, facts
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D013",
    name="request-body-limit-raised",
    title="Request body size limit raised or unbounded",
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
        for fact in facts(service, FactKind.BODY_LIMIT_RAISED):
            open_write = _has_open_write(model, service)
            yield Match(
                element=service.key,
                evidence=fact_evidence(fact),
                qualifier=fact.name,
                message=f"{describe(service)}: {fact.detail}; each request may make the "
                "server buffer and parse that much data.",
                attack_vector="A client sends a few concurrent requests with bodies near "
                "the limit" + (" without logging in." if open_write else "."),
                impact="Memory exhaustion and a blocked event loop: the service stops "
                "answering for everyone.",
                confidence=SPEC.confidence if open_write else Confidence.LOW,
                fix=Fix(
                    summary="Keep the global body limit at the default (or a few MB) and "
                    "raise it only on the upload route that needs it."
                ),
            )


def _has_open_write(model: ThreatModel, service: Service) -> bool:
    """Does the service have a state-changing endpoint not known to require a login?"""
    return any(
        ep.service == service.name and ep.state_changing and ep.authentication is not Tri.YES
        for ep in model.endpoints
    )
