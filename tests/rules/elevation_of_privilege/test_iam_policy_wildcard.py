"""TD-E013 on hand-built IAM policies: which wildcards fire with which confidence, the
list/describe exemption, evidence order, and policies that are not visible literals."""

from __future__ import annotations

import pytest

from threatdelta.findings.threat import Confidence
from threatdelta.model import Evidence, IacAttribute, IacResource, Location, ThreatModel
from threatdelta.rules.elevation_of_privilege import iam_policy_wildcard
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
    resource = IacResource(type=kind, name="p", attributes=attributes)
    return list(iam_policy_wildcard.check(ThreatModel(iac=(resource,))))


def _policy(action: str, resource: str = '"arn:aws:s3:::b/*"', effect: str = "Allow") -> str:
    return f'{{"Statement":[{{"Effect":"{effect}","Action":{action},"Resource":{resource}}}]}}'


@pytest.mark.parametrize(
    ("action", "resource", "confidence"),
    [
        ('"*"', '"arn:aws:s3:::b/*"', Confidence.HIGH),
        ('["s3:GetObject","iam:*"]', '"arn:aws:s3:::b/*"', Confidence.MEDIUM),
        ('["sqs:SendMessage"]', '"*"', Confidence.LOW),
    ],
)
def test_wildcards_fire_with_their_confidence(
    action: str, resource: str, confidence: Confidence
) -> None:
    [match] = _threats("aws_iam_policy", _attr("policy", _policy(action, resource), 4))
    assert match.confidence is confidence
    assert match.evidence[0].location.start_line == 4


@pytest.mark.parametrize(
    "policy",
    [
        _policy('["ec2:DescribeInstances","s3:ListAllMyBuckets"]', '"*"'),
        _policy('"*"', '"*"', effect="Deny"),
        _policy('["s3:GetObject"]'),
        "${data.aws_iam_policy_document.p.json}",
        '{"Statement":"junk"}',
        "[1, 2]",
    ],
)
def test_specific_denied_listing_or_invisible_policies_do_not_fire(policy: str) -> None:
    assert _threats("aws_iam_role_policy", _attr("policy", policy, 4)) == []


def test_a_wildcard_from_a_variable_default_is_lowered_and_says_so() -> None:
    actions = _attr("statement.actions", '["*"]', 3, 2, variables=("actions",))
    resources = _attr("statement.resources", '["arn:aws:sqs:::q"]', 4, 2)
    [match] = _threats("data.aws_iam_policy_document", actions, resources)
    assert match.confidence is Confidence.MEDIUM
    assert "var.actions" in match.message
    assert [ev.location.start_line for ev in match.evidence] == [3, 4]


def test_a_resource_wildcard_points_at_the_resources_line() -> None:
    actions = _attr("statement.actions", '["sqs:SendMessage"]', 3, 2)
    resources = _attr("statement.resources", '["*"]', 4, 2)
    [match] = _threats("data.aws_iam_policy_document", actions, resources)
    assert [ev.location.start_line for ev in match.evidence] == [4, 3]


def test_role_inline_policies_are_read_and_other_types_are_not() -> None:
    inline = _attr("inline_policy.policy", _policy('"*"'), 6, 4)
    assert len(_threats("aws_iam_role", inline)) == 1
    assert _threats("aws_s3_bucket_policy", _attr("policy", _policy('"*"'), 2)) == []
