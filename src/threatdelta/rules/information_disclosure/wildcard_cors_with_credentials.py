"""Any origin may make credentialed cross-origin requests.

What it flags:
    A CORS policy that allows every origin and credentials at once:
    `CORS(app, origins="*", supports_credentials=True)` (flask-cors),
    `CORSMiddleware` with `allow_origins=["*"]` and `allow_credentials=True`, Express
    `cors({origin: '*' or true, credentials: true})`.

Why it matters:
    Browsers refuse a literal `*` with credentials, so these libraries reflect the caller's
    `Origin` instead: any web page the victim visits can then send requests with the
    victim's cookies or HTTP auth and read the responses. The same-origin policy no longer
    protects the user's data, and CSRF tokens read this way defeat CSRF protection too.

Evidence used:
    `cors-wildcard-credentials` facts: on the service for app-wide middleware, on the
    endpoint for a per-route decorator.

Does not fire when:
    Origins are an explicit list of trusted sites; credentials are not allowed (a wildcard
    without credentials only exposes what an anonymous caller could read anyway).

Known false positives:
    Express `cors({origin: '*', credentials: true})` sends a literal `*`, which browsers
    reject for credentialed requests: the policy is broken rather than exploitable, but
    one edit (`origin: true`) away from it. APIs that authenticate only with a bearer
    header set by script are not exposed through cookies.

Remediation:
    List the trusted origins explicitly (or validate `Origin` against an allow-list) when
    credentials are allowed; drop `credentials` where cookies are not needed.

References:
    CWE-942 Permissive Cross-domain Policy with Untrusted Domains; CAPEC-111 JSON
    Hijacking; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I005",
    name="wildcard-cors-with-credentials",
    title="CORS allows any origin with credentials",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.SPOOFING),
    cwe=(942,),
    capec=(111,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.SERVICE, ElementKind.ENDPOINT),
    fix=FixAvailability.UNSAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.CORS_WILDCARD_CREDENTIALS):
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            qualifier=fact.name,
            message=f"{describe(element)} allows credentialed cross-origin requests from any "
            f"origin (`{fact.name}` at {fact.location}).",
            attack_vector="A signed-in user visits an attacker's web page, whose script "
            "calls the API with the user's cookies and reads the responses.",
            impact="The attacker's site reads the user's data and acts as the user, "
            "including reading CSRF tokens.",
            fix=Fix(
                summary="Replace the wildcard with an explicit list of trusted origins "
                "while credentials are allowed."
            ),
        )
