"""Volume, file system or queue stored without encryption at rest.

What it flags:
    An EBS volume (`aws_ebs_volume`, `AWS::EC2::Volume`) or EFS file system
    (`aws_efs_file_system`, `AWS::EFS::FileSystem`) with `encrypted` / `Encrypted` false or
    not written (unencrypted by default); an SQS queue (`aws_sqs_queue`, `AWS::SQS::Queue`)
    with SQS-managed encryption turned off (`sqs_managed_sse_enabled = false`) and no KMS
    key; an SNS topic (`aws_sns_topic`, `AWS::SNS::Topic`) without a KMS key (topics are not
    encrypted at rest by default). A value from a variable default counts, with lower
    confidence.

Why it matters:
    Snapshots, backups and the underlying media outlive the instance that wrote them. A
    snapshot shared by mistake, copied by an over-privileged role, or a queue read through
    the storage layer exposes the data with no key policy standing in the way.

Evidence used:
    The resource with values substituted by the linker; the first evidence is the
    encryption argument, or the resource's block when it is not written.

Does not fire when:
    Encryption is on or a KMS key is set; an EBS volume without `encrypted` when the
    repository turns on EBS encryption by default (`aws_ebs_encryption_by_default` with
    `enabled = true`); the value is an expression that cannot be read.

Known false positives:
    Account-wide EBS default encryption configured outside this repository is not seen.
    Queues and topics carrying only non-sensitive events may not need a customer key.

Remediation:
    Set `encrypted = true` (with a `kms_key_id` if needed), keep SQS-managed encryption on
    or set `kms_master_key_id`, and give SNS topics `kms_master_key_id`.

References:
    CWE-311 Missing Encryption of Sensitive Data; CAPEC-37 Retrieve Embedded Sensitive Data;
    AWS EBS User Guide, "Amazon EBS encryption"; AWS Security Hub controls EC2.3, EFS.1,
    SNS.1, SQS.1.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import is_false, is_true, label, spelled
from threatdelta.model.iac_settings import own
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I028",
    name="storage-unencrypted",
    title="Storage not encrypted at rest",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(311,),
    capec=(37,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)

_ENCRYPTED = {
    "aws_ebs_volume": "encrypted",
    "cfn:AWS::EC2::Volume": "Encrypted",
    "aws_efs_file_system": "encrypted",
    "cfn:AWS::EFS::FileSystem": "Encrypted",
}
_EBS = {"aws_ebs_volume", "cfn:AWS::EC2::Volume"}
_QUEUE_SSE = {
    "aws_sqs_queue": "sqs_managed_sse_enabled",
    "cfn:AWS::SQS::Queue": "SqsManagedSseEnabled",
}
_KMS = {
    "aws_sqs_queue": "kms_master_key_id",
    "cfn:AWS::SQS::Queue": "KmsMasterKeyId",
    "aws_sns_topic": "kms_master_key_id",
    "cfn:AWS::SNS::Topic": "KmsMasterKeyId",
}
_TOPICS = {"aws_sns_topic", "cfn:AWS::SNS::Topic"}


def _ebs_default_on(model: ThreatModel) -> bool:
    return any(
        r.type == "aws_ebs_encryption_by_default" and is_true(own(r, "enabled")) for r in model.iac
    )


def _unencrypted(resource: IacResource, ebs_default: bool) -> tuple[list[IacAttribute], str] | None:
    if resource.type in _ENCRYPTED:
        setting = spelled(resource, _ENCRYPTED)
        if setting is not None:
            return ([setting], "turns encryption off") if is_false(setting) else None
        if resource.type in _EBS and ebs_default:
            return None
        return [], "does not turn encryption on (unencrypted by default)"
    if spelled(resource, _KMS) is not None:
        return None
    sse = spelled(resource, _QUEUE_SSE)
    if sse is not None and is_false(sse):
        return [sse], "turns SQS-managed encryption off and sets no KMS key"
    if resource.type in _TOPICS:
        return [], "sets no KMS key: messages are stored unencrypted"
    return None


def check(model: ThreatModel) -> Iterator[Match]:
    ebs_default = _ebs_default_on(model)
    for resource in model.iac:
        found = _unencrypted(resource, ebs_default)
        if found is None:
            continue
        deciding, said = found
        yield iac_match(
            SPEC,
            resource,
            deciding,
            Wording(
                message=f"{label(resource)} {said}.",
                attack_vector="A snapshot shared by mistake, or a role that can copy "
                "snapshots or read the storage layer, takes the data with no key policy "
                "in the way.",
                impact="Disclosure of everything written to the volume, file system or "
                "queue, including from old snapshots.",
                fix="Turn on encryption at rest (with a customer-managed KMS key where "
                "access must be controlled).",
            ),
        )
