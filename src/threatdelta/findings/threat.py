"""A threat (finding): what a rule or analyst says about one element."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from threatdelta.findings.edit import TextEdit
from threatdelta.model.base import Evidence, Frozen


class Stride(StrEnum):
    SPOOFING = "S"
    TAMPERING = "T"
    REPUDIATION = "R"
    INFORMATION_DISCLOSURE = "I"
    DENIAL_OF_SERVICE = "D"
    ELEVATION_OF_PRIVILEGE = "E"

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").title()


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"critical": 4, "high": 3, "medium": 2, "low": 1}[self.value]

    @staticmethod
    def from_score(score: float) -> Severity:
        """CVSS 3.1 qualitative bands (0.0 'none' is reported as low)."""
        if score >= 9.0:
            return Severity.CRITICAL
        if score >= 7.0:
            return Severity.HIGH
        if score >= 4.0:
            return Severity.MEDIUM
        return Severity.LOW


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]

    def lowered(self) -> Confidence:
        return Confidence.MEDIUM if self is Confidence.HIGH else Confidence.LOW


class Applicability(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class Fix(Frozen):
    summary: str
    patch: str | None = None  # unified diff against the head content (proven patches only)
    applicability: Applicability = Applicability.DISPLAY_ONLY
    edits: tuple[TextEdit, ...] = ()  # the proven patch as line edits (SARIF, suggestions, apply)
    family: str = ""  # the remediation family that produced the patch
    guidance: str = ""  # what a human still has to check


class ThreatSource(StrEnum):
    RULE = "rule"
    LLM = "llm"
    HUMAN = "human"


class Threat(Frozen):
    id: str
    rule_id: str
    stride: tuple[Stride, ...] = Field(min_length=1)
    title: str
    message: str
    attack_vector: str
    impact: str
    cwe: tuple[int, ...] = ()
    capec: tuple[int, ...] = ()
    cvss_vector: str
    score: float
    severity: Severity
    confidence: Confidence
    element: str
    evidence: tuple[Evidence, ...] = Field(min_length=1)
    fix: Fix | None = None
    source: ThreatSource = ThreatSource.RULE
