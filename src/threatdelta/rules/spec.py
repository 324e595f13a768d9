"""What a rule is: a documented `RuleSpec`, and a pure `check(model)` that yields matches."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from enum import StrEnum
from types import ModuleType
from typing import Protocol

from pydantic import Field, field_validator

from threatdelta.findings.threat import Applicability, Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Evidence, Frozen
from threatdelta.model.threat_model import ThreatModel

RULE_ID = re.compile(r"^TD-[STRIDE]\d{3}$")
RULE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DOC_SECTIONS = (
    "What it flags",
    "Why it matters",
    "Evidence used",
    "Does not fire when",
    "Known false positives",
    "Remediation",
    "References",
)


class FixAvailability(StrEnum):
    NONE = "none"
    DISPLAY_ONLY = "display-only"
    UNSAFE = "unsafe"
    SAFE = "safe"


class RuleSpec(Frozen):
    id: str
    name: str  # kebab-case, names the risky pattern
    title: str
    stride: tuple[Stride, ...] = Field(min_length=1)  # primary first
    cwe: tuple[int, ...] = Field(min_length=1)
    capec: tuple[int, ...] = ()
    owasp: tuple[str, ...] = ()  # e.g. "API2:2023"
    cvss_vector: str
    confidence: Confidence
    applies_to: tuple[ElementKind, ...] = Field(min_length=1)
    fix: FixAvailability = FixAvailability.NONE

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError(f"rule id {value!r} is not TD-<S|T|R|I|D|E><NNN>")
        return value

    @field_validator("name")
    @classmethod
    def _name_format(cls, value: str) -> str:
        if not RULE_NAME.match(value):
            raise ValueError(f"rule name {value!r} is not kebab-case")
        return value


class Match(Frozen):
    """One place a rule fires. The first evidence is where to fix."""

    element: str  # element key
    evidence: tuple[Evidence, ...] = Field(min_length=1)
    message: str  # specific to the element
    attack_vector: str
    impact: str
    qualifier: str = ""  # distinguishes several matches of one rule on one element
    confidence: Confidence | None = None  # lower than the spec's when facts are unknown
    fix: Fix | None = None


class Rule(Protocol):
    """A rule module: docstring with the fixed sections, `SPEC` and `check`."""

    __name__: str
    __doc__: str | None
    SPEC: RuleSpec

    def check(self, model: ThreatModel) -> Iterator[Match]: ...


def rule_doc_sections(module: ModuleType | Rule) -> dict[str, str]:
    """Split a rule module's docstring into its fixed sections (`Heading:` lines)."""
    doc = module.__doc__ or ""
    sections: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in doc.splitlines():
        heading = line.strip().rstrip(":")
        if line.strip().endswith(":") and heading in DOC_SECTIONS:
            if current is not None:
                sections[current] = textwrap.dedent("\n".join(lines)).strip()
            current, lines = heading, []
        elif current is not None:
            lines.append(line)
    if current is not None:
        sections[current] = textwrap.dedent("\n".join(lines)).strip()
    return sections


def fix_applicability(availability: FixAvailability) -> Applicability | None:
    return {
        FixAvailability.NONE: None,
        FixAvailability.DISPLAY_ONLY: Applicability.DISPLAY_ONLY,
        FixAvailability.UNSAFE: Applicability.UNSAFE,
        FixAvailability.SAFE: Applicability.SAFE,
    }[availability]
