"""TLS client that does not verify the server's certificate.

What it flags:
    Outbound TLS configured to accept any certificate: a Go `tls.Config` with
    `InsecureSkipVerify: true` (in an `http.Transport`, a database or gRPC client, or set
    later with `cfg.InsecureSkipVerify = true`).

Why it matters:
    Without certificate verification the client talks to whoever answers: an attacker on
    the network path (a compromised router, a rogue Wi-Fi access point, a poisoned DNS
    answer, a neighbour in a shared cluster) presents any certificate, reads the request
    with its credentials and tokens, and returns forged responses the service trusts.

Evidence used:
    `tls-verify-disabled` facts: the `InsecureSkipVerify: true` element or assignment,
    on the endpoint whose handler builds the client or on the service otherwise.

Does not fire when:
    Verification is on (the default), the flag is set from a variable or expression (a
    configuration switch is not assumed to be on), or the client pins its own roots with
    `RootCAs` and leaves `InsecureSkipVerify` false.

Known false positives:
    A custom `VerifyPeerCertificate` or `VerifyConnection` callback that checks the
    certificate itself is not read: the flag still fires. Test helpers outside `_test.go`
    files that only reach `httptest` servers are reported too.

Remediation:
    Remove `InsecureSkipVerify`; trust a private CA by adding it to `RootCAs`, or pin the
    expected certificate in `VerifyPeerCertificate` instead of switching checks off.

References:
    CWE-295 Improper Certificate Validation; CAPEC-94 Adversary in the Middle (AiTM);
    OWASP API8:2023 Security Misconfiguration.
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
    id="TD-T011",
    name="tls-verification-disabled",
    title="TLS client skips certificate verification",
    stride=(Stride.TAMPERING, Stride.INFORMATION_DISCLOSURE, Stride.SPOOFING),
    cwe=(295,),
    capec=(94,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.SERVICE, ElementKind.ENDPOINT),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for element, fact in facts_in_model(model, FactKind.TLS_VERIFY_DISABLED):
        yield Match(
            element=element.key,
            evidence=evidence_of(element, fact),
            qualifier=f"{fact.name}@{fact.location.path}",
            message=f"{describe(element)} makes TLS connections that accept any certificate "
            f"(`{fact.name}` at {fact.location}).",
            attack_vector="An attacker on the network path answers the connection with a "
            "certificate of their own; the client accepts it.",
            impact="Requests, credentials and tokens are read and responses forged by "
            "whoever intercepts the connection.",
            fix=Fix(
                summary="Remove InsecureSkipVerify; add a private CA to RootCAs instead of "
                "switching verification off."
            ),
        )
