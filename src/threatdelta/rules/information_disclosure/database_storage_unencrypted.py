"""Database storage not encrypted at rest.

What it flags:
    A Terraform `aws_db_instance` or `aws_rds_cluster` (CloudFormation
    `AWS::RDS::DBInstance`, `AWS::RDS::DBCluster`) whose `storage_encrypted`
    (`StorageEncrypted`) is `false` or absent (the default is unencrypted), also when the
    `false` is the default of a variable of the same folder or of a template parameter (then
    with lower confidence).

Why it matters:
    Unencrypted storage leaves the data readable in every snapshot, automated backup and
    read replica made from it: a snapshot shared by mistake or copied by someone with
    snapshot permissions discloses the whole database, with no KMS key policy to stop them.
    Encryption cannot be switched on later without a snapshot-restore migration.

Evidence used:
    The database resource with variable defaults substituted by the linker; the first
    evidence is the `storage_encrypted` argument when written, else the resource block.

Does not fire when:
    `storage_encrypted` is `true` or an expression that is not a variable default of the
    folder; the instance is a read replica (`replicate_source_db`, which inherits its
    source's encryption); the cluster is Aurora Serverless v1 (`engine_mode =
    "serverless"`, always encrypted); the cluster is restored from a snapshot
    (`snapshot_identifier`, which keeps the snapshot's encryption).

Known false positives:
    A default can be overridden by a tfvars file. A database holding only public data is
    reported too: accept the threat in the register with that justification.

Remediation:
    Set `storage_encrypted = true` (with a customer-managed `kms_key_id` where key policy
    control matters); for an existing database, restore an encrypted copy of a snapshot.

References:
    CWE-311 Missing Encryption of Sensitive Data; CAPEC-37 Retrieve Embedded Sensitive
    Data; OWASP API8:2023 Security Misconfiguration; Amazon RDS User Guide, "Encrypting
    Amazon RDS resources".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacResource
from threatdelta.model.iac_lookup import label, spelled
from threatdelta.model.iac_settings import defaults_note, evidence_of, own
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I018",
    name="database-storage-unencrypted",
    title="Database storage not encrypted at rest",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(311,),
    capec=(37,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.UNSAFE,
)

_ENCRYPTED = {
    "aws_db_instance": "storage_encrypted",
    "aws_rds_cluster": "storage_encrypted",
    "cfn:AWS::RDS::DBInstance": "StorageEncrypted",
    "cfn:AWS::RDS::DBCluster": "StorageEncrypted",
}
_INHERITS = (
    "replicate_source_db",
    "snapshot_identifier",
    "SourceDBInstanceIdentifier",
    "DBSnapshotIdentifier",
    "SnapshotIdentifier",
)


def _exempt(resource: IacResource) -> bool:
    if any(own(resource, name) is not None for name in _INHERITS):
        return True
    mode = own(resource, "engine_mode") or own(resource, "EngineMode")
    return mode is not None and mode.value == "serverless"


def _match(resource: IacResource) -> Match | None:
    setting = spelled(resource, _ENCRYPTED)
    if setting is not None and setting.value.lower() != "false":
        return None
    name = _ENCRYPTED[resource.type]
    said = f"sets `{name} = false`" if setting else f"does not set `{name}`"
    return Match(
        element=resource.key,
        evidence=evidence_of([setting]) if setting else resource.evidence[:1],
        message=f"{label(resource)} {said}: its storage, snapshots and "
        "backups are not encrypted at rest." + (defaults_note([setting]) if setting else ""),
        attack_vector="Someone with snapshot permissions (or a snapshot shared by mistake) "
        "copies the data out; no KMS key policy stands in the way.",
        impact="Disclosure of the whole database from any snapshot or backup.",
        confidence=SPEC.confidence.lowered()
        if setting is not None and setting.variables
        else SPEC.confidence,
        fix=Fix(summary="Set `storage_encrypted = true`, with a `kms_key_id` if needed."),
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        if resource.type in _ENCRYPTED and not _exempt(resource):
            match = _match(resource)
            if match is not None:
                yield match
