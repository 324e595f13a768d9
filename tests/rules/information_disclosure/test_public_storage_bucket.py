"""TD-I009 on hand-built buckets: which setting exposes, what neutralises which exposure,
confidence and evidence order."""

from __future__ import annotations

import pytest

from threatdelta.findings.threat import Confidence
from threatdelta.model import (
    Evidence,
    EvidenceRole,
    IacAttribute,
    IacResource,
    Location,
    ThreatModel,
)
from threatdelta.rules.information_disclosure import public_storage_bucket
from threatdelta.rules.information_disclosure.public_storage_bucket import is_public_policy
from threatdelta.rules.spec import Match

_ACL = "iac:aws_s3_bucket_acl.b"
_POLICY = "iac:aws_s3_bucket_policy.b"
_BLOCK = "iac:aws_s3_bucket_public_access_block.b"
_PUBLIC_POLICY = '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}'


def _at(line: int, path: str = "main.tf", role: EvidenceRole = EvidenceRole.PRIMARY) -> Evidence:
    return Evidence(location=Location(path=path, start_line=line, end_line=line), role=role)


def _attr(name: str, value: str, line: int, resource: str = "", **kw: object) -> IacAttribute:
    return IacAttribute(name=name, value=value, resource=resource, evidence=(_at(line),), **kw)  # type: ignore[arg-type]


def _threats(*attributes: IacAttribute, kind: str = "aws_s3_bucket") -> list[Match]:
    bucket = IacResource(type=kind, name="b", evidence=(_at(1),), attributes=attributes)
    return list(public_storage_bucket.check(ThreatModel(iac=(bucket,))))


@pytest.mark.parametrize(
    "policy",
    [
        _PUBLIC_POLICY,
        '{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"}}}',
        '{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::1:root","*"]}}]}',
    ],
)
def test_allow_for_everyone_is_a_public_policy(policy: str) -> None:
    assert is_public_policy(policy)


@pytest.mark.parametrize(
    "policy",
    [
        '{"Statement":[{"Effect":"Deny","Principal":"*"}]}',
        '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"}}]}',
        '{"Statement":[{"Effect":"Allow","Principal":"*","Condition":{"IpAddress":{}}}]}',
        '{"Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"}}]}',
        "${data.aws_iam_policy_document.b.json}",
        "[1, 2]",
        "{not json",
    ],
)
def test_restricted_or_invisible_policies_are_not_public(policy: str) -> None:
    assert not is_public_policy(policy)


def test_block_public_acls_voids_the_acl_but_not_the_policy() -> None:
    [match] = _threats(
        _attr("acl", "public-read", 3, _ACL),
        _attr("policy", _PUBLIC_POLICY, 7, _POLICY),
        _attr("block_public_acls", "true", 11, _BLOCK),
        _attr("block_public_policy", "false", 12, _BLOCK),
    )
    assert match.evidence == (_at(7),)
    assert "policy" in match.message and "acl" not in match.message


def test_policy_flags_void_the_policy_but_not_the_acl() -> None:
    [match] = _threats(
        _attr("acl", "public-read-write", 3, _ACL),
        _attr("policy", _PUBLIC_POLICY, 7, _POLICY),
        _attr("restrict_public_buckets", "true", 11, _BLOCK),
    )
    assert match.evidence == (_at(3),)
    assert '`acl = "public-read-write"` in aws_s3_bucket_acl.b' in match.message


def test_a_default_only_exposure_has_lower_confidence_and_cites_the_default_second() -> None:
    default = _at(4, "variables.tf", EvidenceRole.CONFIG)
    acl = IacAttribute(
        name="acl",
        value="public-read",
        resource=_ACL,
        variables=("acl",),
        evidence=(_at(3), default),
    )
    [match] = _threats(acl)
    assert match.confidence is Confidence.MEDIUM
    assert match.evidence == (_at(3), default)
    assert "`var.acl`" in match.message and "tfvars" in match.message
    [literal] = _threats(
        acl, _attr("grant.uri", "http://acs.amazonaws.com/groups/global/AllUsers", 9)
    )
    assert literal.confidence is Confidence.HIGH
    assert literal.evidence == (_at(3), default, _at(9))


def test_only_buckets_and_their_own_or_acl_resource_settings_count() -> None:
    assert _threats(_attr("acl", "public-read", 3), kind="aws_s3_bucket_acl") == []
    assert _threats(_attr("acl", "public-read", 3, "iac:aws_s3_bucket_logging.b")) == []
    assert _threats(_attr("acl", "${var.acl}", 3, _ACL)) == []
    [website] = _threats(
        _attr("acl", "public-read", 3), _attr("website.index_document", "i.html", 5)
    )
    assert "website" in website.message
