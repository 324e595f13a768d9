"""Managed database with automated backups turned off.

What it flags:
    An RDS instance or Aurora cluster with `backup_retention_period = 0` (CloudFormation
    `BackupRetentionPeriod: 0`), and a Cloud SQL instance whose
    `settings.backup_configuration.enabled` is `false`. A value from a variable default of
    the folder counts, with lower confidence.

Why it matters:
    Without automated backups there is no point-in-time recovery: a dropped table, a
    ransomware wipe by someone holding the credentials, or a bad migration is permanent.
    An attacker who gets write access only has to delete to deny the service for good.

Evidence used:
    The database resource with variable, tfvars and module values substituted; the first
    evidence is the retention or `enabled` argument.

Does not fire when:
    The retention is 1 day or more, not written (the providers default to 1 or 7 days), or
    an expression that cannot be read; read replicas (`replicate_source_db`), whose source
    holds the backups.

Known false positives:
    Scratch and test databases rebuilt from code need no backups; backups taken by another
    tool (AWS Backup plans, snapshots by a job) are not read. Accept those in the register.

Remediation:
    Set a retention of at least 7 days (`backup_retention_period = 7`), or enable the Cloud
    SQL backup configuration with point-in-time recovery.

References:
    CWE-693 Protection Mechanism Failure; CAPEC-607 Obstruction; AWS RDS User Guide,
    "Introduction to backups"; CIS AWS Foundations Benchmark, RDS controls.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.iac_lookup import as_int, is_false, label, spelled
from threatdelta.model.iac_settings import own
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-D009",
    name="database-backups-disabled",
    title="Database without automated backups",
    stride=(Stride.DENIAL_OF_SERVICE, Stride.TAMPERING),
    cwe=(693,),
    capec=(607,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:N/A:H",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.SAFE,
)

_RETENTION = {
    "aws_db_instance": "backup_retention_period",
    "aws_rds_cluster": "backup_retention_period",
    "cfn:AWS::RDS::DBInstance": "BackupRetentionPeriod",
    "cfn:AWS::RDS::DBCluster": "BackupRetentionPeriod",
}
_ENABLED = {"google_sql_database_instance": "settings.backup_configuration.enabled"}
_REPLICA = ("replicate_source_db", "SourceDBInstanceIdentifier", "master_instance_name")


def _wording(resource_label: str, said: str) -> Wording:
    return Wording(
        message=f"{resource_label} {said}: there are no automated backups and no "
        "point-in-time recovery.",
        attack_vector="Anyone who gains write access (stolen credentials, SQL injection, a "
        "compromised job) deletes or encrypts the data, and nothing restores it.",
        impact="Permanent loss of the database's data; the service is down until it is "
        "rebuilt by hand.",
        fix="Keep automated backups for at least 7 days.",
    )


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        if any(own(resource, name) is not None for name in _REPLICA):
            continue
        retention = spelled(resource, _RETENTION)
        if retention is not None and as_int(retention) == 0:
            said = f"keeps backups for 0 days (`{retention.name} = 0`)"
            yield iac_match(SPEC, resource, [retention], _wording(label(resource), said))
        enabled = spelled(resource, _ENABLED)
        if is_false(enabled) and enabled is not None:
            said = "has `backup_configuration { enabled = false }`"
            yield iac_match(SPEC, resource, [enabled], _wording(label(resource), said))
