"""Managed database that accepts unencrypted client connections.

What it flags:
    A Cloud SQL instance (`google_sql_database_instance`) with a public IP whose
    `settings.ip_configuration` has `require_ssl = false`, `ssl_mode =
    "ALLOW_UNENCRYPTED_AND_ENCRYPTED"`, or neither (the default accepts plaintext); an
    Azure Database for PostgreSQL/MySQL single server (`azurerm_postgresql_server`,
    `azurerm_mysql_server`) with `ssl_enforcement_enabled = false`. A value from a
    variable default counts, with lower confidence.

Why it matters:
    Database sessions carry the credentials and every row read or written. When the server
    accepts plaintext, a misconfigured client or a downgrade on the network path sends
    them readable and alterable by anyone between the client and the server.

Evidence used:
    The database resource with values substituted by the linker; the first evidence is the
    `require_ssl` / `ssl_mode` / `ssl_enforcement_enabled` argument, or the resource's
    block when nothing is written.

Does not fire when:
    TLS is required (`require_ssl = true`, `ssl_mode = "ENCRYPTED_ONLY"` or
    `"TRUSTED_CLIENT_CERTIFICATE_REQUIRED"`, `ssl_enforcement_enabled = true`); a Cloud
    SQL instance without a public IP (`ipv4_enabled = false`) and nothing written, whose
    clients connect over the private network or the Auth Proxy.

Known false positives:
    Clients that always connect through the Cloud SQL Auth Proxy or connectors are
    encrypted whatever the setting; accept the threat with that justification.

Remediation:
    Set `ssl_mode = "ENCRYPTED_ONLY"` (or `require_ssl = true` on older providers), or
    `ssl_enforcement_enabled = true` on Azure.

References:
    CWE-319 Cleartext Transmission of Sensitive Information; CAPEC-157 Sniffing Attacks;
    Cloud SQL documentation, "Configure SSL/TLS certificates"; CIS Google Cloud Platform
    Foundations Benchmark 6.4.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import is_false, label
from threatdelta.model.iac_settings import own
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I027",
    name="database-allows-plaintext-connections",
    title="Database accepts connections without TLS",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING),
    cwe=(319,),
    capec=(157,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_IP_CONFIG = "settings.ip_configuration"
_PLAINTEXT_MODE = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
_AZURE = {"azurerm_postgresql_server", "azurerm_mysql_server"}


def _cloud_sql(instance: IacResource) -> list[IacAttribute] | None:
    """The deciding attributes when plaintext is accepted ([] when nothing is written)."""
    mode = own(instance, f"{_IP_CONFIG}.ssl_mode")
    if mode is not None:
        return [mode] if mode.value == _PLAINTEXT_MODE else None
    required = own(instance, f"{_IP_CONFIG}.require_ssl")
    if required is not None:
        return [required] if is_false(required) else None
    public = own(instance, f"{_IP_CONFIG}.ipv4_enabled")
    return [] if public is None or not is_false(public) else None


def _deciding(resource: IacResource) -> list[IacAttribute] | None:
    if resource.type == "google_sql_database_instance":
        return _cloud_sql(resource)
    if resource.type in _AZURE:
        enforced = own(resource, "ssl_enforcement_enabled")
        return [enforced] if enforced is not None and is_false(enforced) else None
    return None


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        deciding = _deciding(resource)
        if deciding is None:
            continue
        said = (
            f"`{deciding[0].name.rpartition('.')[2]} = {deciding[0].value}`"
            if deciding
            else ("no SSL mode (the default accepts plaintext) and a public IP")
        )
        yield iac_match(
            SPEC,
            resource,
            deciding,
            Wording(
                message=f"{label(resource)} has {said}: clients may connect without TLS, "
                "credentials and rows crossing the network readable.",
                attack_vector="Someone on the network path reads credentials and query "
                "results from an unencrypted session, or alters them.",
                impact="Disclosure of database credentials and data in transit.",
                fix="Require TLS for every connection to the database.",
            ),
        )
