"""The register file `.threatdelta/register.yaml`: triage decisions and custom threats.

Triage state lives here, never on a threat. A decision targets one threat by id
(`th-0123456789ab`), every threat of a rule (`rule:TD-S001`), every threat of one element
(`element:endpoint:GET /health`) or of every element whose key starts with a prefix
(`element:endpoint:GET /admin/*`). A custom threat is a threat a human found (business
logic the rules cannot see); it is reported like the others with `source: human`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from threatdelta.findings.threat import Severity, Stride
from threatdelta.model.base import Frozen

REGISTER_PATH = ".threatdelta/register.yaml"
REGISTER_FILE_VERSION = 1
THREAT_ID = re.compile(r"^th-[0-9a-f]{12}$")
RULE_ID = re.compile(r"^TD-[A-Z]+[0-9]*$")
RULE_PREFIX = "rule:"
ELEMENT_PREFIX = "element:"
WILDCARD = "*"
_EVIDENCE = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<start>[0-9]+)(?:-(?P<end>[0-9]+))?$")
MAX_TEXT = 4000


class TriageStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    MITIGATED = "mitigated"
    FALSE_POSITIVE = "false_positive"
    IN_PROGRESS = "in_progress"


SUPPRESSING = frozenset(
    {TriageStatus.ACCEPTED, TriageStatus.MITIGATED, TriageStatus.FALSE_POSITIVE}
)


def is_suppressed(status: TriageStatus) -> bool:
    """Accepted, mitigated and false-positive threats leave the gate and are shown apart."""
    return status in SUPPRESSING


class TargetKind(StrEnum):
    THREAT = "threat"  # one threat id
    ELEMENT = "element"  # every threat of one element key
    ELEMENT_PREFIX = "element-prefix"  # every threat of elements whose key starts with ...
    RULE = "rule"  # every threat of one rule


def target_kind(target: str) -> TargetKind:
    if target.startswith(RULE_PREFIX):
        return TargetKind.RULE
    if target.startswith(ELEMENT_PREFIX):
        return TargetKind.ELEMENT_PREFIX if target.endswith(WILDCARD) else TargetKind.ELEMENT
    return TargetKind.THREAT


def _check_target(target: str) -> str:
    target = target.strip()
    kind = target_kind(target)
    if kind is TargetKind.RULE and not RULE_ID.match(target.removeprefix(RULE_PREFIX)):
        raise ValueError(f"{target!r}: a rule wildcard is rule:<rule id>, e.g. rule:TD-S001")
    if kind in (TargetKind.ELEMENT, TargetKind.ELEMENT_PREFIX):
        rest = target.removeprefix(ELEMENT_PREFIX).removesuffix(WILDCARD)
        if not rest.strip() or WILDCARD in rest:
            raise ValueError(
                f"{target!r}: an element target is element:<key> or element:<key prefix>*"
            )
    if kind is TargetKind.THREAT and not THREAT_ID.match(target):
        raise ValueError(
            f"{target!r}: not a threat id (th- and 12 hex digits), rule:<id> or element:<key>"
        )
    return target


class Decision(Frozen):
    """One triage decision. `justification` is required for every status but `open`."""

    target: str = Field(min_length=1, max_length=MAX_TEXT)
    status: TriageStatus
    justification: str = Field(default="", max_length=MAX_TEXT)
    owner: str = Field(default="", max_length=200)
    ticket: str = Field(default="", max_length=500)
    decided_by: str = Field(default="", max_length=200)
    decided_at: datetime | None = None
    expires: date | None = None
    element_fingerprint: str = Field(default="", max_length=128)

    @field_validator("target")
    @classmethod
    def _valid_target(cls, value: str) -> str:
        return _check_target(value)

    @model_validator(mode="after")
    def _justified(self) -> Decision:
        if self.status is not TriageStatus.OPEN and not self.justification.strip():
            raise ValueError(f"a {self.status.value} decision needs a justification")
        if self.element_fingerprint and self.kind in (TargetKind.RULE, TargetKind.ELEMENT_PREFIX):
            raise ValueError("element_fingerprint only applies to a threat id or one element")
        return self

    @property
    def kind(self) -> TargetKind:
        return target_kind(self.target)


class CustomThreat(Frozen):
    """A threat written by hand for an element. Its id is stable: derived from the element
    key and `name` (or the title when no name is given), never from lines."""

    element: str = Field(min_length=1, max_length=MAX_TEXT)
    title: str = Field(min_length=1, max_length=300)
    name: str = Field(default="", max_length=200)  # a stable handle; keeps the id on retitle
    stride: tuple[Stride, ...] = Field(min_length=1)
    description: str = Field(default="", max_length=MAX_TEXT)
    attack_vector: str = Field(min_length=1, max_length=MAX_TEXT)
    impact: str = Field(min_length=1, max_length=MAX_TEXT)
    cwe: tuple[int, ...] = ()
    severity: Severity | None = None
    cvss_vector: str = Field(default="", max_length=200)
    evidence: str = Field(max_length=1000)  # path:line or path:start-end
    justification: str = Field(default="", max_length=MAX_TEXT)  # why a human thinks so
    owner: str = Field(default="", max_length=200)

    @field_validator("evidence")
    @classmethod
    def _path_line(cls, value: str) -> str:
        match = _EVIDENCE.match(value.strip())
        if match is None or int(match["start"]) < 1:
            raise ValueError(f"{value!r}: evidence is path:line or path:start-end")
        end = match["end"]
        if end is not None and int(end) < int(match["start"]):
            raise ValueError(f"{value!r}: the end line is before the start line")
        return value.strip()

    @model_validator(mode="after")
    def _rated(self) -> CustomThreat:
        if self.severity is None and not self.cvss_vector:
            raise ValueError("a custom threat needs a severity or a cvss_vector")
        return self

    def evidence_span(self) -> tuple[str, int, int]:
        """(path, first line, last line) of the evidence."""
        match = _EVIDENCE.match(self.evidence)
        if match is None:  # the validator guarantees the shape
            raise ValueError(self.evidence)
        start = int(match["start"])
        return match["path"], start, int(match["end"] or start)


class RegisterFile(Frozen):
    version: int = REGISTER_FILE_VERSION
    decisions: tuple[Decision, ...] = ()
    custom_threats: tuple[CustomThreat, ...] = ()

    def decision_for(self, target: str) -> Decision | None:
        return next((d for d in self.decisions if d.target == target), None)
