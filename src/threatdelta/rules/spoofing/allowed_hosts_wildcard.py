"""Any Host header accepted (ALLOWED_HOSTS wildcard).

What it flags:
    A Django settings module with `"*"` in `ALLOWED_HOSTS`: the application accepts
    requests for any host name and builds absolute URLs from whatever `Host` header the
    client sent.

Why it matters:
    `request.get_host()` and `build_absolute_uri()` feed password-reset links, e-mail
    verification links, redirects and cache keys. With every host accepted an attacker
    requests a password reset for a victim with `Host: evil.example`: the victim receives a
    genuine e-mail whose link carries the reset token to the attacker's server. Shared caches
    can also be poisoned with links to the attacker's host.

Evidence used:
    The allowed-hosts-wildcard fact of the service (the `ALLOWED_HOSTS` assignment).

Does not fire when:
    `ALLOWED_HOSTS` lists explicit host names or leading-dot domains (`.example.com`); the
    settings module is a development or test settings file (`local`, `dev`, `test` in its
    name).

Known false positives:
    A reverse proxy that rejects unknown hosts before Django, or overwrites `Host`, makes the
    wildcard harmless; the proxy configuration is not read. A base settings module whose
    wildcard a production module (`from .base import *`) replaces is still reported at the
    base module.

Remediation:
    List the public host names in `ALLOWED_HOSTS` (from the environment per deployment) and
    keep `"*"` to local development settings.

References:
    CWE-644 Improper Neutralization of HTTP Headers for Scripting Syntax; CWE-20 Improper
    Input Validation; CAPEC-141 Cache Poisoning; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S011",
    name="allowed-hosts-wildcard",
    title="Any Host header accepted (host header poisoning)",
    stride=(Stride.SPOOFING, Stride.TAMPERING),
    cwe=(644, 20),
    capec=(141,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.SERVICE,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_NON_PRODUCTION = re.compile(r"(^|[/_.-])(local|dev|development|test|testing)([/_.-]|$)")


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.ALLOWED_HOSTS_WILDCARD):
        if _NON_PRODUCTION.search(fact.location.path.rsplit("/", 1)[-1]):
            continue
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            qualifier=fact.name,
            message=f"{describe(element)} accepts requests for any host name "
            f'(`{fact.name}` at {fact.location} contains "*").',
            attack_vector="The attacker asks for a password reset with a forged Host header; "
            "the reset link in the genuine e-mail points to the attacker's server.",
            impact="Password-reset and verification tokens leak to the attacker; cached "
            "pages can carry links to the attacker's host.",
            fix=Fix(summary='List the real host names in ALLOWED_HOSTS instead of "*".'),
        )
