"""JWT verification that accepts the `none` algorithm.

What it flags:
    A JWT decode or verify call whose accepted algorithms include `none`
    (`jwt.decode(token, key, algorithms=["HS256", "none"])`, `algorithm="none"`,
    `jwt.verify(token, key, {algorithms: ['none', 'HS256']})`).

Why it matters:
    An unsecured JWT has an empty signature. When the verifier accepts `alg: none`, an
    attacker takes any token (or writes one), sets the header's algorithm to `none`, drops the
    signature and changes the claims at will; the library then reports the token as valid.

Evidence used:
    `jwt-none-algorithm` facts from handlers (on the endpoint) and from module-level code
    such as an auth helper or settings (on the service).

Does not fire when:
    The algorithm list names signing algorithms only (`HS256`, `RS256`, `ES256`, ...).

Known false positives:
    Code that signs or parses tokens only in tests or local tooling, never on a request path,
    is still reported: the setting is one refactor away from production and there is no
    legitimate need for it.

Remediation:
    Remove `none` from the accepted algorithms and pin the one algorithm the issuer uses;
    never take the algorithm from the token's own header.

References:
    CWE-347 Improper Verification of Cryptographic Signature; CWE-327 Use of a Broken or Risky
    Cryptographic Algorithm; CAPEC-196 Session Credential Falsification through Forging;
    OWASP API2:2023 Broken Authentication.
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
    id="TD-S004",
    name="jwt-none-algorithm",
    title="JWT verification accepts the 'none' algorithm",
    stride=(Stride.SPOOFING, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(347, 327),
    capec=(196,),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.SAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.JWT_NONE_ALGORITHM):
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            message=f"JWT handling in {describe(element)} ({fact.name}) accepts the 'none' "
            "algorithm, so an unsigned token with any claims passes verification.",
            attack_vector="The client sends a token whose header says `alg: none`, with no "
            "signature and the claims of the user it wants to be.",
            impact="Impersonation of any user or service identity the tokens carry, "
            "including administrators.",
            qualifier=fact.name,
            fix=Fix(
                summary="Remove 'none' from the accepted JWT algorithms and pin the "
                "issuer's signing algorithm."
            ),
        )
