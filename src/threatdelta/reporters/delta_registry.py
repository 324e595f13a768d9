"""`threatdelta diff` output formats: name -> pure renderer. (SARIF is not here: it renders the
complete head register with the scan's SARIF reporter.)"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from threatdelta.diff.delta import DeltaReport
from threatdelta.reporters.delta_json import render_delta_json
from threatdelta.reporters.delta_markdown import render_delta_markdown
from threatdelta.reporters.delta_text import render_delta_text

DeltaRenderer = Callable[[DeltaReport], str]

DIFF_FORMATS: Mapping[str, DeltaRenderer] = MappingProxyType(
    {
        "text": render_delta_text,
        "markdown": render_delta_markdown,
        "json": render_delta_json,
    }
)
