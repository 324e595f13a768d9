"""Kubernetes Ingress without TLS.

What it flags:
    A Kubernetes `Ingress` with no `spec.tls` section (or an empty one): its hosts are
    served over plain HTTP.

Why it matters:
    Everything that crosses the Ingress (credentials, session cookies, tokens, personal
    data) travels in clear text between clients and the cluster: anyone on the path (a
    shared Wi-Fi, a compromised router, an ISP) reads and alters it.

Evidence used:
    The Ingress's IaC element from the Kubernetes extractor (`spec.tls`,
    `spec.rules[<i>].host`). The evidence is the Ingress object (its first line), since
    the fix is a section to add.

Does not fire when:
    `spec.tls` lists at least one entry; the object is not an Ingress (a Gateway API
    `HTTPRoute`, an `IngressRoute` of Traefik are not read).

Known false positives:
    TLS terminated in front of the cluster (a cloud load balancer with a certificate, a
    CDN) is not visible in the manifest: accept the threat with that justification. An
    Ingress for a purely internal host may be deliberate.

Remediation:
    Add a `tls` section naming the hosts and a Secret with the certificate (cert-manager
    can issue it), and redirect HTTP to HTTPS (`ssl-redirect` in most controllers).

References:
    CWE-319 Cleartext Transmission of Sensitive Information; CAPEC-157 Sniffing Attacks;
    OWASP API8:2023 Security Misconfiguration; Kubernetes documentation, "Ingress" (TLS).
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacResource
from threatdelta.model.kubernetes_pods import is_kubernetes, setting
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I011",
    name="ingress-without-tls",
    title="Ingress serves plain HTTP",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING),
    cwe=(319,),
    capec=(157,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_NO_TLS = {"[]", "null", ""}


def _without_tls(ingress: IacResource) -> bool:
    tls = setting(ingress, "spec.tls")
    return tls is None or tls.value.strip() in _NO_TLS


def _hosts(ingress: IacResource) -> list[str]:
    return [a.value for a in ingress.attributes if a.name.startswith("spec.rules[")]


def _match(ingress: IacResource) -> Match:
    hosts = _hosts(ingress)
    served = ", ".join(f"`{h}`" for h in hosts) if hosts else "every host"
    return Match(
        element=ingress.key,
        evidence=ingress.evidence[:1],
        message=f"Ingress `{ingress.name}` has no `tls` section: {served} served over plain HTTP.",
        attack_vector="Anyone on the network path between a client and the cluster reads "
        "and alters the traffic.",
        impact="Disclosure of credentials, session cookies, tokens and personal data in "
        "transit; injected responses.",
        fix=Fix(summary="Add a `tls` section with the hosts and a certificate Secret."),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for ingress in model.iac:
        if is_kubernetes(ingress, "Ingress") and _without_tls(ingress):
            yield _match(ingress)
