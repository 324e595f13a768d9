"""`--format sarif`: a SARIF 2.1.0 log for GitHub code scanning, built with sarif-om.

One run: `tool.driver` with every rule of the catalogue (see `sarif_rules`), one result per
threat in report order (see `sarif_results`), and `invocations[0]` with every notification of
the report as a `toolExecutionNotification`. `executionSuccessful` is true: a report exists
only when the scan finished, and what it could not analyse is in the notifications (level
`error` for crashed extractors or rules and exhausted budgets). `%SRCROOT%` is declared in
`originalUriBaseIds` without an absolute URI, because the report does not know where the
repository was checked out (and should not leak it); consumers resolve it to their checkout.

`primaryLocationLineHash` needs file contents, so it is computed beforehand
(`sarif_fingerprints.line_hashes_for_repository`) and passed in; without it each result carries
only our own stable fingerprint. Proven patches become `result.fixes` (`sarif_fixes`); they
need the patched files' newlines and line counts, which come in with the line hashes.
"""

from __future__ import annotations

import sarif_om as om

from threatdelta.model.base import Notification
from threatdelta.report import ScanReport
from threatdelta.reporters.llm_summary import llm_run_properties
from threatdelta.reporters.sarif_fingerprints import LineHashes
from threatdelta.reporters.sarif_fixes import sarif_fixes
from threatdelta.reporters.sarif_json import dumps
from threatdelta.reporters.sarif_results import (
    SRCROOT,
    artifact_location,
    plain_text,
    threat_results,
)
from threatdelta.reporters.sarif_rules import rule_descriptors

SARIF_VERSION = "2.1.0"
SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/threatdelta/threatdelta"


def tool_notification(note: Notification) -> om.Notification:
    locations = None
    if note.path:
        physical = om.PhysicalLocation(artifact_location=artifact_location(note.path))
        locations = [om.Location(physical_location=physical)]
    return om.Notification(
        level=note.level.value,
        message=om.Message(text=plain_text(note.message)),
        descriptor=om.ReportingDescriptorReference(id=note.code),
        locations=locations,
    )


def _invocation(report: ScanReport) -> om.Invocation:
    notes = [tool_notification(note) for note in report.notifications]
    return om.Invocation(execution_successful=True, tool_execution_notifications=notes or None)


def _driver(report: ScanReport, rules: list[om.ReportingDescriptor]) -> om.ToolComponent:
    return om.ToolComponent(
        name=report.tool.name,
        version=report.tool.version,
        semantic_version=report.tool.version,
        information_uri=INFORMATION_URI,
        rules=rules,
    )


def sarif_log(report: ScanReport, line_hashes: LineHashes | None = None) -> om.SarifLog:
    """The SARIF log of a report, as sarif-om objects."""
    rules, rule_index = rule_descriptors(report.rules, report.threats)
    hashes = line_hashes.lookup() if line_hashes is not None else {}
    shapes = line_hashes.shapes() if line_hashes is not None else {}
    fixes = {t.id: found for t in report.threats if (found := sarif_fixes(t.fix, shapes))}
    run = om.Run(
        tool=om.Tool(driver=_driver(report, rules)),
        results=threat_results(
            report.threats,
            rule_index,
            hashes,
            fixes,
            {e.threat.id: e for e in report.triage.entries},
        ),
        invocations=[_invocation(report)],
        original_uri_base_ids={
            SRCROOT: om.ArtifactLocation(
                description=om.Message(text="The root of the scanned repository.")
            )
        },
        properties={
            "registerSchemaVersion": report.schema_version,
            "filesRead": report.stats.files_read,
            "filesAnalysed": report.stats.files_analysed,
            "filesSkipped": report.stats.files_skipped,
            **llm_run_properties(report.llm),
        },
    )
    return om.SarifLog(version=SARIF_VERSION, schema_uri=SCHEMA_URI, runs=[run])


def render_sarif(report: ScanReport, line_hashes: LineHashes | None = None) -> str:
    """SARIF 2.1.0 JSON text. Pure: file-derived line hashes come in precomputed."""
    return dumps(sarif_log(report, line_hashes))
