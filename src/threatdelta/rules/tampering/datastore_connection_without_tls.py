"""Data store connection without TLS.

What it flags:
    A connection from a deployed unit (a compose service, a Kubernetes workload) to a
    data store that is known to be unencrypted and leaves the unit's container:
    `sslmode=disable` on a PostgreSQL URL, `ssl-mode=DISABLED` for MySQL, `redis://`
    rather than `rediss://`, `mongodb://` without `tls=true`, or a bare host setting
    (`REDIS_HOST=cache`) to a store that speaks plaintext by default.

Why it matters:
    Queries, results and often the database password travel in clear text between the
    application and the store. Whoever can read or intercept that traffic (another pod
    on the node, a compromised sidecar, a mirrored switch port) reads and changes the
    stored data as it moves, or replays the credentials.

Evidence used:
    The flow from `model/link_flows.py`: its `encrypted` fact from the connection URL's
    scheme and parameters and the boundaries it `crosses`; the evidence is the setting.

Does not fire when:
    TLS is required (`sslmode=require|verify-ca|verify-full`, `rediss://`,
    `mongodb+srv://`, `tls=true`); the mode is not stated (libpq's default `prefer`
    is reported as unknown, not as plaintext); the target is a message broker
    (TD-T015); the flow is an endpoint's use of a table (the connection is reported once)
    or comes from an imported model (whose own threats are kept).

Known false positives:
    A store in the same pod (a sidecar on localhost) does not leave the pod; a mesh may
    encrypt the connection outside the application's settings.

Remediation:
    Require TLS on the connection (`sslmode=verify-full` with the server's CA,
    `rediss://`, `tls=true`) and enable it on the server.

References:
    CWE-319 Cleartext Transmission of Sensitive Information; CAPEC-157 Sniffing
    Attacks; OWASP API8:2023 Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.deployed_images import BROKERS
from threatdelta.model.flow_view import describe, is_datastore
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T014",
    name="datastore-connection-without-tls",
    title="Data store connection without TLS",
    stride=(Stride.TAMPERING, Stride.INFORMATION_DISCLOSURE),
    cwe=(319,),
    capec=(157, 94),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.FLOW,),
    fix=FixAvailability.DISPLAY_ONLY,
)


def store_kind(key: str) -> str:
    return key.split(":")[1] if key.count(":") >= 2 else ""


def check(model: ThreatModel) -> Iterator[Match]:
    for flow in model.flows:
        if not is_datastore(flow.target) or not flow.source.startswith("iac:"):
            continue
        if store_kind(flow.target) in BROKERS or flow.protocol in BROKERS:
            continue
        if flow.encrypted is not Tri.NO or not flow.crosses or not flow.evidence:
            continue
        yield Match(
            element=flow.key,
            evidence=flow.evidence,
            message=f"{describe(flow.source)} connects to the {describe(flow.target)} over "
            f"{flow.protocol} without TLS.",
            attack_vector="Someone who can read traffic between the application and the "
            "store reads queries, results and the connection's credentials, or alters them.",
            impact="Disclosure and tampering of stored data; reuse of the database credentials.",
            fix=Fix(
                summary="Require TLS on the connection (`sslmode=verify-full`, `rediss://`, "
                "`tls=true`) and enable it on the server."
            ),
        )
