"""Outbound HTTP request to a URL taken from the request (SSRF).

What it flags:
    An outbound HTTP call (requests, httpx, urllib, aiohttp; fetch, axios, got,
    `http(s).request`) in a handler whose URL is built from request data: a query or body
    field, a path parameter, or a string formatted or concatenated from them.

Why it matters:
    The server makes the request with its own network position and identity. An attacker
    who chooses the URL reaches what only the server can: the cloud metadata service
    (`169.254.169.254`, which hands out instance credentials), admin consoles on localhost,
    databases and internal APIs behind the firewall, and can scan the internal network
    through response timing and error messages.

Evidence used:
    `outbound-http` facts in handlers with `from_input` yes (simple intra-procedural flow
    from `request.*`, handler parameters or `req.body/query/params`).

Does not fire when:
    The URL is a literal or a constant, or its origin could not be traced to the request
    (`from_input` unknown is not reported: most outbound calls use configured URLs).

Known false positives:
    Only part of the URL may come from input (a path segment or query value on a fixed
    `https://api.partner.example` host), which limits the attack to that host; a URL checked
    against an allow-list of hosts before the call is still reported.

Remediation:
    Do not fetch arbitrary URLs: map the input to an allow-list of known hosts, resolve the
    name and refuse private, loopback and link-local addresses (re-checking after
    redirects), or route outbound calls through an egress proxy that enforces the policy.
    On cloud hosts, require IMDSv2.

References:
    CWE-918 Server-Side Request Forgery (SSRF); CAPEC-664 Server Side Request Forgery;
    OWASP API7:2023 Server Side Request Forgery.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import endpoint_evidence, facts, from_input
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-E002",
    name="ssrf-url-from-input",
    title="Server-side request to a URL from request input",
    stride=(Stride.ELEVATION_OF_PRIVILEGE, Stride.INFORMATION_DISCLOSURE),
    cwe=(918,),
    capec=(664,),
    owasp=("API7:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:N/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.ENDPOINT,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for ep in model.endpoints:
        for fact in facts(ep, FactKind.OUTBOUND_HTTP):
            if not from_input(fact):
                continue
            yield Match(
                element=ep.key,
                evidence=endpoint_evidence(ep, fact),
                qualifier=fact.name,
                message=f"{ep.method} {ep.path} sends an outbound request with `{fact.name}` "
                f"to a URL built from request input, at {fact.location}.",
                attack_vector="A client supplies a URL pointing at the cloud metadata "
                "service, localhost or an internal host, and the server fetches it.",
                impact="Theft of cloud credentials, access to internal services behind the "
                "firewall, and internal network scanning from the server.",
                fix=Fix(
                    summary="Allow only known hosts for this request and refuse private, "
                    "loopback and link-local addresses (also after redirects)."
                ),
            )
