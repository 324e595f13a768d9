"""Bucket or network whose accesses are not logged.

What it flags:
    A VPC (`aws_vpc`, CloudFormation `AWS::EC2::VPC`) without a flow log: no `aws_flow_log`
    whose `vpc_id` is `aws_vpc.<name>.id`, no `AWS::EC2::FlowLog` whose `ResourceId` is `!Ref
    <Vpc>`. And an S3 bucket (`aws_s3_bucket`, CloudFormation `AWS::S3::Bucket`) with no server
    access logging: no `logging` block, no `aws_s3_bucket_logging` resource attached to it, no
    `LoggingConfiguration`. Applies only to buckets that hold data worth tracing: a bucket that
    is itself a log target (named as another bucket's `target_bucket`, or named for logs: `log`,
    `logs`, `audit`, `trail` in its name) is not flagged.

Why it matters:
    When objects leak, are overwritten or deleted, or a host is reached from an unexpected
    address, access logs and flow logs are what tell who did it, from where and when. Without
    them an incident cannot be scoped: nobody can say which exports were downloaded, by which
    principal, and the actor can deny it.

Evidence used:
    The bucket resource after the linker folded its companion resources in, or the VPC
    resource; the first evidence is its block.

Does not fire when:
    The bucket has a `logging` block or `LoggingConfiguration`, or an attached
    `aws_s3_bucket_logging`; the bucket is a log target as described above; a flow log of
    the repository names the VPC.

Known false positives:
    CloudTrail data events for S3 (not read) also record object access; buckets of
    public, non-sensitive assets may not need logs. A VPC created by a registry module
    (flow logs switched on by its inputs) is not seen; a flow log naming the VPC through a
    variable or a data source is not matched to it. Accept those in the register.

Remediation:
    Add an `aws_s3_bucket_logging` resource (or `LoggingConfiguration`) sending access logs
    to a dedicated log bucket, or enable CloudTrail S3 data events for the bucket; add an
    `aws_flow_log` (`AWS::EC2::FlowLog`) for each VPC.

References:
    CWE-778 Insufficient Logging; CAPEC-268 Audit Log Manipulation; OWASP Top 10 A09:2021
    Security Logging and Monitoring Failures; AWS S3 User Guide, "Logging requests with
    server access logging"; Amazon VPC User Guide, "Logging IP traffic using VPC Flow Logs";
    CIS AWS Foundations Benchmark 3.9.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacResource
from threatdelta.model.iac_lookup import label
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-R004",
    name="access-logging-disabled",
    title="Bucket or network access not logged",
    stride=(Stride.REPUDIATION,),
    cwe=(778,),
    capec=(268,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:N/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_BUCKETS = {"aws_s3_bucket", "cfn:AWS::S3::Bucket"}
_LOGGING = ("logging.", "LoggingConfiguration")
_LOG_NAME = re.compile(r"(^|[^a-z])(logs?|audit|trail|cloudtrail|access-?logs?)([^a-z]|$)", re.I)
_TARGET_REF = re.compile(r"aws_s3_bucket\.([A-Za-z_][A-Za-z0-9_-]*)|Ref ([A-Za-z0-9]+)")


def _targets(model: ThreatModel) -> set[str]:
    """Names of buckets other buckets send their access logs to."""
    found: set[str] = set()
    for resource in model.iac:
        for attribute in resource.attributes:
            if attribute.name.endswith(("target_bucket", "DestinationBucketName")):
                found |= {a or b for a, b in _TARGET_REF.findall(attribute.value)}
    return found


def _logged(bucket: IacResource) -> bool:
    return any(
        a.name.startswith(_LOGGING) or a.resource.startswith("iac:aws_s3_bucket_logging.")
        for a in bucket.attributes
    )


def _log_bucket(bucket: IacResource, targets: set[str]) -> bool:
    logical = bucket.name.rpartition(":")[2]
    names = [logical, *(a.value for a in bucket.attributes if a.name in {"bucket", "BucketName"})]
    return logical in targets or any(_LOG_NAME.search(n) for n in names)


_VPCS = {"aws_vpc", "cfn:AWS::EC2::VPC"}
_FLOW_REF = re.compile(r"aws_vpc\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?\.id|Ref ([A-Za-z0-9]+)")


def _logged_vpcs(model: ThreatModel) -> set[str]:
    """Names (Terraform) and logical ids (CloudFormation) of VPCs a flow log names."""
    found: set[str] = set()
    for resource in model.iac:
        if resource.type not in {"aws_flow_log", "cfn:AWS::EC2::FlowLog"}:
            continue
        for attribute in resource.attributes:
            if attribute.name in {"vpc_id", "ResourceId"}:
                found |= {a or b for a, b in _FLOW_REF.findall(attribute.value)}
    return found


def _vpc_match(vpc: IacResource) -> Match:
    return iac_match(
        SPEC,
        vpc,
        [],
        Wording(
            message=f"{label(vpc)} has no flow log: connections into, out of and across the "
            "network leave no record.",
            attack_vector="An intruder scans, moves between hosts and sends data out; "
            "without flow logs nobody can tell which addresses talked to which.",
            impact="Network-level incidents cannot be scoped or attributed.",
            fix="Add a flow log for the VPC (`aws_flow_log` / `AWS::EC2::FlowLog`).",
        ),
    )


def _bucket_match(bucket: IacResource) -> Match:
    return iac_match(
        SPEC,
        bucket,
        [],
        Wording(
            message=f"{label(bucket)} has no server access logging: reads, writes and "
            "deletions of its objects leave no record of who made them.",
            attack_vector="An insider or a holder of leaked keys downloads or deletes "
            "objects; without access logs nobody can tell what was taken, or by whom.",
            impact="Incidents cannot be scoped or attributed; the actor can deny the access.",
            fix="Send server access logs to a dedicated log bucket (`aws_s3_bucket_logging`).",
        ),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    targets, flows = _targets(model), _logged_vpcs(model)
    for resource in model.iac:
        if resource.type in _VPCS and resource.name.rpartition(":")[2] not in flows:
            yield _vpc_match(resource)
        logged = _logged(resource) or _log_bucket(resource, targets)
        if resource.type in _BUCKETS and not logged:
            yield _bucket_match(resource)
