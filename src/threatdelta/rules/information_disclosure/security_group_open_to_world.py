"""Security group that lets the whole internet in on a non-web port.

What it flags:
    CloudFormation `AWS::EC2::SecurityGroup` ingress entries and
    `AWS::EC2::SecurityGroupIngress` resources with `CidrIp`/`CidrIpv6` open to all; Azure
    network security rules (`azurerm_network_security_rule`, `security_rule` blocks) that
    allow `Inbound` traffic from `*`, `Internet`, `Any` or `0.0.0.0/0`; Google Cloud
    `google_compute_firewall` ingress rules with `0.0.0.0/0` in `source_ranges` (one threat
    per `allow` block). And:
    A Terraform ingress rule open to every address (`0.0.0.0/0` or `::/0`) on a port range
    that is not only 80 or 443: an `ingress` block (or `ingress = [{...}]` list) of an
    `aws_security_group`, an `aws_security_group_rule` with `type = "ingress"`, or an
    `aws_vpc_security_group_ingress_rule` with `cidr_ipv4`/`cidr_ipv6` open to all. Protocol
    `-1` (all traffic) counts as every port. A range or address that comes from a variable
    default of the same folder counts, with lower confidence; so do ports written as an
    expression that cannot be read (the range is then unknown).

Why it matters:
    Scanners sweep the whole IPv4 space for SSH, RDP, database and admin ports within
    minutes of an address going live; an open port puts the service behind it (and every
    unpatched bug or weak password in it) one connection away from anyone.

Evidence used:
    The security group or rule resource with variable defaults substituted by the linker.
    The first evidence is the argument holding the open address range; the port arguments
    and any variable default used follow.

Does not fire when:
    The range is exactly port 80 or port 443 (or both, in separate rules): a public web entry
    point is usually the purpose of such a group, and plain HTTP listeners are judged by
    TD-I019; `egress` rules; a narrower CIDR, a prefix list or a source security group;
    `type = "egress"` rules.

Known false positives:
    A variable default can be overridden by `-var` or a `-var-file` tfvars file, which are
    not read. A bastion or VPN endpoint deliberately open to the world is reported too: accept
    it in the register with that justification. Network ACLs and the instances' own
    firewalls are not taken into account.

Remediation:
    Restrict the source to the addresses that need it (an office or VPN range, a load
    balancer's security group, a prefix list), or reach the instances through SSM Session
    Manager or a VPN instead of an open administrative port.

References:
    CWE-284 Improper Access Control; CAPEC-1 Accessing Functionality Not Properly Constrained
    by ACLs; OWASP API8:2023 Security Misconfiguration; AWS VPC User Guide, "Security group
    rules".
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import label
from threatdelta.model.iac_settings import (
    blocks,
    defaults_note,
    evidence_of,
    items,
    json_document,
    own,
)
from threatdelta.model.network_rules import OpenIngress, open_ingress
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I016",
    name="security-group-open-to-world",
    title="Security group open to the internet",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.ELEVATION_OF_PRIVILEGE),
    cwe=(284,),
    capec=(1,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)

_WORLD = {"0.0.0.0/0", "::/0"}
_ALL_PROTOCOLS = {"-1", "all"}
_WEB_PORTS = {80, 443}
_CIDR_NAMES = ("cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6")
_UNKNOWN = "unknown"


def _port(rule: dict[str, IacAttribute], name: str) -> int | None:
    attribute = rule.get(name)
    try:
        return int(attribute.value) if attribute is not None else None
    except ValueError:
        return None


def _ports(rule: dict[str, IacAttribute], protocol_name: str) -> str:
    """`all`, `unknown`, `web` (only 80 or 443) or the range as text."""
    protocol = rule.get(protocol_name)
    if protocol is not None and protocol.value in _ALL_PROTOCOLS:
        return "all"
    low, high = _port(rule, "from_port"), _port(rule, "to_port")
    if low is None or high is None:
        return _UNKNOWN
    if low == high and low in _WEB_PORTS:
        return "web"
    return str(low) if low == high else f"{low}-{high}"


def _world(cidr: IacAttribute) -> str:
    """The open ranges an address argument holds, as `0.0.0.0/0` / `::/0` text."""
    return " and ".join(f"`{v}`" for v in map(str, items(cidr.value)) if v in _WORLD)


def _open_cidr(rule: dict[str, IacAttribute]) -> IacAttribute | None:
    for name in _CIDR_NAMES:
        attribute = rule.get(name)
        if attribute is not None and _WORLD & {str(v) for v in items(attribute.value)}:
            return attribute
    return None


def _match(
    resource: IacResource, rule: dict[str, IacAttribute], protocol: str, n: int
) -> Match | None:
    cidr = _open_cidr(rule)
    ports = _ports(rule, protocol)
    if cidr is None or ports == "web":
        return None
    used = [cidr, *(a for k in ("from_port", "to_port", protocol) if (a := rule.get(k)))]
    deciding = [cidr, *(a for k in ("from_port", "to_port") if (a := rule.get(k)))]
    lowered = ports == _UNKNOWN or bool(cidr.variables)
    where = "every port" if ports == "all" else f"port {ports}"
    if ports == _UNKNOWN:
        where = "ports written as an expression (not read)"
    return Match(
        element=resource.key,
        evidence=evidence_of(used),
        qualifier=str(n) if n else "",
        message=f"`{resource.type}.{resource.name}` lets {_world(cidr)} in on {where}."
        + defaults_note(deciding),
        attack_vector="Internet-wide scanners find the open port within minutes and try "
        "known exploits, default credentials and password guessing against the service.",
        impact="Whatever listens on the port is reachable by anyone: an administrative shell, "
        "a database, an internal dashboard.",
        confidence=SPEC.confidence.lowered() if lowered else SPEC.confidence,
        fix=Fix(summary="Narrow the source to the addresses or security groups that need it."),
    )


def _inline_rules(resource: IacResource) -> list[dict[str, IacAttribute]]:
    """`ingress` blocks, or the objects of an `ingress = [...]` argument (each with the
    argument's lines)."""
    found = blocks(resource, "ingress")
    listed = own(resource, "ingress")
    document = json_document(listed.value) if listed is not None else None
    if listed is None or not isinstance(document, list):
        return found
    for entry in document:
        if isinstance(entry, dict):
            found.append(
                {
                    str(k): listed.model_copy(update={"name": f"ingress.{k}", "value": _text(v)})
                    for k, v in entry.items()
                }
            )
    return found


def _text(value: object) -> str:
    """An item of an `ingress = [...]` list rendered as the extractor renders arguments."""
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), default=str)


