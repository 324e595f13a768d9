"""The JSON threat register: the on-disk and `--format json` document, as pydantic models.
`threatdelta schema` prints its JSON Schema, so the published schema is the code's."""

from __future__ import annotations

from typing import Any

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from threatdelta.findings.threat import Fix, Threat
from threatdelta.llm.usage import LlmRun
from threatdelta.model.base import Evidence, Frozen, Notification
from threatdelta.model.threat_model import ThreatModel
from threatdelta.report import REGISTER_SCHEMA_VERSION, ScanReport, ScanStats, ToolInfo
from threatdelta.reporters.optional_blocks import omit_absent_blocks
from threatdelta.reporters.triage_json import TriageOut, triage_out


class EvidenceOut(Frozen):
    path: str
    start_line: int
    end_line: int
    role: str

    @staticmethod
    def of(evidence: Evidence) -> EvidenceOut:
        loc = evidence.location
        return EvidenceOut(
            path=loc.path,
            start_line=loc.start_line,
            end_line=loc.end_line,
            role=evidence.role.value,
        )


class ElementOut(Frozen):
    key: str
    kind: str
    name: str
    evidence: tuple[EvidenceOut, ...] = ()


class ThreatOut(Frozen):
    id: str
    rule_id: str
    stride: tuple[str, ...] = Field(description="STRIDE letters, primary first")
    title: str
    message: str
    attack_vector: str
    impact: str
    cwe: tuple[int, ...]
    capec: tuple[int, ...]
    cvss_vector: str
    score: float
    severity: str
    confidence: str
    element: str
    evidence: tuple[EvidenceOut, ...]
    fix: Fix | None
    source: str

    @staticmethod
    def of(t: Threat) -> ThreatOut:
        return ThreatOut(
            id=t.id,
            rule_id=t.rule_id,
            stride=tuple(s.value for s in t.stride),
            title=t.title,
            message=t.message,
            attack_vector=t.attack_vector,
            impact=t.impact,
            cwe=t.cwe,
            capec=t.capec,
            cvss_vector=t.cvss_vector,
            score=t.score,
            severity=t.severity.value,
            confidence=t.confidence.value,
            element=t.element,
            evidence=tuple(EvidenceOut.of(e) for e in t.evidence),
            fix=t.fix,
            source=t.source.value,
        )


class RegisterDocument(Frozen):
    """`threatdelta scan --format json`."""

    schema_version: str = REGISTER_SCHEMA_VERSION
    tool: ToolInfo
    elements: tuple[ElementOut, ...]
    threats: tuple[ThreatOut, ...]
    notifications: tuple[Notification, ...]
    stats: ScanStats
    model: ThreatModel
    llm: LlmRun | None = Field(
        default=None, description="the AI analyst's run; absent when it did not run"
    )
    triage: TriageOut | None = Field(
        default=None, description="triage from .threatdelta/register.yaml; absent without one"
    )

    @model_serializer(mode="wrap")
    def _omit_absent_llm(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """No `llm` or `triage` key unless the analyst ran or a register applied."""
        return omit_absent_blocks(handler(self))


def register_document(report: ScanReport) -> RegisterDocument:
    elements = tuple(
        ElementOut(
            key=e.key,
            kind=e.kind.value,
            name=e.name,
            evidence=tuple(EvidenceOut.of(ev) for ev in e.evidence),
        )
        for e in report.model.elements()
    )
    return RegisterDocument(
        schema_version=report.schema_version,
        tool=report.tool,
        elements=elements,
        threats=tuple(ThreatOut.of(t) for t in report.threats),
        notifications=report.notifications,
        stats=report.stats,
        model=report.model,
        llm=report.llm,
        triage=triage_out(report.triage),
    )
