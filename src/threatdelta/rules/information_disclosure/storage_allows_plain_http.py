"""Storage account that accepts plain HTTP or outdated TLS.

What it flags:
    An Azure storage account (`azurerm_storage_account`) with
    `enable_https_traffic_only = false` / `https_traffic_only_enabled = false`, or a
    `min_tls_version` of `TLS1_0` or `TLS1_1`; a Cloud SQL-style `ssl` toggle is TD-I027's.
    A value from a variable default counts, with lower confidence.

Why it matters:
    Requests to a storage account carry its data and, on shared-key or SAS access, the
    credentials that sign them. Over plain HTTP, or TLS 1.0/1.1 with their known
    weaknesses, anyone on the network path reads or alters them.

Evidence used:
    The storage account with values substituted by the linker; the first evidence is the
    HTTPS-only or TLS argument.

Does not fire when:
    HTTPS-only is on (the default) and the minimum TLS version is 1.2 or not written (the
    provider's default is `TLS1_2`).

Known false positives:
    Static website hosting behind a CDN that terminates TLS may use HTTP to the origin by
    design; accept it with that justification.

Remediation:
    Set `https_traffic_only_enabled = true` and `min_tls_version = "TLS1_2"`.

References:
    CWE-319 Cleartext Transmission of Sensitive Information; CWE-326 Inadequate Encryption
    Strength; CAPEC-157 Sniffing Attacks; Azure Storage documentation, "Require secure
    transfer" and "Enforce a minimum required version of TLS".
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
    id="TD-I025",
    name="storage-allows-plain-http",
    title="Storage account accepts plain HTTP or old TLS",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING),
    cwe=(319, 326),
    capec=(157,),
    cvss_vector="CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_HTTPS_ONLY = ("enable_https_traffic_only", "https_traffic_only_enabled")
_OLD_TLS = {"TLS1_0", "TLS1_1"}


def _weak(account: IacResource) -> list[tuple[IacAttribute, str]]:
    found = [
        (a, "accepts plain HTTP")
        for name in _HTTPS_ONLY
        if is_false(a := own(account, name)) and a is not None
    ]
    tls = own(account, "min_tls_version")
    if tls is not None and tls.value in _OLD_TLS:
        found.append((tls, f"accepts {tls.value.replace('_', '.')}"))
    return found


def check(model: ThreatModel) -> Iterator[Match]:
    for account in model.iac:
        if account.type != "azurerm_storage_account":
            continue
        for attribute, said in _weak(account):
            yield iac_match(
                SPEC,
                account,
                [attribute],
                Wording(
                    message=f"{label(account)} {said} (`{attribute.name} = "
                    f"{attribute.value}`): its data and request signatures can cross the "
                    "network readable.",
                    attack_vector="Someone on the network path (public Wi-Fi, a compromised "
                    "router) reads or alters the traffic to the account.",
                    impact="Disclosure of stored data and of SAS tokens or signed requests.",
                    fix='Require HTTPS and set `min_tls_version = "TLS1_2"`.',
                ),
                qualifier=attribute.name,
            )
