"""Redirect to a URL taken from request input.

What it flags:
    A redirect whose target comes from request data: Flask/Starlette `redirect(...)` or
    `RedirectResponse(...)`, Express `res.redirect(...)`, given a query, form or body value
    such as `next`, `return_to` or `url`.

Why it matters:
    The link starts on the service's trusted domain and ends wherever the attacker chose.
    Phishing mails use it to pass filters and users' eyes (`https://bank.example/login?
    next=https://evil.example`); OAuth and SSO flows that redirect this way leak codes and
    tokens to the attacker's site.

Evidence used:
    `redirect` facts from handlers (on the endpoint) and module-level code (on the service)
    whose `from_input` is yes: a request value reaches the target through simple flow inside
    the function.

Does not fire when:
    The target is a literal, a constant or a route built with `url_for`; whether request
    data reaches the target could not be established (unknown), since most redirects go to
    fixed or computed internal pages.

Known false positives:
    Targets checked before the redirect (an allow-list of hosts, Django's
    `url_has_allowed_host_and_scheme`, a check that the value starts with a single `/`) are
    not recognised.

Remediation:
    Redirect only to relative paths or to an allow-list of hosts: parse the value, reject a
    scheme or host that is not yours (and `//` or `\\` prefixes), and fall back to a fixed
    page; better, accept a route name or an id that maps to a URL on the server.

References:
    CWE-601 URL Redirection to Untrusted Site ('Open Redirect'); no CAPEC pattern describes
    the weakness directly; OWASP Unvalidated Redirects and Forwards Cheat Sheet.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model, from_input
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T005",
    name="open-redirect-from-input",
    title="Redirect target taken from request input",
    stride=(Stride.TAMPERING, Stride.SPOOFING),
    cwe=(601,),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.UNSAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.REDIRECT):
        if not from_input(fact):
            continue
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            message=f"{fact.name} in {describe(element)} redirects to a URL taken from the "
            "request, so a link to this service can forward users to any site.",
            attack_vector="The attacker sends victims a link to this service whose redirect "
            "parameter points at a look-alike site.",
            impact="Credible phishing from a trusted domain, and leaks of OAuth codes or "
            "tokens appended to the redirect.",
            qualifier=fact.name,
            fix=Fix(
                summary=f"Validate the target of {fact.name}: allow only relative paths or "
                "known hosts, otherwise redirect to a fixed page."
            ),
        )
