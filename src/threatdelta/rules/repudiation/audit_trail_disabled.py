"""CloudTrail trail that does not record, or whose logs can be altered unnoticed.

What it flags:
    A Terraform `aws_cloudtrail` (CloudFormation `AWS::CloudTrail::Trail`) with
    `enable_logging = false` (`IsLogging: false`), or whose `enable_log_file_validation`
    (`EnableLogFileValidation`) is `false` or absent (the default is off). Each
    value also counts when it is the default of a variable of the same folder (then with
    lower confidence when that is the only cause).

Why it matters:
    CloudTrail is the record of who did what in the AWS account. A stopped trail records
    nothing; without log file validation, someone with write access to the log bucket edits
    or deletes entries and nobody can prove it. Either way an intruder's or an insider's
    actions cannot be traced or attributed.

Evidence used:
    The trail resource with variable defaults substituted by the linker; the first evidence
    is `enable_logging` when it is off, else `enable_log_file_validation` when written,
    else the resource block.

Does not fire when:
    `enable_logging` is `true` or absent (the default is on) and
    `enable_log_file_validation` is `true`, or either is an expression that is not a
    variable default of the folder.

Known false positives:
    A trail kept deliberately off (a disabled secondary region) is reported too: accept it
    in the register. An organisation trail defined in another account is not seen. A
    default can be overridden by a tfvars file.

Remediation:
    Set `enable_logging = true` and `enable_log_file_validation = true`, and keep the log
    bucket locked down (object lock or a separate log-archive account).

References:
    CWE-778 Insufficient Logging; CAPEC-268 Audit Log Manipulation; OWASP API8:2023
    Security Misconfiguration; AWS CloudTrail User Guide, "Validating CloudTrail log file
    integrity".
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.elements import IacAttribute, IacResource
from threatdelta.model.iac_lookup import label, spelled
from threatdelta.model.iac_settings import defaults_note, evidence_of
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-R003",
    name="audit-trail-disabled",
    title="Audit trail off or without integrity validation",
    stride=(Stride.REPUDIATION,),
    cwe=(778,),
    capec=(268,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:L/A:N",
    confidence=Confidence.HIGH,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)


_LOGGING = {"aws_cloudtrail": "enable_logging", "cfn:AWS::CloudTrail::Trail": "IsLogging"}
_VALIDATION = {
    "aws_cloudtrail": "enable_log_file_validation",
    "cfn:AWS::CloudTrail::Trail": "EnableLogFileValidation",
}


def _causes(trail: IacResource) -> tuple[list[str], list[IacAttribute]]:
    causes: list[str] = []
    deciding: list[IacAttribute] = []
    logging = spelled(trail, _LOGGING)
    if logging is not None and logging.value.lower() == "false":
        causes.append(f"logging is off (`{logging.name} = false`)")
        deciding.append(logging)
    validation = spelled(trail, _VALIDATION)
    if validation is None:
        causes.append("log file validation is not enabled")
    elif validation.value.lower() == "false":
        causes.append("log file validation is off")
        deciding.append(validation)
    return causes, deciding


def check(model: ThreatModel) -> Iterator[Match]:
    for trail in model.iac:
        if trail.type not in _LOGGING:
            continue
        causes, deciding = _causes(trail)
        if not causes:
            continue
        only_defaults = len(deciding) == len(causes) and all(a.variables for a in deciding)
        yield Match(
            element=trail.key,
            evidence=evidence_of(deciding) + trail.evidence[:1] if deciding else trail.evidence[:1],
            message=f"CloudTrail {label(trail)}: "
            + "; ".join(causes)
            + "."
            + defaults_note(deciding),
            attack_vector="An intruder or insider acts in the account while the trail is off, "
            "or edits the delivered log files to erase their traces.",
            impact="Actions in the AWS account cannot be traced to who did them, during an "
            "incident or an audit.",
            confidence=SPEC.confidence.lowered() if only_defaults else SPEC.confidence,
            fix=Fix(summary="Set `enable_logging = true` and `enable_log_file_validation = true`."),
        )
