"""Shared predicates, so a rule's `check` reads like prose."""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence
from threatdelta.model.base import Evidence, EvidenceRole, Tri
from threatdelta.model.elements import Endpoint, Service
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.threat_model import ThreatModel

_AUTH_PATH = re.compile(
    r"(^|/)(log-?in|sign-?in|sign-?up|register|auth|authenticate|token|oauth|session|sessions|"
    r"password|passwords|reset-password|password-reset|forgot-password|recover|otp|mfa|2fa|"
    r"verify)(/|$)",
    re.IGNORECASE,
)
_PUBLIC_BY_DESIGN = re.compile(
    r"(^|/)(health|healthz|ready|readyz|live|livez|metrics|ping|status)$"
)
_ADMIN_PATH = re.compile(
    r"(^|/)(admin|administration|internal|_internal|manage|management|backoffice|"
    r"back-office|superuser|debug|actuator)(/|$)",
    re.IGNORECASE,
)


def is_state_changing(ep: Endpoint) -> bool:
    return ep.state_changing


def is_authentication_endpoint(ep: Endpoint) -> bool:
    """Login, token, sign-up and password-reset endpoints, by path."""
    return bool(_AUTH_PATH.search(ep.path))


_LOGOUT = re.compile(r"(^|/)(log-?out|sign-?out)$", re.IGNORECASE)


def accepts_credentials(ep: Endpoint) -> bool:
    """An authentication endpoint a client submits credentials or codes to: state-changing,
    not a logout or a DELETE of a session."""
    if not ep.state_changing or ep.method == "DELETE" or _LOGOUT.search(ep.path):
        return False
    return is_authentication_endpoint(ep)


def is_public_by_design(ep: Endpoint) -> bool:
    """Health, readiness and metrics probes are expected to be unauthenticated."""
    return bool(_PUBLIC_BY_DESIGN.search(ep.path))


def lacks(control: Tri) -> bool:
    """The control is absent or could not be seen."""
    return control is not Tri.YES


def requires_authentication(ep: Endpoint) -> Tri:
    return ep.authentication


def returns_sensitive_data(ep: Endpoint) -> bool:
    return bool(ep.response_data)


def confidence_for(control: Tri, base: Confidence) -> Confidence:
    """A rule firing on a control seen absent keeps its confidence; on unknown it is lower."""
    return base if control is Tri.NO else base.lowered()


def facts(element: Endpoint | Service, kind: FactKind) -> Iterator[CodeFact]:
    return (f for f in element.facts if f.kind is kind)


def has_fact(element: Endpoint | Service, kind: FactKind) -> bool:
    return any(True for _ in facts(element, kind))


def from_input(fact: CodeFact) -> bool:
    return fact.from_input is Tri.YES


def may_come_from_input(fact: CodeFact) -> bool:
    """Request input reaches it, or it could not be ruled out (not a literal or constant)."""
    return fact.from_input is not Tri.NO


def confidence_for_input(fact: CodeFact, base: Confidence) -> Confidence:
    """A sink seen to receive request input keeps the rule's confidence; unknown is lower."""
    return base if fact.from_input is Tri.YES else base.lowered()


def endpoint_evidence(ep: Endpoint, fact: CodeFact | None = None) -> tuple[Evidence, ...]:
    """Where to fix first (the fact, else the handler), then the rest of the endpoint."""
    primary: list[Evidence] = []
    if fact is not None:
        primary.append(Evidence(location=fact.location, role=EvidenceRole.PRIMARY))
    elif ep.handler is not None:
        primary.append(Evidence(location=ep.handler, role=EvidenceRole.PRIMARY))
    rest = [e for e in ep.evidence if e not in primary]
    return tuple(primary + rest)


def fact_evidence(fact: CodeFact) -> tuple[Evidence, ...]:
    return (Evidence(location=fact.location, role=EvidenceRole.PRIMARY),)


def facts_in_model(
    model: ThreatModel, kind: FactKind
) -> Iterator[tuple[Endpoint | Service, CodeFact]]:
    """Every fact of one kind with the element holding it: handler facts on endpoints, then
    module-level facts on services."""
    for ep in model.endpoints:
        yield from ((ep, f) for f in facts(ep, kind))
    for svc in model.services:
        yield from ((svc, f) for f in facts(svc, kind))


def evidence_of(element: Endpoint | Service, fact: CodeFact) -> tuple[Evidence, ...]:
    """The fact first (where to fix), then the endpoint's own evidence when it has any."""
    if isinstance(element, Endpoint):
        return endpoint_evidence(element, fact)
    return fact_evidence(fact)


def describe(element: Endpoint | Service) -> str:
    """How a message names the element: `POST /users` or `service 'api'`."""
    if isinstance(element, Endpoint):
        return f"{element.method} {element.path}"
    return f"service '{element.name}'"


def is_administrative_path(ep: Endpoint) -> bool:
    """Admin, internal, management and debug areas, by path."""
    return bool(_ADMIN_PATH.search(ep.path))


def served_over_plain_http(model: ThreatModel, ep: Endpoint) -> bool:
    """The endpoint or its service is served or documented over `http://`."""
    service = model.service(ep.service)
    service_http = service.plain_http if service is not None else Tri.UNKNOWN
    return Tri.YES in (ep.plain_http, service_http)
