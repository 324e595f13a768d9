"""Access opened to anonymous callers on an administrative path or on every request.

What it flags:
    An explicit `permitAll()` that covers an administrative area: a Spring Security matcher
    such as `requestMatchers("/admin/**").permitAll()`, a catch-all
    `anyRequest().permitAll()` (or a `/**` matcher), or a handler annotated
    `@PreAuthorize("permitAll()")` / `@PermitAll` whose path is an admin, internal,
    management or actuator path.

Why it matters:
    An administrative function opened to everyone hands its power to any caller: no
    account, no role. A catch-all `permitAll()` turns the filter chain off, so every route
    relies on each handler remembering its own check, and new routes are public by default.

Evidence used:
    `permit-all` facts: on the service, one per `permitAll()` matcher of the security
    filter chain (its patterns); on an endpoint, a `@PreAuthorize("permitAll()")` /
    `@PermitAll` annotation or the matcher the linker applied to it. Administrative paths
    are recognised by name (`admin`, `internal`, `management`, `actuator`, `debug`, ...).

Does not fire when:
    The opened paths are not administrative (`/api/public/**`, `/login`); an admin path
    requires a role (`hasRole('ADMIN')`) or authentication.

Known false positives:
    An admin area protected by another mechanism the rule cannot see (a network policy, a
    gateway, a second filter chain with a narrower `securityMatcher`) still matches.

Remediation:
    Require an administrator role for the area (`.requestMatchers("/admin/**")
    .hasRole("ADMIN")`), end the chain with `anyRequest().authenticated()`, and remove
    `permitAll` from administrative handlers.

References:
    CWE-284 Improper Access Control; CWE-862 Missing Authorization; CAPEC-1 Accessing
    Functionality Not Properly Constrained by ACLs; OWASP API5:2023 Broken Function Level
    Authorization.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import Endpoint, Service
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts, is_administrative_path
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E016",
    name="permit-all-on-privileged-path",
    title="permitAll on an administrative path or on every request",
    stride=(Stride.ELEVATION_OF_PRIVILEGE, Stride.SPOOFING),
    cwe=(284, 862),
    capec=(1,),
    owasp=("API5:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.SERVICE, ElementKind.ENDPOINT),
    fix=FixAvailability.DISPLAY_ONLY,
)
_ADMIN = re.compile(
    r"(^|/)(admin|administration|internal|_internal|manage|management|backoffice|superuser|"
    r"debug|actuator)(/|\*|$)",
    re.IGNORECASE,
)
_CATCH_ALL = frozenset({"anyRequest", "anyExchange", "/**"})


def opens_privileged_area(fact: CodeFact) -> bool:
    """A matcher fact (`permitAll /admin/** /x`) naming an admin pattern or a catch-all."""
    patterns = fact.name.split()[1:]
    return any(p in _CATCH_ALL or _ADMIN.search(p) for p in patterns)


def _findings(model: ThreatModel) -> Iterator[tuple[Service | Endpoint, CodeFact]]:
    for service in model.services:
        for fact in facts(service, FactKind.PERMIT_ALL):
            if opens_privileged_area(fact):
                yield service, fact
    for ep in model.endpoints:
        if is_administrative_path(ep):
            yield from ((ep, fact) for fact in facts(ep, FactKind.PERMIT_ALL))


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in _findings(model):
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            qualifier=fact.name,
            message=f"{describe(element)} lets anonymous callers in with `{fact.name}` at "
            f"{fact.location}, on an administrative path or on every request.",
            attack_vector="An anonymous client calls the administrative route directly; "
            "no account or role is asked for.",
            impact="Administrative actions and data (user management, configuration, "
            "reports, diagnostics) in the hands of anyone who can reach the service.",
            confidence=Confidence.HIGH,
            fix=Fix(
                summary='Require an administrator role here (`hasRole("ADMIN")`) and end '
                "the filter chain with `anyRequest().authenticated()`."
            ),
        )
