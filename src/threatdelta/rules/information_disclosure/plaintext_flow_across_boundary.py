"""Plaintext flow between services across a network boundary.

What it flags:
    A data flow from a deployed unit of the repository (a Kubernetes workload, a compose
    service) to another unit (a workload, a Service, a code service) that is known to travel
    without TLS
    (`encrypted: no`: an `http://` URL, a plaintext scheme) and crosses a network or
    cluster trust boundary: another Kubernetes namespace, another compose network.

Why it matters:
    A namespace or network is where one team's trust ends. Anyone able to read traffic
    between them (a compromised pod on the node, a misconfigured CNI, a mirrored port)
    reads the requests in clear text, with the tokens, cookies and personal data they
    carry, and can change them on the way.

Evidence used:
    The flow from `model/link_flows.py`: its `encrypted` fact (from the URL's scheme) and
    the boundaries it `crosses`; the evidence is the setting that names the peer (the
    environment variable's value line).

Does not fire when:
    The flow uses TLS (`https://`) or its encryption is unknown; both ends share a
    network (same namespace or compose network); the flow goes to a data store (TD-T014),
    a message broker (TD-T015) or an external service (TD-I030), or comes from the
    internet (TD-I011 and the entry point rules) or from an imported model (whose own
    threats are kept).

Known false positives:
    A service mesh (Istio, Linkerd) encrypts pod-to-pod traffic with mTLS that the URL
    does not show; accept the threat with that justification.

Remediation:
    Call the peer over `https://` with a certificate it presents (cert-manager, a mesh
    with mTLS), or keep both services in one namespace behind a NetworkPolicy.

References:
    CWE-319 Cleartext Transmission of Sensitive Information; CAPEC-157 Sniffing
    Attacks; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.flow_view import FlowView, describe, is_unit
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I029",
    name="plaintext-flow-across-boundary",
    title="Plaintext flow between services across a network boundary",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING),
    cwe=(319,),
    capec=(157,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.FLOW,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    view = FlowView.of(model)
    for flow in model.flows:
        if not flow.source.startswith("iac:") or not is_unit(flow.target):
            continue
        crossed = view.network_crossings(flow)
        if not crossed or flow.encrypted is not Tri.NO or not flow.evidence:
            continue
        names = ", ".join(b.removeprefix("boundary:") for b in crossed)
        yield Match(
            element=flow.key,
            evidence=flow.evidence,
            message=f"{describe(flow.source)} calls {describe(flow.target)} over plain "
            f"{flow.protocol}, crossing {names}.",
            attack_vector="Someone who can read or redirect traffic between the two "
            "networks (a compromised pod or node, a mirrored port) reads and alters the "
            "requests in clear text.",
            impact="Disclosure of the tokens and data the calls carry; tampered requests "
            "and responses.",
            fix=Fix(summary="Use https:// with a certificate the peer presents, or mTLS."),
        )
