"""Inbound network rules open to the whole internet, read from the CloudFormation, Azure
and Google Cloud spellings (Terraform's AWS security groups are read by TD-I016 itself):

- CloudFormation: `AWS::EC2::SecurityGroup` `SecurityGroupIngress.<n>.CidrIp|CidrIpv6`
  with `FromPort`/`ToPort`/`IpProtocol`, and `AWS::EC2::SecurityGroupIngress`;
- Azure: `azurerm_network_security_rule` and the `security_rule` blocks of an
  `azurerm_network_security_group`, `Inbound` + `Allow` from `*`, `Internet`, `Any`,
  `0.0.0.0/0`, with `destination_port_range(s)`;
- Google Cloud: `google_compute_firewall` (direction `INGRESS`, the default) with
  `source_ranges` holding `0.0.0.0/0`, and its `allow` blocks' protocol and ports.

Ports are summarised as `all`, `web` (only 80 and/or 443), `unknown`, or the ports as text.
"""

from __future__ import annotations

from threatdelta.model.base import Frozen
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_settings import blocks, items, own

WORLD = {"0.0.0.0/0", "::/0"}
_AZURE_WORLD = {"*", "Internet", "Any", "0.0.0.0/0", "::/0"}
_WEB = {"80", "443"}


class OpenIngress(Frozen):
    """One inbound rule open to everyone: the source attribute, the ports, and the other
    attributes that decide it (for evidence), and a qualifier telling rules apart."""

    source: IacAttribute
    ports: str
    deciding: tuple[IacAttribute, ...] = ()
    qualifier: str = ""

    @property
    def opened(self) -> str:
        """The open source range(s) as written (`0.0.0.0/0`, `Internet`)."""
        listed = [str(v) for v in items(self.source.value)]
        return ", ".join(v for v in listed if v in WORLD or v in _AZURE_WORLD) or self.source.value


def _summary(ports: list[str]) -> str:
    if not ports or any(p in {"*", "all", "-1", "0-65535"} for p in ports):
        return "all"
    if any("${" in p for p in ports):
        return "unknown"
    return "web" if set(ports) <= _WEB else ", ".join(ports)


def _cfn_rule(rule: dict[str, IacAttribute], n: str) -> OpenIngress | None:
    source = next(
        (rule[k] for k in ("CidrIp", "CidrIpv6") if k in rule and rule[k].value in WORLD), None
    )
    if source is None:
        return None
    protocol = rule.get("IpProtocol")
    low, high = rule.get("FromPort"), rule.get("ToPort")
    if protocol is not None and protocol.value in {"-1", "all"}:
        ports = "all"
    elif low is None or high is None:
        ports = "unknown"
    else:
        ports = _summary([low.value if low.value == high.value else f"{low.value}-{high.value}"])
    return OpenIngress(
        source=source, ports=ports, deciding=tuple(a for a in (low, high) if a), qualifier=n
    )


def _cfn(resource: IacResource) -> list[OpenIngress]:
    if resource.type == "cfn:AWS::EC2::SecurityGroupIngress":
        rules = {"": {a.name: a for a in resource.attributes}}
    else:
        rules = {}
        for attribute in resource.attributes:
            head, _, rest = attribute.name.partition(".")
            index, _, key = rest.partition(".")
            if head == "SecurityGroupIngress" and key:
                rules.setdefault(index, {})[key] = attribute
    return [r for n, rule in rules.items() if (r := _cfn_rule(rule, n)) is not None]


def _azure_rule(rule: dict[str, IacAttribute], n: str) -> OpenIngress | None:
    direction, access = rule.get("direction"), rule.get("access")
    if (
        direction is None
        or direction.value != "Inbound"
        or access is None
        or access.value != "Allow"
    ):
        return None
    source = next(
        (
            rule[k]
            for k in ("source_address_prefix", "source_address_prefixes")
            if k in rule and _AZURE_WORLD & {str(v) for v in items(rule[k].value)}
        ),
        None,
    )
    if source is None:
        return None
    ports = [
        str(v)
        for k in ("destination_port_range", "destination_port_ranges")
        if k in rule
        for v in items(rule[k].value)
    ]
    deciding = tuple(
        rule[k] for k in ("destination_port_range", "destination_port_ranges") if k in rule
    )
    return OpenIngress(source=source, ports=_summary(ports), deciding=deciding, qualifier=n)


def _azure(resource: IacResource) -> list[OpenIngress]:
    if resource.type == "azurerm_network_security_rule":
        listed = [{a.name: a for a in resource.attributes if not a.resource}]
    else:
        listed = blocks(resource, "security_rule")
    return [r for n, rule in enumerate(listed) if (r := _azure_rule(rule, str(n))) is not None]


def _gcp(firewall: IacResource) -> list[OpenIngress]:
    direction = own(firewall, "direction")
    ranges = own(firewall, "source_ranges")
    if (direction is not None and direction.value != "INGRESS") or ranges is None:
        return []
    if not WORLD & {str(v) for v in items(ranges.value)}:
        return []
    found: list[OpenIngress] = []
    for n, allow in enumerate(blocks(firewall, "allow")):
        protocol, ports = allow.get("protocol"), allow.get("ports")
        listed = [str(v) for v in items(ports.value)] if ports is not None else []
        summary = "all" if protocol is not None and protocol.value == "all" else _summary(listed)
        deciding = tuple(a for a in (ports, protocol) if a is not None)
        found.append(OpenIngress(source=ranges, ports=summary, deciding=deciding, qualifier=str(n)))
    return found


def open_ingress(resource: IacResource) -> list[OpenIngress]:
    """The resource's inbound rules open to everyone (none for types not read here)."""
    if resource.type in {"cfn:AWS::EC2::SecurityGroup", "cfn:AWS::EC2::SecurityGroupIngress"}:
        return _cfn(resource)
    if resource.type in {"azurerm_network_security_rule", "azurerm_network_security_group"}:
        return _azure(resource)
    if resource.type == "google_compute_firewall":
        return _gcp(resource)
    return []