def _rules(resource: IacResource) -> tuple[list[dict[str, IacAttribute]], str]:
    if resource.type == "aws_security_group":
        return _inline_rules(resource), "protocol"
    whole = {a.name: a for a in resource.attributes if a.resource == ""}
    if resource.type == "aws_security_group_rule" and "type" in whole:
        return ([whole] if whole["type"].value == "ingress" else []), "protocol"
    if resource.type == "aws_vpc_security_group_ingress_rule":
        return [whole], "ip_protocol"
    return [], ""


def _other_match(resource: IacResource, rule: OpenIngress) -> Match:
    """An open CloudFormation, Azure or Google Cloud rule (`model.network_rules`)."""
    where = "every port" if rule.ports == "all" else f"port {rule.ports}"
    if rule.ports == "unknown":
        where = "ports written as an expression (not read)"
    return iac_match(
        SPEC,
        resource,
        [rule.source, *rule.deciding],
        Wording(
            message=f"{label(resource)} lets every address (`{rule.opened}`) in on {where}.",
            attack_vector="Internet-wide scanners find the open port within minutes and try "
            "known exploits, default credentials and password guessing against the service.",
            impact="Whatever listens on the port is reachable by anyone.",
            fix="Narrow the source to the addresses that need it.",
        ),
        qualifier=rule.qualifier,
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        for other in open_ingress(resource):
            if other.ports != "web":
                yield _other_match(resource, other)
        rules, protocol = _rules(resource)
        for n, rule in enumerate(rules):
            match = _match(resource, rule, protocol, n)
            if match is not None:
                yield match
