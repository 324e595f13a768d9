"""S3 resources: which bucket a companion resource configures.

Since version 4 of the AWS provider a bucket's ACL, policy, public-access block, ownership
controls, website, versioning and encryption are separate `aws_s3_bucket_*` resources that
name their bucket in a `bucket` argument. When that argument refers to a bucket of the same
module (`aws_s3_bucket.reports.id`, `.bucket`, also through `[0]` / `[each.key]`), the
companion is attached to it, and the linker folds the companion's settings into the bucket.
A bucket named by a literal, a variable or a data source is not attached.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from threatdelta.extractors.iac.terraform_hcl import HclArgument

BUCKET = "aws_s3_bucket"
_COMPANION = BUCKET + "_"
_BUCKET_REF = re.compile(
    r"\$\{aws_s3_bucket\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?\.(?:id|bucket)\}"
)


def attached_bucket(resource_type: str, arguments: tuple[HclArgument, ...]) -> str:
    """The element key of the bucket an `aws_s3_bucket_*` resource configures, or ""."""
    if not resource_type.startswith(_COMPANION):
        return ""
    bucket = next((a for a in arguments if a.name == "bucket"), None)
    match = _BUCKET_REF.fullmatch(bucket.value) if bucket else None
    return f"iac:{BUCKET}.{match.group(1)}" if match else ""
