"""Managed database firewall that admits every internet address.

What it flags:
    An Azure database firewall rule (`azurerm_mssql_firewall_rule`, `azurerm_sql_firewall_rule`,
    `azurerm_postgresql_firewall_rule`, `azurerm_mysql_firewall_rule`, and their
    `_flexible_server_` forms) from `0.0.0.0` to `255.255.255.255`, and a Cloud SQL instance
    (`google_sql_database_instance`) with a public IP (`ipv4_enabled` not `false`) and an
    `authorized_networks` entry of `0.0.0.0/0`. A value from a variable default counts, with
    lower confidence.

Why it matters:
    The database's login becomes the only control between the internet and the data:
    scanners find the endpoint, then guess passwords, replay leaked credentials or exploit
    the engine, with nothing narrowing who may try.

Evidence used:
    The firewall rule or instance with values substituted by the linker; the first evidence
    is the end address or the authorized network's `value`.

Does not fire when:
    The range is narrower; `0.0.0.0`-`0.0.0.0` (Azure's "allow Azure services", a different
    and narrower exposure); the Cloud SQL instance has no public IP
    (`ipv4_enabled = false`).

Known false positives:
    Databases that only hold public data, or that are torn down after tests; accept them in
    the register.

Remediation:
    List the application's egress addresses (or use private endpoints / Private Service
    Connect / the Cloud SQL Auth Proxy) instead of the whole internet.

References:
    CWE-284 Improper Access Control; CWE-668 Exposure of Resource to Wrong Sphere; CAPEC-49
    Password Brute Forcing; Azure SQL documentation, "IP firewall rules"; Cloud SQL
    documentation, "Authorized networks".
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import is_false, label
from threatdelta.model.iac_settings import blocks, own
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I026",
    name="database-firewall-open-to-world",
    title="Database firewall open to the internet",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(284, 668),
    capec=(49,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:L",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_AZURE_ENGINES = ("mssql", "sql", "postgresql", "mysql", "mariadb")
_AZURE_RULES = {
    *(f"azurerm_{e}_firewall_rule" for e in _AZURE_ENGINES),
    *(f"azurerm_{e}_flexible_server_firewall_rule" for e in _AZURE_ENGINES),
}
_WORLD = {"0.0.0.0/0", "::/0"}
_IP_CONFIG = "settings.ip_configuration"


def _azure(rule: IacResource) -> list[IacAttribute]:
    start, end = own(rule, "start_ip_address"), own(rule, "end_ip_address")
    if start is None or end is None:
        return []
    if start.value == "0.0.0.0" and end.value == "255.255.255.255":  # noqa: S104 (a range)
        return [end, start]
    return []


def _gcp(instance: IacResource) -> list[IacAttribute]:
    if is_false(own(instance, f"{_IP_CONFIG}.ipv4_enabled")):
        return []
    found: list[IacAttribute] = []
    for network in blocks(instance, f"{_IP_CONFIG}.authorized_networks"):
        value = network.get("value")
        if value is not None and value.value in _WORLD:
            found.append(value)
    listed = own(instance, f"{_IP_CONFIG}.authorized_networks")
    if listed is not None and any(
        isinstance(n, dict) and n.get("value") in _WORLD for n in _objects(listed.value)
    ):
        found.append(listed)
    return found


def _objects(value: str) -> list[object]:
    try:
        parsed = json.loads(value) if value.startswith("[") else []
    except (ValueError, RecursionError):
        return []
    return parsed if isinstance(parsed, list) else []


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        if resource.type in _AZURE_RULES:
            deciding = _azure(resource)
        elif resource.type == "google_sql_database_instance":
            deciding = _gcp(resource)
        else:
            continue
        if not deciding:
            continue
        yield iac_match(
            SPEC,
            resource,
            deciding,
            Wording(
                message=f"{label(resource)} admits every internet address to the database: "
                "its login is the only thing between the internet and the data.",
                attack_vector="Scanners find the database endpoint and try leaked or guessed "
                "credentials and engine exploits from anywhere.",
                impact="Read and write access to the data for whoever gets past the login.",
                fix="Allow only the application's addresses, or use private connectivity.",
            ),
        )
