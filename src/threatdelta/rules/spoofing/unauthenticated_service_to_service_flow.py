"""Service-to-service call across a network boundary without credentials.

What it flags:
    An HTTP flow from one deployed unit of the repository to another (Kubernetes
    workloads, compose services) that crosses a network or cluster boundary (another
    namespace, another compose network) and for which the caller is configured with no
    credential: the URL has no user information and the caller has no secret-named
    setting for that peer (`ORDERS_URL` with `ORDERS_API_TOKEN` counts as one).

Why it matters:
    The callee either trusts any caller that can reach it, or it authenticates callers
    the caller cannot satisfy. In the first case any workload in the other network (a
    compromised pod, a debugging container) can impersonate the calling service and use
    its API with the service's privileges.

Evidence used:
    The flow from `model/link_flows.py` (`authenticated: no`, `crosses`), the setting
    naming the peer.

Does not fire when:
    A credential is configured for the call (user information in the URL, a token or
    key setting sharing the URL setting's first word); both ends share a network; the
    protocol is not HTTP (database logins are read from elsewhere and stay unknown); the
    target is an external service.

Known false positives:
    Workload identity (mTLS from a mesh, projected service-account tokens read by code)
    is not visible in environment settings.

Remediation:
    Authenticate service calls: mTLS with a mesh or per-service certificates, or a
    service token the callee verifies (OAuth client credentials, projected service
    account tokens), and restrict who may call with a NetworkPolicy.

References:
    CWE-306 Missing Authentication for Critical Function; CAPEC-151 Identity Spoofing;
    OWASP API2:2023 Broken Authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.flow_view import FlowView, describe, is_unit
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-S015",
    name="unauthenticated-service-to-service-flow",
    title="Service-to-service call across a network boundary without credentials",
    stride=(Stride.SPOOFING, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(306,),
    capec=(151,),
    owasp=("API2:2023",),
    cvss_vector="CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N",
    confidence=Confidence.LOW,
    applies_to=(ElementKind.FLOW,),
    fix=FixAvailability.NONE,
)


def check(model: ThreatModel) -> Iterator[Match]:
    view = FlowView.of(model)
    for flow in model.flows:
        if not flow.source.startswith("iac:") or not is_unit(flow.target):
            continue
        if flow.protocol not in ("http", "https") or flow.authenticated is not Tri.NO:
            continue
        crossed = view.network_crossings(flow)
        if not crossed or not flow.evidence:
            continue
        yield Match(
            element=flow.key,
            evidence=flow.evidence,
            message=f"{describe(flow.source)} calls {describe(flow.target)} across "
            f"{', '.join(b.removeprefix('boundary:') for b in crossed)} with no credential "
            "configured for the call.",
            attack_vector="Any workload that can reach the callee from the other network "
            "calls it as the calling service would.",
            impact="Use of the callee's API with the calling service's privileges.",
            fix=Fix(
                summary="Authenticate the call (mTLS or a service token) and restrict "
                "callers with a NetworkPolicy."
            ),
        )
