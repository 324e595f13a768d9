"""TD-I016 on hand-built security groups: which ranges and ports fire, the web-port
exemption, confidence, and odd values that must not crash the rule."""

from __future__ import annotations

import pytest

from threatdelta.findings.threat import Confidence
from threatdelta.model import Evidence, IacAttribute, IacResource, Location, ThreatModel
from threatdelta.rules.information_disclosure import security_group_open_to_world
from threatdelta.rules.spec import Match


def _attr(name: str, value: str, line: int, *within: int, **kw: object) -> IacAttribute:
    location = Location(path="main.tf", start_line=line, end_line=line)
    return IacAttribute(
        name=name,
        value=value,
        evidence=(Evidence(location=location),),
        blocks=within,
        **kw,  # type: ignore[arg-type]
    )


def _threats(kind: str, *attributes: IacAttribute) -> list[Match]:
    resource = IacResource(type=kind, name="g", attributes=attributes)
    return list(security_group_open_to_world.check(ThreatModel(iac=(resource,))))


def _rule(low: str, high: str, cidr: str, protocol: str = "tcp") -> list[Match]:
    return _threats(
        "aws_security_group_rule",
        _attr("type", "ingress", 1),
        _attr("from_port", low, 2),
        _attr("to_port", high, 3),
        _attr("protocol", protocol, 4),
        _attr("cidr_blocks", cidr, 5),
    )


@pytest.mark.parametrize(
    ("low", "high", "protocol"),
    [("22", "22", "tcp"), ("80", "443", "tcp"), ("0", "0", "-1"), ("443", "443", "all")],
)
def test_world_range_on_a_non_web_port_fires_on_the_range_line(
    low: str, high: str, protocol: str
) -> None:
    [match] = _rule(low, high, '["0.0.0.0/0"]', protocol)
    assert match.evidence[0].location.start_line == 5
    assert match.confidence is Confidence.HIGH


@pytest.mark.parametrize(
    ("low", "cidr"), [("443", '["0.0.0.0/0"]'), ("80", '["::/0"]'), ("22", '["10.0.0.0/8"]')]
)
def test_web_ports_and_narrow_ranges_do_not_fire(low: str, cidr: str) -> None:
    assert _rule(low, low, cidr) == []


@pytest.mark.parametrize("cidr", ['[{"a":1}, "0.0.0.0/0"]', "[not json", '"0.0.0.0/0"', "[]"])
def test_odd_range_values_never_raise(cidr: str) -> None:
    found = _rule("22", "22", cidr)
    assert len(found) == (1 if cidr.startswith("[{") else 0)


def test_expression_ports_fire_with_lower_confidence() -> None:
    [match] = _rule("${local.port}", "abc", '["0.0.0.0/0"]')
    assert match.confidence is Confidence.MEDIUM
    assert "expression" in match.message


def test_each_open_ingress_block_is_its_own_match() -> None:
    found = _threats(
        "aws_security_group",
        _attr("ingress.from_port", "22", 3, 2),
        _attr("ingress.to_port", "22", 4, 2),
        _attr("ingress.cidr_blocks", '["0.0.0.0/0"]', 5, 2),
        _attr("ingress.cidr_blocks", '["::/0"]', 8, 7),
        _attr("ingress.from_port", "5432", 9, 7),
        _attr("ingress.to_port", "5432", 10, 7),
    )
    assert [(m.evidence[0].location.start_line, m.qualifier) for m in found] == [(5, ""), (8, "1")]
