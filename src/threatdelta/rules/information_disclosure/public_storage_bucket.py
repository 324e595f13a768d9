"""Storage bucket that anyone on the internet can read.

What it flags:
    A CloudFormation `AWS::S3::Bucket` with a public `AccessControl` (`PublicRead`,
    `PublicReadWrite`, `AuthenticatedRead`) not voided by its own
    `PublicAccessBlockConfiguration`; a Google Cloud Storage bucket grant
    (`google_storage_bucket_iam_member|binding`, `..._access_control`) to `allUsers` or
    `allAuthenticatedUsers`; an Azure storage account with `allow_nested_items_to_be_public =
    true` or a container with `container_access_type` `blob` or `container`. And a Terraform
    `aws_s3_bucket` made public by its effective ACL or bucket policy: a canned ACL
    `public-read`, `public-read-write` or `authenticated-read` (inline `acl`, or an
    `aws_s3_bucket_acl` of the bucket), a grant to the AllUsers or AuthenticatedUsers group, or
    a policy (inline `policy`, or an `aws_s3_bucket_policy`, as a JSON literal, heredoc or
    `jsonencode({...})`) with an `Allow` statement whose principal is `"*"` or `{"AWS": "*"}`
    and that has no `Condition`. A value that comes from a variable default of the same folder
    counts, with lower confidence.

Why it matters:
    Whoever finds the bucket name (it is in URLs, page sources, DNS, leaked logs, and is
    guessed by scanners that enumerate bucket names all day) lists and downloads every
    object without credentials; with `public-read-write` or a public `s3:PutObject` they
    also replace or plant objects (malware, defaced assets) and run up the bill.

Evidence used:
    The bucket's IaC element with the settings of its `aws_s3_bucket_*` companions folded
    in by the linker (`bucket = aws_s3_bucket.<name>.id`), and the variable defaults
    substituted into them. The first evidence is the argument that makes the bucket public
    (`acl`, the grant's `uri`, `policy`); when the value came from a variable default, the
    default's line follows.

Does not fire when:
    An `aws_s3_bucket_public_access_block` of the bucket neutralises the setting
    (`block_public_acls` or `ignore_public_acls` for an ACL, `block_public_policy` or
    `restrict_public_buckets` for a policy); ownership controls `BucketOwnerEnforced`
    disable ACLs; the public statement has a `Condition` (it may limit callers to a VPC
    endpoint, an organisation or an address range, so it is not judged); the policy is
    built elsewhere (`data.aws_iam_policy_document`, a local) and is not visible as a
    literal; the ACL or policy resource names its bucket by a literal or a variable.

Known false positives:
    A variable default can be overridden by `-var` or a tfvars file given with `-var-file`,
    which are not read (`terraform.tfvars`, `*.auto.tfvars` and module inputs are): a public
    setting that comes only from a default is reported with lower confidence. An account-level
    `aws_s3_account_public_access_block` is not taken into account. Buckets meant to be public
    (a static website, public downloads) are reported too: accept the threat in the register
    with that justification.

Remediation:
    Remove the public ACL (`acl = "private"`, or drop the ACL and set ownership controls to
    `BucketOwnerEnforced`), narrow the policy to the principals that need it, and add an
    `aws_s3_bucket_public_access_block` with all four flags `true`. Serve public content
    through CloudFront with an origin access control instead of a public bucket.

References:
    CWE-732 Incorrect Permission Assignment for Critical Resource; CAPEC-1 Accessing
    Functionality Not Properly Constrained by ACLs; OWASP API8:2023 Security
    Misconfiguration; AWS S3 User Guide, "Blocking public access to your Amazon S3 storage".
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model import public_storage
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import label
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I009",
    name="public-storage-bucket",
    title="Storage bucket readable by anyone",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(732,),
    capec=(1,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)

_PUBLIC_ACLS = {"public-read", "public-read-write", "authenticated-read"}
_PUBLIC_GROUPS = ("/groups/global/AllUsers", "/groups/global/AuthenticatedUsers")
_ACL_BLOCKS = {"block_public_acls", "ignore_public_acls"}
_POLICY_BLOCKS = {"block_public_policy", "restrict_public_buckets"}


def _set_by(attribute: IacAttribute, companion: str) -> bool:
    """Set on the bucket itself or by a companion resource of type `companion`."""
    return attribute.resource == "" or attribute.resource.startswith(f"iac:{companion}.")


def _everyone(principal: object) -> bool:
    if isinstance(principal, dict):
        principal = principal.get("AWS")
    return principal == "*" or (isinstance(principal, list) and "*" in principal)


def is_public_policy(text: str) -> bool:
    """A policy document with an `Allow` statement for everyone and no `Condition`."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return False
    statements = document.get("Statement", []) if isinstance(document, dict) else []
    return any(
        isinstance(s, dict)
        and s.get("Effect") == "Allow"
        and _everyone(s.get("Principal"))
        and not s.get("Condition")
        for s in (statements if isinstance(statements, list) else [statements])
    )


