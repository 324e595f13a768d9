"""Message broker connection without TLS.

What it flags:
    A connection from a deployed unit to a message broker (RabbitMQ, NATS, Kafka, an
    MQTT broker) over a plaintext scheme (`amqp://`, `nats://`, `mqtt://`) or, named by a
    bare host setting, to a broker that speaks plaintext by default, across a container
    boundary.

Why it matters:
    Messages are commands: an order to ship, a payment captured, a user to delete. A
    party on the path that alters or injects messages on a plaintext connection changes
    what consumers do, and nothing in the message tells them (no integrity on the wire).

Evidence used:
    The flow from `model/link_flows.py` (`encrypted: no`, `crosses`), the setting's line.

Does not fire when:
    The scheme uses TLS (`amqps://`, `tls://`, `mqtts://`); the broker kind is not known;
    the connection does not leave the container.

Known false positives:
    Messages signed by the application (an HMAC per message) keep their integrity over a
    plaintext connection; a mesh may add mTLS.

Remediation:
    Use the broker's TLS listener (`amqps://`, port 5671 for RabbitMQ) and authenticate
    clients; sign messages that trigger state changes.

References:
    CWE-319 Cleartext Transmission of Sensitive Information; CWE-924 Improper
    Enforcement of Message Integrity During Transmission in a Communication Channel;
    CAPEC-94 Adversary in the Middle.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.deployed_images import BROKERS
from threatdelta.model.flow_view import describe, is_datastore
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec
from threatdelta.rules.tampering.datastore_connection_without_tls import store_kind

SPEC = RuleSpec(
    id="TD-T015",
    name="broker-connection-without-tls",
    title="Message broker connection without TLS",
    stride=(Stride.TAMPERING, Stride.INFORMATION_DISCLOSURE),
    cwe=(924, 319),
    capec=(94,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:L/I:H/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.FLOW,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def check(model: ThreatModel) -> Iterator[Match]:
    for flow in model.flows:
        broker = store_kind(flow.target) in BROKERS or flow.protocol in BROKERS
        if not broker or not is_datastore(flow.target) or not flow.source.startswith("iac:"):
            continue
        if flow.encrypted is not Tri.NO or not flow.crosses or not flow.evidence:
            continue
        yield Match(
            element=flow.key,
            evidence=flow.evidence,
            message=f"{describe(flow.source)} talks to the {describe(flow.target)} over "
            f"plaintext {flow.protocol}: messages carry no integrity protection on the wire.",
            attack_vector="Someone on the path between the application and the broker "
            "alters or injects messages that consumers act on.",
            impact="Forged commands (orders, payments, deletions) executed by consumers; "
            "disclosure of message content.",
            fix=Fix(summary="Use the broker's TLS listener (`amqps://`) and sign messages."),
        )
