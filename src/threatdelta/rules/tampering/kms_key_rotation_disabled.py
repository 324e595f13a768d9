"""Customer-managed encryption key that is never rotated.

What it flags:
    A symmetric AWS KMS key (`aws_kms_key`, CloudFormation `AWS::KMS::Key`) whose
    `enable_key_rotation` / `EnableKeyRotation` is `false` or not written (the default is
    off), and a Google Cloud KMS key (`google_kms_crypto_key`) without a
    `rotation_period`. A value from a variable default counts, with lower confidence.

Why it matters:
    Everything the key protects stays decryptable with the same key material for as long
    as the key lives. Key material exposed once (a misused grant, an over-broad key
    policy, a compromised admin) keeps working for every past and future ciphertext, and
    there is no cut-off to limit what was exposed.

Evidence used:
    The key resource with values substituted by the linker; the first evidence is the
    rotation argument, or the resource's block when it is not written.

Does not fire when:
    Rotation is on; the key is asymmetric or HMAC (`customer_master_key_spec` /
    `KeySpec` other than `SYMMETRIC_DEFAULT`, which AWS cannot rotate); the value is an
    expression that cannot be read.

Known false positives:
    Keys whose material is imported (`aws_kms_external_key`, not read) or rotated by a
    manual process are reported when written as ordinary keys.

Remediation:
    Set `enable_key_rotation = true` (yearly automatic rotation, or
    `rotation_period_in_days`), or give the Cloud KMS key a `rotation_period` such as
    `"7776000s"` (90 days).

References:
    CWE-324 Use of a Key Past its Expiration Date; CAPEC-97 Cryptanalysis; CIS AWS
    Foundations Benchmark 3.6; NIST SP 800-57 Part 1, cryptoperiods.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacResource
from threatdelta.model.iac_lookup import is_false, label, spelled
from threatdelta.model.iac_settings import own
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-T013",
    name="kms-key-rotation-disabled",
    title="Encryption key never rotated",
    stride=(Stride.TAMPERING, Stride.INFORMATION_DISCLOSURE),
    cwe=(324,),
    capec=(97,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:L/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.SAFE,
)

_ROTATION = {"aws_kms_key": "enable_key_rotation", "cfn:AWS::KMS::Key": "EnableKeyRotation"}
_SPEC = {"aws_kms_key": "customer_master_key_spec", "cfn:AWS::KMS::Key": "KeySpec"}
_SYMMETRIC = "SYMMETRIC_DEFAULT"
_WORDING = {
    "attack_vector": "Key material exposed once (an over-broad key policy or grant, a "
    "compromised administrator) decrypts every ciphertext the key ever protected.",
    "impact": "No cut-off limits what leaked key material reveals or lets be forged.",
}


def _unrotated(resource: IacResource) -> Match | None:
    if resource.type == "google_kms_crypto_key":
        if own(resource, "rotation_period") is not None:
            return None
        said = "has no `rotation_period`"
        deciding = []
    else:
        key_spec = spelled(resource, _SPEC)
        if key_spec is not None and key_spec.value != _SYMMETRIC:
            return None
        rotation = spelled(resource, _ROTATION)
        if rotation is not None and not is_false(rotation):
            return None
        deciding = [rotation] if rotation is not None else []
        said = "turns key rotation off" if rotation is not None else "does not enable rotation"
    return iac_match(
        SPEC,
        resource,
        deciding,
        Wording(
            message=f"{label(resource)} {said}: the same key material protects its data "
            "for as long as the key exists.",
            fix="Enable automatic key rotation.",
            **_WORDING,
        ),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        if resource.type in _ROTATION or resource.type == "google_kms_crypto_key":
            match = _unrotated(resource)
            if match is not None:
                yield match
