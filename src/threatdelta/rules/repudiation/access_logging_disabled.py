"""Storage bucket whose object accesses are not logged.

What it flags:
    An S3 bucket (`aws_s3_bucket`, CloudFormation `AWS::S3::Bucket`) with no server access
    logging: no `logging` block, no `aws_s3_bucket_logging` resource attached to it, no
    `LoggingConfiguration`. Applies only to buckets that hold data worth tracing: a bucket
    that is itself a log target (named as another bucket's `target_bucket`, or named for
    logs: `log`, `logs`, `audit`, `trail` in its name) is not flagged.

Why it matters:
    When objects leak, are overwritten or deleted, access logs are what tells who did it,
    from where and when. Without them an incident cannot be scoped: nobody can say which
    exports were downloaded, by which principal, and the actor can deny it.

Evidence used:
    The bucket resource after the linker folded its companion resources in; the first
    evidence is the bucket's block.

Does not fire when:
    The bucket has a `logging` block or `LoggingConfiguration`, or an attached
    `aws_s3_bucket_logging`; the bucket is a log target as described above.

Known false positives:
    CloudTrail data events for S3 (not read) also record object access; buckets of
    public, non-sensitive assets may not need logs. Accept those in the register.

Remediation:
    Add an `aws_s3_bucket_logging` resource (or `LoggingConfiguration`) sending access logs
    to a dedicated log bucket, or enable CloudTrail S3 data events for the bucket.

References:
    CWE-778 Insufficient Logging; CAPEC-268 Audit Log Manipulation; OWASP Top 10 A09:2021
    Security Logging and Monitoring Failures; AWS S3 User Guide, "Logging requests with
    server access logging".
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
    name="storage-access-logging-disabled",
    title="Bucket access not logged",
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


def check(model: ThreatModel) -> Iterator[Match]:
    targets = _targets(model)
    for bucket in model.iac:
        if bucket.type not in _BUCKETS or _logged(bucket) or _log_bucket(bucket, targets):
            continue
        yield iac_match(
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
