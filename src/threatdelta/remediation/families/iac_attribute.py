"""Fix family `iac-attribute`: a risky infrastructure setting that one value fixes.

Terraform, CloudFormation, Kubernetes and compose attributes such as `publicly_accessible`,
`storage_encrypted`, `enable_key_rotation`, `backup_retention_period`, a Lambda URL's
authorization type, `privileged` or `hostNetwork` get their safe value on the line the evidence
points at. When that line takes the value from a variable, a local or a tfvars entry, the value
is changed where it is set (the threat's `config` evidence); with no such place, or more than
one, no patch is offered. A missing Terraform attribute is added under the resource header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.edits import EditError, conventions, indentation
from threatdelta.remediation.families.iac_lines import (
    Assignment,
    Spot,
    assignment,
    is_generated,
    is_yaml,
    line_at,
    requote,
    spots,
    unquoted,
)

_REFERENCE = re.compile(r"^(?:var|local)\.(?P<name>\w+)$")
_HEADER = re.compile(r'^(?P<indent>[ \t]*)resource[ \t]+"(?P<type>[\w-]+)"[ \t]+"[\w-]+"[ \t]*\{')


@dataclass(frozen=True)
class _Rule:
    values: dict[str, str]  # attribute -> safe value (bare text; quoted like the old one)
    missing: dict[str, str]  # Terraform resource type -> attribute to add when absent
    applicability: Applicability
    guidance: str
    every: bool = False  # one threat for several lines (host namespaces): fix them all


_RULES: dict[str, _Rule] = {
    "TD-I017": _Rule(
        {
            "publicly_accessible": "false",
            "PubliclyAccessible": "false",
            "public_network_access_enabled": "false",
        },
        {},
        Applicability.SAFE,
        "Clients outside the network lose direct access; reach the database through the "
        "application or a bastion.",
    ),
    "TD-D009": _Rule(
        {"backup_retention_period": "7", "BackupRetentionPeriod": "7", "enabled": "true"},
        {},
        Applicability.SAFE,
        "Seven days of automated backups; adjust the retention to the recovery objective.",
    ),
    "TD-I018": _Rule(
        {"storage_encrypted": "true", "StorageEncrypted": "true"},
        {"aws_db_instance": "storage_encrypted", "aws_rds_cluster": "storage_encrypted"},
        Applicability.UNSAFE,
        "Encrypting storage forces the database to be replaced: migrate through an "
        "encrypted snapshot.",
    ),
    "TD-I028": _Rule(
        {
            "encrypted": "true",
            "Encrypted": "true",
            "sqs_managed_sse_enabled": "true",
            "SqsManagedSseEnabled": "true",
            "kms_master_key_id": '"alias/aws/sns"',
        },
        {
            "aws_ebs_volume": "encrypted",
            "aws_efs_file_system": "encrypted",
            "aws_sns_topic": "kms_master_key_id",
        },
        Applicability.UNSAFE,
        "Encrypting an existing volume or file system replaces it: copy the data through an "
        "encrypted snapshot. A topic gets the AWS-managed key; use your own KMS key where "
        "access must be controlled.",
    ),
    "TD-T013": _Rule(
        {"enable_key_rotation": "true", "EnableKeyRotation": "true"},
        {"aws_kms_key": "enable_key_rotation"},
        Applicability.SAFE,
        "The key rotates yearly; old key material still decrypts existing data.",
    ),
    "TD-I009": _Rule(
        {
            "acl": "private",
            "AccessControl": "Private",
            "allow_nested_items_to_be_public": "false",
            "allow_blob_public_access": "false",
            "container_access_type": "private",
        },
        {},
        Applicability.UNSAFE,
        "Objects stop being served anonymously: serve public content through a CDN with "
        "its own access control if something depends on it.",
    ),
    "TD-E006": _Rule(
        {"privileged": "false"},
        {},
        Applicability.UNSAFE,
        "Grant only the capabilities the container needs (`capabilities.add`) instead.",
    ),
    "TD-E010": _Rule(
        {"privileged": "false"},
        {},
        Applicability.UNSAFE,
        "Grant only the capabilities the service needs (`cap_add`) instead.",
    ),
    "TD-E008": _Rule(
        {"hostNetwork": "false", "hostPID": "false", "hostIPC": "false"},
        {},
        Applicability.UNSAFE,
        "The pod gets its own network, process and IPC namespaces: expose its ports through "
        "a Service instead of the node's.",
        every=True,
    ),
    "TD-S010": _Rule(
        {"authorization_type": "AWS_IAM", "AuthType": "AWS_IAM"},
        {},
        Applicability.UNSAFE,
        "Callers must now sign requests with IAM credentials (SigV4); update every client.",
    ),
}


class IacAttributeFamily:
    """Sets one risky infrastructure attribute to its safe value."""

    name = "iac-attribute"
    rules = frozenset(_RULES)

    def propose(self, request: FixRequest) -> Patch | None:
        rule = _RULES.get(request.threat.rule_id)
        if rule is None:
            return None
        edits = _every(request, rule) if rule.every else _one(request, rule)
        if not edits:
            return None
        edit = edits[0]
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=rule.applicability,
            summary=f"Set the setting to its safe value in `{edit.path}` line {edit.start}.",
            edits=edits,
            guidance=rule.guidance,
        )


def _one(request: FixRequest, rule: _Rule) -> tuple[TextEdit, ...]:
    edit = _edit(request, rule)
    return (edit,) if edit is not None else ()


def _every(request: FixRequest, rule: _Rule) -> tuple[TextEdit, ...]:
    """Every evidence line holding a literal risky value; none when one cannot be read."""
    edits: list[TextEdit] = []
    for spot in spots(request.threat):
        text = _text(request, spot.path)
        line = line_at(text, spot.line) if text is not None else None
        current = assignment(line, is_yaml(spot.path)) if line is not None else None
        if current is None or current.key not in rule.values:
            return ()
        if unquoted(current.value) != rule.values[current.key]:
            edits.append(_replace(spot, current, rule.values[current.key]))
    return tuple(edits)


def _edit(request: FixRequest, rule: _Rule) -> TextEdit | None:
    found = spots(request.threat)
    configs = [s for s in found if s.config]
    if len(configs) > 1:
        return None  # the value is set in several places: ambiguous
    primaries = [s for s in found if not s.config]
    for spot in primaries:
        text = _text(request, spot.path)
        line = line_at(text, spot.line) if text is not None else None
        if text is None or line is None:
            continue
        if (header := _HEADER.match(line)) is not None:
            return _missing(text, spot, header, rule)
        current = assignment(line, is_yaml(spot.path))
        if current is None or current.key not in rule.values:
            continue
        target = rule.values[current.key]
        if unquoted(current.value) == target:
            return None  # already safe
        reference = _REFERENCE.match(current.value.strip())
        if reference is None:
            return _replace(spot, current, target)
        return _at_config(request, configs, reference.group("name"), target)
    return None


def _at_config(request: FixRequest, configs: list[Spot], name: str, target: str) -> TextEdit | None:
    """The value where the variable or local `name` is set (tfvars, locals, default)."""
    if not configs:
        return None
    spot = configs[0]
    text = _text(request, spot.path)
    line = line_at(text, spot.line) if text is not None else None
    current = assignment(line, is_yaml(spot.path)) if line is not None else None
    if current is None or current.key not in {name, "default"}:
        return None
    if any(mark in current.value for mark in ("var.", "local.", "${", "(")):
        return None  # the value is itself computed
    if unquoted(current.value) == target:
        return None
    return _replace(spot, current, target)


def _replace(spot: Spot, current: Assignment, target: str) -> TextEdit:
    line = current.with_value(requote(current.value, target))
    return TextEdit(path=spot.path, start=spot.line, end=spot.line, lines=(line,))


def _missing(text: str, spot: Spot, header: re.Match[str], rule: _Rule) -> TextEdit | None:
    """`attribute = value` as the first line of a resource that lacks it."""
    key = rule.missing.get(header.group("type"))
    whole = line_at(text, spot.line) or ""
    if key is None or whole.rstrip() != header.group(0):
        return None  # not this rule's resource, or `resource ... { ... }` on one line
    try:
        unit = conventions(text).indent_unit
    except EditError:
        return None
    nxt = line_at(text, spot.line + 1) or ""
    inner = indentation(nxt) if nxt.strip() and nxt.strip() != "}" else header.group(1) + unit
    line = f"{inner}{key.ljust(_key_field(nxt))} = {rule.values[key]}"
    return TextEdit(path=spot.path, start=spot.line + 1, end=spot.line, lines=(line,))


def _key_field(line: str) -> int:
    """The width the next line gives its key before `=` (aligned blocks stay aligned)."""
    below = assignment(line, yaml=False)
    if below is None:
        return 0
    return len(below.key) + len(below.sep) - len(below.sep.lstrip(" \t")) - 1


def _text(request: FixRequest, path: str) -> str | None:
    text = request.text(path)
    return None if text is None or is_generated(text) else text
