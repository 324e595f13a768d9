"""`threatdelta diff --format json`: the delta document, as pydantic models (its JSON Schema is
`DeltaDocument.model_json_schema()`).

Threats have the shape of the scan register's (`ThreatOut`). The complete head register is
not repeated here (SARIF carries it); `head_register` gives its counts, or is null when the
run built no head register (a change that touches nothing modelled).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from threatdelta.diff.delta import AffectedElement, ChangedFile, ChangeKind, DeltaReport
from threatdelta.llm.usage import LlmRun
from threatdelta.model.base import ElementKind, Frozen, Notification
from threatdelta.report import ToolInfo
from threatdelta.reporters.delta_summary import SeverityCounts, verdict
from threatdelta.reporters.optional_blocks import omit_absent_blocks
from threatdelta.reporters.register_format import EvidenceOut, ThreatOut
from threatdelta.reporters.triage_json import TriageOut, triage_out


class AffectedOut(Frozen):
    key: str
    kind: ElementKind
    change: ChangeKind
    reason: str = Field(description="why the element is considered affected, one sentence")
    evidence: tuple[EvidenceOut, ...] = ()

    @staticmethod
    def of(element: AffectedElement) -> AffectedOut:
        return AffectedOut(
            key=element.key,
            kind=element.kind,
            change=element.change,
            reason=element.reason,
            evidence=tuple(EvidenceOut.of(e) for e in element.evidence),
        )


class DeltaCounts(Frozen):
    introduced: SeverityCounts
    resolved: SeverityCounts
    persisting: SeverityCounts


class HeadRegisterCounts(Frozen):
    """Size of the complete head register (render it with `--format sarif` or `scan`)."""

    schema_version: str
    threats: SeverityCounts
    elements: int
    notifications: int


class DeltaDocument(Frozen):
    """`threatdelta diff --format json`."""

    schema_version: str
    tool: ToolInfo
    verdict: str = Field(
        description="one sentence; starts 'threatdelta: INCOMPLETE analysis' "
        "when part of the change was not analysed"
    )
    base: str
    head: str
    base_commit: str
    head_commit: str
    merge_base: str
    relevant: bool
    complete: bool
    changed_files: tuple[ChangedFile, ...]
    affected: tuple[AffectedOut, ...]
    counts: DeltaCounts
    introduced: tuple[ThreatOut, ...]
    resolved: tuple[ThreatOut, ...]
    persisting: tuple[ThreatOut, ...]
    notifications: tuple[Notification, ...]
    head_register: HeadRegisterCounts | None = Field(
        description="null when the change touches nothing modelled and no register was built"
    )
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


def _head_register(report: DeltaReport) -> HeadRegisterCounts | None:
    register = report.head_register
    if register is None:
        return None
    return HeadRegisterCounts(
        schema_version=register.schema_version,
        threats=SeverityCounts.of(register.threats),
        elements=sum(1 for _ in register.model.elements()),
        notifications=len(register.notifications),
    )


def delta_document(report: DeltaReport) -> DeltaDocument:
    return DeltaDocument(
        schema_version=report.schema_version,
        tool=report.tool,
        verdict=verdict(report),
        base=report.base,
        head=report.head,
        base_commit=report.base_commit,
        head_commit=report.head_commit,
        merge_base=report.merge_base,
        relevant=report.relevant,
        complete=report.complete,
        changed_files=report.changed_files,
        affected=tuple(AffectedOut.of(a) for a in report.affected),
        counts=DeltaCounts(
            introduced=SeverityCounts.of(report.introduced),
            resolved=SeverityCounts.of(report.resolved),
            persisting=SeverityCounts.of(report.persisting),
        ),
        introduced=tuple(ThreatOut.of(t) for t in report.introduced),
        resolved=tuple(ThreatOut.of(t) for t in report.resolved),
        persisting=tuple(ThreatOut.of(t) for t in report.persisting),
        notifications=report.notifications,
        head_register=_head_register(report),
        llm=report.head_register.llm if report.head_register is not None else None,
        triage=triage_out(report.triage, report.triage_changes),
    )


def render_delta_json(report: DeltaReport) -> str:
    return delta_document(report).model_dump_json(indent=2) + "\n"
