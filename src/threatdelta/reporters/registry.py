"""Scan output formats: name -> pure renderer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from threatdelta.report import ScanReport
from threatdelta.reporters.json_report import render_json
from threatdelta.reporters.markdown import render_markdown
from threatdelta.reporters.sarif import render_sarif
from threatdelta.reporters.terminal import render_terminal

Renderer = Callable[[ScanReport], str]

SCAN_FORMATS: Mapping[str, Renderer] = MappingProxyType(
    {
        "text": render_terminal,
        "json": render_json,
        "sarif": render_sarif,
        "markdown": render_markdown,
    }
)
