"""Plaintext call to an external service.

What it flags:
    A flow from a service or endpoint of the repository to an external service on the
    internet (an `ExternalEntity` of kind `service`: a payment provider, a partner API)
    over a plaintext scheme (`http://`): a connection setting or an outbound HTTP call
    with a literal `http://` URL naming a public host.

Why it matters:
    The request crosses the internet in clear text: API keys, customer data and payment
    details can be read on any network between the service and the provider, and the
    response (a payment confirmation, a price) can be forged.

Evidence used:
    The flow from `model/link_flows.py` (`encrypted: no` from the URL scheme) and the
    line of the setting or call naming the URL.

Does not fire when:
    The URL is `https://` (or another TLS scheme); the host is private, a cluster name or
    an address in a private range; the URL is not a literal (`${PAYMENT_URL}`).

Known false positives:
    An egress proxy that upgrades to TLS is not visible in the repository.

Remediation:
    Use the provider's `https://` endpoint; most refuse or redirect plain HTTP anyway.

References:
    CWE-319 Cleartext Transmission of Sensitive Information; CAPEC-157 Sniffing
    Attacks; OWASP API10:2023 Unsafe Consumption of APIs.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.flow_view import FlowView, describe
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I030",
    name="plaintext-flow-to-external-service",
    title="Plaintext call to an external service",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING),
    cwe=(319,),
    capec=(157,),
    owasp=("API10:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.FLOW,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    view = FlowView.of(model)
    for flow in model.flows:
        if not view.is_external_service(flow.target) or flow.encrypted is not Tri.NO:
            continue
        if not flow.evidence:
            continue
        carried = ", ".join(c.value for c in flow.data_classes)
        what = f" carrying {carried}" if carried else ""
        yield Match(
            element=flow.key,
            evidence=flow.evidence,
            message=f"{describe(flow.source)} calls the external service "
            f"{flow.target.removeprefix('external:')} over plain {flow.protocol}{what}.",
            attack_vector="Anyone on a network between the service and the provider "
            "reads the request and forges the response.",
            impact="Disclosure of API keys and the data sent; forged provider answers "
            "(a payment reported as paid).",
            fix=Fix(summary="Call the provider's https:// endpoint."),
        )
