"""`threatdelta export --format json`: the register with each threat's status and the
decisions that match no current threat, as one JSON document."""

from __future__ import annotations

from threatdelta.exporters.register_rows import RegisterRow, register_rows
from threatdelta.model.base import Frozen
from threatdelta.register.schema import Decision
from threatdelta.report import ScanReport, ToolInfo

REGISTER_EXPORT_VERSION = "1"


class RegisterExport(Frozen):
    schema_version: str = REGISTER_EXPORT_VERSION
    tool: ToolInfo
    threats: tuple[RegisterRow, ...]
    orphans: tuple[Decision, ...] = ()  # decisions that match no current threat


def render_register_json(report: ScanReport) -> str:
    document = RegisterExport(
        tool=report.tool, threats=register_rows(report), orphans=report.triage.orphans
    )
    return document.model_dump_json(indent=2) + "\n"
