"""Anonymous write endpoint without rate limiting.

What it flags:
    A POST, PUT, PATCH or DELETE endpoint that was seen to require no authentication and to
    have no rate limiter on the route, its router, its mount or its app: a contact form, a
    comment, an upload, an order or a deletion that anyone can send as often as they like.

Why it matters:
    With neither an identity nor a limit, a single script can create records, send mails
    or store files at network speed: the database and disk fill up, queues back up,
    outbound e-mail or SMS budgets are spent, and the service's reputation suffers from the
    spam it relays; an anonymous DELETE walks through every id and empties a table in
    minutes. Blocking the abuser is hard because nothing ties the requests together.

Evidence used:
    The endpoint's method, and its `authentication` and `rate_limited` facts combined from
    the route, router, mount and app. Both must be seen absent (no): an unknown control is
    not reported.

Does not fire when:
    Authentication or a rate limiter is present at any layer, or could not be ruled out;
    the endpoint is an authentication endpoint (login, sign-up, password reset: TD-D001
    covers those); it is a health or metrics probe.

Known false positives:
    Limits applied by an API gateway, WAF or CDN, and CAPTCHA or proof-of-work checks done
    in the handler, are not visible.

Remediation:
    Rate-limit the endpoint per client (Flask-Limiter, slowapi, express-rate-limit), add a
    CAPTCHA or require an account for bulk actions, and cap request body sizes.

References:
    CWE-770 Allocation of Resources Without Limits or Throttling; CWE-799 Improper Control
    of Interaction Frequency; CAPEC-125 Flooding; OWASP API4:2023 Unrestricted Resource
    Consumption; OWASP API6:2023 Unrestricted Access to Sensitive Business Flows.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import (
    endpoint_evidence,
    is_authentication_endpoint,
    is_public_by_design,
    is_state_changing,
)
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D004",
    name="unthrottled-public-write",
    title="Anonymous write endpoint without rate limiting",
    stride=(Stride.DENIAL_OF_SERVICE,),
    cwe=(770, 799),
    capec=(125,),
    owasp=("API4:2023", "API6:2023"),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:L",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.UNSAFE,
)


_WRITE_IMPACT = (
    "Database, disk, queue or mail budget exhausted by junk records; spam relayed through "
    "the service; degraded service for everyone else."
)
_DELETE_IMPACT = "Records deleted in bulk at network speed, faster than anyone can react."


def is_open_write(ep: Endpoint) -> bool:
    """Anyone may call it, as often as they like."""
    return (
        is_state_changing(ep)
        and ep.authentication is Tri.NO
        and ep.rate_limited is Tri.NO
        and not is_authentication_endpoint(ep)
        and not is_public_by_design(ep)
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        if not is_open_write(ep):
            continue
        yield Match(
            element=ep.key,
            evidence=endpoint_evidence(ep),
            message=f"{ep.method} {ep.path} accepts anonymous writes with no rate limit on "
            "the route, its router or its app.",
            attack_vector="A script sends the request in a tight loop from one or many "
            "addresses, with no account to block.",
            impact=_DELETE_IMPACT if ep.method == "DELETE" else _WRITE_IMPACT,
            fix=Fix(
                summary=f"Rate-limit {ep.method} {ep.path} per client, or require an "
                "account or a CAPTCHA for it."
            ),
        )
