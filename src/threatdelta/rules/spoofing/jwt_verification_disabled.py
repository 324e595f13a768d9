"""JWT decoded with signature verification switched off.

What it flags:
    A JSON Web Token decoded without checking its signature: PyJWT's
    `jwt.decode(..., options={"verify_signature": False})` or `verify=False`, or
    `jsonwebtoken`'s `jwt.decode(...)` used to authenticate a caller instead of `jwt.verify`.

Why it matters:
    A token whose signature is not checked is just base64 the client wrote. An attacker edits
    the payload (`"sub": "admin"`, a later `exp`, extra roles), re-encodes it and is accepted
    as whoever the token names, without knowing any key.

Evidence used:
    `jwt-unverified` facts from handlers (on the endpoint) and from module-level code such as
    an auth helper (on the service), with whether request data (a header, cookie or body
    field) reaches the decoded token.

Does not fire when:
    The token is verified (`jwt.decode` with a key and algorithms, `jwt.verify`); the decoded
    value is a literal or constant (test fixtures, examples).

Known false positives:
    Reading a token's claims without verification is legitimate when the same token was
    verified earlier on the same path (for example to pick the key by `kid` before a second,
    verifying decode) or when the token is the service's own, received from a trusted
    identity provider over TLS; such code is reported with medium confidence when the token
    is not seen to come from the request.

Remediation:
    Verify every token before trusting its claims: pass the key and an explicit allow-list of
    algorithms (`jwt.decode(token, key, algorithms=["RS256"])`, `jwt.verify(token, key,
    {algorithms: ['RS256']})`), and check audience, issuer and expiry.

References:
    CWE-347 Improper Verification of Cryptographic Signature; CAPEC-196 Session Credential
    Falsification through Forging; OWASP API2:2023 Broken Authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.predicates import describe, evidence_of, facts_in_model, from_input
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S003",
    name="jwt-verification-disabled",
    title="JWT accepted without signature verification",
    stride=(Stride.SPOOFING, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(347,),
    capec=(196,),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.ENDPOINT, ElementKind.SERVICE),
    fix=FixAvailability.UNSAFE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.JWT_UNVERIFIED):
        if fact.from_input is Tri.NO:
            continue
        source = "a token from the request" if from_input(fact) else "a token"
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            message=f"{fact.name} in {describe(element)} decodes {source} without verifying "
            f"its signature{_detail(fact.detail)}.",
            attack_vector="The client sends a self-made token with an edited payload (another "
            "user id, an admin role, a later expiry); no key is needed.",
            impact="Impersonation of any user, including administrators, for as long as the "
            "forged claims are trusted.",
            qualifier=fact.name,
            confidence=SPEC.confidence if from_input(fact) else SPEC.confidence.lowered(),
            fix=Fix(
                summary=f"Verify the token in {fact.name} with the signing key and an explicit "
                "list of algorithms before using its claims."
            ),
        )


def _detail(detail: str) -> str:
    return f" ({detail.rstrip('.')})" if detail else ""
