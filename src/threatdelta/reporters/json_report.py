"""`--format json`: the threat register document."""

from __future__ import annotations

from threatdelta.report import ScanReport
from threatdelta.reporters.register_format import register_document


def render_json(report: ScanReport) -> str:
    return register_document(report).model_dump_json(indent=2) + "\n"
