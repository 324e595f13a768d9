"""Database instance reachable from the internet.

What it flags:
    A Terraform `aws_db_instance`, `aws_rds_cluster_instance` or `aws_rds_cluster` with
    `publicly_accessible = true` (CloudFormation `AWS::RDS::DBInstance` with
    `PubliclyAccessible: true`), and an Azure `azurerm_mssql_server`,
    `azurerm_postgresql_flexible_server` or `azurerm_mysql_flexible_server` with
    `public_network_access_enabled = true`; also when the `true` is the default of a
    variable of the same folder or of a template parameter (then with lower confidence).

Why it matters:
    A publicly accessible RDS instance gets a public DNS name that resolves to a public
    address: once a security group lets traffic in, anyone can reach the database's login,
    guess passwords and exploit engine vulnerabilities, with no application in between.

Evidence used:
    The database resource with variable defaults substituted by the linker; the first
    evidence is the `publicly_accessible` argument, then the variable default when used.

Does not fire when:
    The setting is `false`, absent, or an expression that is not a variable default of the
    folder. (An Azure server that leaves `public_network_access_enabled` out is public by
    the provider's default but is not reported: only a written `true` is.)

Known false positives:
    The database can still be shielded by its security groups or by a private subnet group
    with no internet gateway, or an Azure server by firewall rules (TD-I026 reports the
    world-open ones), none of which is read here. A default can be overridden at deploy
    time.

Remediation:
    Set `publicly_accessible = false`, place the instance in private subnets, and reach it
    from the application's security group, a bastion or SSM port forwarding.

References:
    CWE-668 Exposure of Resource to Wrong Sphere; CAPEC-49 Password Brute Forcing; OWASP
    API8:2023 Security Misconfiguration; Amazon RDS User Guide, "Working with a DB instance
    in a VPC".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.iac_lookup import label, spelled
from threatdelta.model.iac_settings import defaults_note, evidence_of
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I017",
    name="database-publicly-accessible",
    title="Database reachable from the internet",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(668,),
    capec=(49,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:L",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.SAFE,
)

_PUBLIC = {
    "aws_db_instance": "publicly_accessible",
    "aws_rds_cluster_instance": "publicly_accessible",
    "aws_rds_cluster": "publicly_accessible",
    "cfn:AWS::RDS::DBInstance": "PubliclyAccessible",
    "azurerm_mssql_server": "public_network_access_enabled",
    "azurerm_postgresql_flexible_server": "public_network_access_enabled",
    "azurerm_mysql_flexible_server": "public_network_access_enabled",
}


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        public = spelled(resource, _PUBLIC)
        if public is None or public.value.lower() != "true":
            continue
        yield Match(
            element=resource.key,
            evidence=evidence_of([public]),
            message=f"{label(resource)} is publicly accessible (`{public.name} = true`): it is "
            "reachable on a public address, and its network rules alone keep the internet out."
            + defaults_note([public]),
            attack_vector="An attacker resolves the database's public endpoint and attacks its "
            "login directly (password guessing, leaked credentials, engine vulnerabilities).",
            impact="Read and write access to every table the stolen or guessed account reaches.",
            confidence=SPEC.confidence.lowered() if public.variables else SPEC.confidence,
            fix=Fix(summary="Set `publicly_accessible = false` and keep it in private subnets."),
        )
