"""Authentication guard bypassed on a state-changing route.

What it flags:
    A POST, PUT, PATCH or DELETE route (or a route under an admin area) that a
    `@Public()`-style decorator exempts from the authentication guard the rest of the
    application runs: a custom decorator setting public metadata (`IS_PUBLIC_KEY`),
    `@SetMetadata('isPublic', true)`, `@AllowAnonymous()`, `@SkipAuth()`, on the method or on
    its whole controller class, while a guard is applied to the route at another layer
    (global `APP_GUARD` or `useGlobalGuards`, the controller's `@UseGuards`).

Why it matters:
    A global guard makes authentication the default; the bypass decorator is the one line
    that switches it off. Copied onto a write route, or put on a controller class so every
    route added to it later is public too, it silently opens data changes to anonymous
    callers while the application still looks guarded.

Evidence used:
    The endpoint's `auth-bypass` fact (the decorator's line, where to fix), its
    `authentication` (NO: the bypass stands over the layers' guards) and its `auth_schemes`
    (an authentication guard is applied at another layer, so there is something to
    bypass; a throttler alone is not).

Does not fire when:
    The route is a read outside an admin area; no authentication guard is applied anywhere on
    its way (the bypass is then a no-op and TD-S001 reports the missing authentication); the
    route names its own authentication guard (`@UseGuards(ApiKeyGuard)`) next to the bypass;
    the route is an authentication endpoint (login, sign-up, token, password reset) or a
    health or metrics probe, which are public by design.

Known false positives:
    A public write that is meant to be anonymous (a contact form, a webhook verified by a
    signature in the handler) is reported; accept it in the register with the reason. This
    rule and TD-S001 both report such a route: TD-S001 says the route is unauthenticated,
    this rule names the decorator that made it so.

Remediation:
    Remove the bypass decorator from the route (or from the controller class and put it only
    on the read routes meant to be public), or guard the route with a dedicated
    authentication such as a signed webhook or API key guard.

References:
    CWE-306 Missing Authentication for Critical Function; CWE-862 Missing Authorization;
    CAPEC-115 Authentication Bypass; OWASP API2:2023 Broken Authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import (
    endpoint_evidence,
    facts,
    is_administrative_path,
    is_authentication_endpoint,
    is_public_by_design,
    is_state_changing,
)
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S012",
    name="guard-bypassed-on-state-change",
    title="Authentication guard bypassed on a state-changing route",
    stride=(Stride.SPOOFING, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(306, 862),
    capec=(115,),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not (is_state_changing(ep) or is_administrative_path(ep)) or not ep.auth_schemes:
            continue
        if ep.authentication is Tri.YES:
            continue
        if is_authentication_endpoint(ep) or is_public_by_design(ep):
            continue
        for bypass in facts(ep, FactKind.AUTH_BYPASS):
            yield Match(
                element=ep.key,
                evidence=endpoint_evidence(ep, bypass),
                qualifier=bypass.name,
                message=f"{ep.method} {ep.path} is exempted by `@{bypass.name}()` at "
                f"{bypass.location} from the guards the application applies "
                f"({', '.join(ep.guards)}), so it changes state without authentication.",
                attack_vector="An anonymous client calls the route directly; the global "
                "guard lets it through because of the public metadata.",
                impact="Unauthenticated creation, modification or deletion of data in an "
                "application that otherwise requires a login.",
                fix=Fix(
                    summary=f"Remove `@{bypass.name}()` from this route (keep it only on "
                    "reads meant to be public), or guard it with its own authentication."
                ),
            )
