"""Log group that deletes its logs too soon to investigate an incident.

What it flags:
    A CloudWatch log group (`aws_cloudwatch_log_group`, CloudFormation `AWS::Logs::LogGroup`)
    with `retention_in_days` / `RetentionInDays` between 1 and 89, and an Azure Log
    Analytics workspace (`azurerm_log_analytics_workspace`) keeping data under 90 days. A
    value from a variable default counts, with lower confidence.

Why it matters:
    Intrusions are found weeks or months after they start (the median dwell time is
    counted in weeks). Logs that expire after a few days are gone when the investigation
    starts, so what the attacker did cannot be reconstructed or attributed.

Evidence used:
    The log group resource with values substituted by the linker; the first evidence is the
    retention argument.

Does not fire when:
    The retention is 90 days or more, `0` or not written (CloudWatch then keeps logs
    forever), or an expression that cannot be read.

Known false positives:
    Logs exported elsewhere (a subscription filter to a SIEM or an archive bucket, not
    read) are kept there; debug or high-volume logs may be short-lived by design.

Remediation:
    Keep security-relevant logs at least 90 days online (365 is common for audit trails),
    or export them to an archive with a longer retention.

References:
    CWE-778 Insufficient Logging; CAPEC-268 Audit Log Manipulation; OWASP Top 10 A09:2021
    Security Logging and Monitoring Failures; PCI DSS 10.7 (one year, three months online).
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.iac_lookup import as_int, label, spelled
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.iac_match import Wording, iac_match
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-R005",
    name="log-retention-too-short",
    title="Logs kept too briefly to investigate",
    stride=(Stride.REPUDIATION,),
    cwe=(778,),
    capec=(268,),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_RETENTION = {
    "aws_cloudwatch_log_group": "retention_in_days",
    "cfn:AWS::Logs::LogGroup": "RetentionInDays",
    "azurerm_log_analytics_workspace": "retention_in_days",
}
MINIMUM_DAYS = 90


def check(model: ThreatModel) -> Iterator[Match]:
    for resource in model.iac:
        retention = spelled(resource, _RETENTION)
        days = as_int(retention)
        if retention is None or days is None or not 0 < days < MINIMUM_DAYS:
            continue
        yield iac_match(
            SPEC,
            resource,
            [retention],
            Wording(
                message=f"{label(resource)} keeps logs for {days} days: they are gone before "
                "most intrusions are discovered.",
                attack_vector="An attacker's actions are logged, then expire before anyone "
                "looks; patience is enough to erase the trail.",
                impact="Incidents cannot be reconstructed or attributed after the retention "
                "window.",
                fix=f"Keep the logs at least {MINIMUM_DAYS} days, or export them to an archive.",
            ),
        )
