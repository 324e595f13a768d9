"""Load balancer listener serving plain HTTP.

What it flags:
    A Terraform `aws_lb_listener` or `aws_alb_listener` with `protocol = "HTTP"` whose
    `default_action` is not a redirect to HTTPS, also when `HTTP` is the default of a
    variable of the same folder (then with lower confidence); a CloudFormation
    `AWS::ElasticLoadBalancingV2::Listener` with `Protocol: HTTP` and no `DefaultActions`
    item redirecting to `HTTPS`.

Why it matters:
    Requests and responses (credentials, session cookies, tokens, personal data) cross the
    internet in clear text: anyone on the path (a public Wi-Fi, a compromised router, an
    ISP) reads and changes them.

Evidence used:
    The listener resource with variable defaults substituted by the linker; the first
    evidence is the `protocol` argument, then the default action's type.

Does not fire when:
    The listener's `default_action` has `type = "redirect"` with `redirect { protocol =
    "HTTPS" }`; the protocol is `HTTPS`, `TLS`, `TCP`, `UDP`, absent or an expression that
    is not a variable default of the folder.

Known false positives:
    `aws_lb_listener_rule` resources that redirect every path to HTTPS are not read. An
    internal load balancer whose traffic never leaves the VPC is reported too (accept it in
    the register if that is a deliberate choice). A default can be overridden by a tfvars
    file.

Remediation:
    Serve HTTPS with an ACM certificate and a current `ssl_policy`, and make the port-80
    listener's default action a redirect with `protocol = "HTTPS"` and `status_code =
    "HTTP_301"`.

References:
    CWE-319 Cleartext Transmission of Sensitive Information; CAPEC-158 Sniffing Network
    Traffic; OWASP API8:2023 Security Misconfiguration; Elastic Load Balancing User Guide,
    "Listeners for your Application Load Balancers".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import label
from threatdelta.model.iac_settings import blocks, defaults_note, evidence_of, own
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I019",
    name="load-balancer-listener-plain-http",
    title="Load balancer listener serving plain HTTP",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING),
    cwe=(319,),
    capec=(158,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_LISTENERS = {"aws_lb_listener", "aws_alb_listener"}
_CFN_LISTENER = "cfn:AWS::ElasticLoadBalancingV2::Listener"


def _redirects_to_https(action: dict[str, IacAttribute]) -> bool:
    kind = action.get("type")
    protocol = action.get("redirect.protocol")
    return (
        kind is not None
        and kind.value == "redirect"
        and protocol is not None
        and protocol.value == "HTTPS"
    )


def _match(resource: IacResource, protocol: IacAttribute) -> Match:
    actions = blocks(resource, "default_action")
    kinds = [a["type"] for a in actions if "type" in a]
    return Match(
        element=resource.key,
        evidence=evidence_of([protocol, *kinds]),
        message=f"{label(resource)} listens on plain HTTP and does not "
        "redirect to HTTPS." + defaults_note([protocol]),
        attack_vector="Anyone on the network path between the client and the load balancer "
        "reads and rewrites requests and responses.",
        impact="Disclosure of credentials, session cookies, tokens and personal data in "
        "transit; injected content in responses.",
        confidence=SPEC.confidence.lowered() if protocol.variables else SPEC.confidence,
        fix=Fix(summary="Serve HTTPS and redirect HTTP to it with a 301 default action."),
    )


def _cfn_redirects_to_https(listener: IacResource) -> bool:
    """A CloudFormation `DefaultActions` item of type `redirect` to `HTTPS`."""
    redirects = [
        a.name.split(".")[1]
        for a in listener.attributes
        if a.name.startswith("DefaultActions.") and a.name.endswith(".Type")
        if a.value == "redirect"
    ]
    targets = [own(listener, f"DefaultActions.{n}.RedirectConfig.Protocol") for n in redirects]
    return any(t is not None and t.value == "HTTPS" for t in targets)


def _cfn_plain(listener: IacResource) -> IacAttribute | None:
    protocol = own(listener, "Protocol")
    if protocol is None or protocol.value != "HTTP" or _cfn_redirects_to_https(listener):
        return None
    return protocol


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        if resource.type == _CFN_LISTENER:
            plain = _cfn_plain(resource)
            if plain is not None:
                yield _match(resource, plain)
            continue
        if resource.type not in _LISTENERS:
            continue
        protocol = own(resource, "protocol")
        if protocol is None or protocol.value != "HTTP":
            continue
        if any(_redirects_to_https(a) for a in blocks(resource, "default_action")):
            continue
        yield _match(resource, protocol)