def _exposure(a: IacAttribute) -> str:
    """`acl` or `policy` when the attribute makes the bucket public that way, else ""."""
    if _set_by(a, "aws_s3_bucket_acl") and (
        (a.name == "acl" and a.value in _PUBLIC_ACLS)
        or (a.name.endswith("uri") and a.value.endswith(_PUBLIC_GROUPS))
    ):
        return "acl"
    if a.name == "policy" and _set_by(a, "aws_s3_bucket_policy") and is_public_policy(a.value):
        return "policy"
    return ""


def _neutralised(bucket: IacResource) -> set[str]:
    """The exposures voided by the bucket's public access block or ownership controls."""
    flags = {
        a.name
        for a in bucket.attributes
        if a.resource.startswith("iac:aws_s3_bucket_public_access_block.") and a.value == "true"
    }
    enforced = any(
        a.resource.startswith("iac:aws_s3_bucket_ownership_controls.")
        and a.name == "rule.object_ownership"
        and a.value == "BucketOwnerEnforced"
        for a in bucket.attributes
    )
    voided = {"acl"} if flags & _ACL_BLOCKS or enforced else set()
    return voided | ({"policy"} if flags & _POLICY_BLOCKS else set())


def _described(kind: str, a: IacAttribute) -> str:
    text = f'`{a.name} = "{a.value}"`' if kind == "acl" else "a policy that allows `*`"
    if a.resource:
        text += f" in {a.resource.removeprefix('iac:')}"
    if a.variables:
        text += " (the default of `var." + "`, `var.".join(a.variables) + "`)"
    return text


def _message(bucket: IacResource, exposures: list[tuple[str, IacAttribute]]) -> str:
    causes = "; ".join(_described(kind, a) for kind, a in exposures)
    parts = [f"S3 bucket `{bucket.name}` is public: {causes}; no public access block voids it."]
    if all(a.variables for _, a in exposures):
        parts.append("The value is a variable default, which a tfvars file may override.")
    if any(a.name.startswith("website") or "website" in a.resource for a in bucket.attributes):
        parts.append("The bucket also hosts a website: accept this if it is meant to be public.")
    return " ".join(parts)


def _match(bucket: IacResource, exposures: list[tuple[str, IacAttribute]]) -> Match:
    only_defaults = all(a.variables for _, a in exposures)
    return Match(
        element=bucket.key,
        evidence=tuple(dict.fromkeys(ev for _, a in exposures for ev in a.evidence)),
        message=_message(bucket, exposures),
        attack_vector="Anyone who learns or guesses the bucket name lists and downloads its "
        "objects with no credentials (and, when write is granted, replaces or plants them).",
        impact="Disclosure of every object in the bucket: exports, backups, reports, user "
        "uploads, whatever the application writes there.",
        confidence=SPEC.confidence.lowered() if only_defaults else SPEC.confidence,
        fix=Fix(
            summary="Make the bucket private (no public ACL, no `*` principal) and add an "
            "`aws_s3_bucket_public_access_block` with all four flags set to true."
        ),
    )


def _other_match(resource: IacResource, found: list[tuple[IacAttribute, str]]) -> Match:
    """A public CloudFormation, Google Cloud or Azure bucket (`model.public_storage`)."""
    causes = "; ".join(said for _, said in found)
    return iac_match(
        SPEC,
        resource,
        [a for a, _ in found],
        Wording(
            message=f"{label(resource)} makes storage public: {causes}.",
            attack_vector="Anyone who learns or guesses the bucket or container name lists "
            "and downloads its objects with no credentials.",
            impact="Disclosure of every object stored there.",
            fix="Remove the public grant or setting; serve public content through a CDN "
            "with its own access control.",
        ),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for bucket in model.iac:
        others = public_storage.exposures(bucket)
        if others:
            yield _other_match(bucket, others)
        if bucket.type != "aws_s3_bucket":
            continue
        voided = _neutralised(bucket)
        exposures = [(kind, a) for a in bucket.attributes if (kind := _exposure(a))]
        exposures = [(kind, a) for kind, a in exposures if kind not in voided]
        if exposures:
            yield _match(bucket, exposures)
