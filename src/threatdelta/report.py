"""The result of a scan, as reporters receive it."""

from __future__ import annotations

from pydantic import Field

from threatdelta import TOOL_NAME, __version__
from threatdelta.findings.threat import Threat
from threatdelta.llm.usage import LlmRun
from threatdelta.model.base import Frozen, Notification
from threatdelta.model.threat_model import ThreatModel
from threatdelta.register.apply import TriageResult

REGISTER_SCHEMA_VERSION = "1"


class ToolInfo(Frozen):
    name: str = TOOL_NAME
    version: str = __version__


class RuleInfo(Frozen):
    """What a reporter needs to know of a rule (SARIF rules, help text)."""

    id: str
    name: str
    title: str
    stride: tuple[str, ...]
    cwe: tuple[int, ...]
    help_markdown: str
    cvss_vector: str
    score: float
    severity: str
    description: str = ""  # the "What it flags" section, as one plain-text paragraph


class ScanStats(Frozen):
    files_read: int = 0
    files_analysed: int = 0
    files_skipped: int = 0


class ScanReport(Frozen):
    schema_version: str = REGISTER_SCHEMA_VERSION
    tool: ToolInfo = Field(default_factory=ToolInfo)
    model: ThreatModel
    threats: tuple[Threat, ...] = ()
    rules: tuple[RuleInfo, ...] = ()
    notifications: tuple[Notification, ...] = ()
    stats: ScanStats = Field(default_factory=ScanStats)
    llm: LlmRun | None = None  # only when the LLM analyst ran (reporters omit it when None)
    # each threat's status under the repository's register (empty when it has none)
    triage: TriageResult = Field(default_factory=TriageResult)
