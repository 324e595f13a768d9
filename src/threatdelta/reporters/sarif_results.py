"""SARIF results from threats, and the location and message helpers they share with
notifications.

A result's first location is the threat's first evidence (where to fix); the other evidence
becomes `relatedLocations`. URIs are repo-relative POSIX paths, percent-encoded, relative to
`%SRCROOT%`. Messages are SARIF plain text, where `[` and `]` would start an embedded link, so
literal brackets from repository content are escaped with a backslash (SARIF 3.11.6).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

import sarif_om as om

from threatdelta.findings.threat import Threat
from threatdelta.model.base import Evidence, EvidenceRole, Location
from threatdelta.register.apply import Triaged
from threatdelta.reporters.sarif_rules import sarif_level
from threatdelta.reporters.sarif_suppressions import suppressions, triage_properties

SRCROOT = "%SRCROOT%"
THREAT_FINGERPRINT = "threatdelta/v1"
LINE_HASH_FINGERPRINT = "primaryLocationLineHash"
_ROLE_TEXT = {
    EvidenceRole.PRIMARY: "Where to fix.",
    EvidenceRole.SPEC: "API specification.",
    EvidenceRole.CONFIG: "Configuration.",
    EvidenceRole.CALLER: "Caller.",
}


def plain_text(text: str) -> str:
    """SARIF plain-text message: literal brackets escaped, one sentence-terminated line."""
    text = " ".join(text.split()).replace("[", "\\[").replace("]", "\\]")
    return text if text.endswith((".", "!", "?")) else text + "."


def artifact_location(path: str) -> om.ArtifactLocation:
    """A repo-relative path as a relative URI under %SRCROOT% (percent-encoded, so a `:`
    or a space in a file name cannot turn it into a scheme or an invalid URI)."""
    return om.ArtifactLocation(uri=quote(path.lstrip("/"), safe="/"), uri_base_id=SRCROOT)


def physical_location(location: Location) -> om.PhysicalLocation:
    return om.PhysicalLocation(
        artifact_location=artifact_location(location.path),
        region=om.Region(start_line=location.start_line, end_line=location.end_line),
    )


def _related(evidence: tuple[Evidence, ...]) -> list[om.Location] | None:
    related = [
        om.Location(
            id=number,
            physical_location=physical_location(item.location),
            message=om.Message(text=_ROLE_TEXT[item.role]),
        )
        for number, item in enumerate(evidence, start=1)
    ]
    return related or None


def _properties(threat: Threat) -> dict[str, object]:
    props: dict[str, object] = {
        "threatId": threat.id,
        "stride": [s.value for s in threat.stride],
        "severity": threat.severity.value,
        "confidence": threat.confidence.value,
        "element": threat.element,
        "source": threat.source.value,
    }
    if threat.fix is not None:
        props["fixSummary"] = threat.fix.summary
    return props


def threat_result(
    threat: Threat,
    rule_index: int,
    line_hash: str | None,
    fixes: list[om.Fix] | None = None,
    triaged: Triaged | None = None,
) -> om.Result:
    """One SARIF result. `line_hash` is the precomputed `primaryLocationLineHash`, if any;
    `fixes` the result's proven patch as SARIF fixes (`sarif_fixes`), if any; `triaged` its
    register status (a suppressed threat gets an external, accepted suppression)."""
    fingerprints = {THREAT_FINGERPRINT: threat.id}
    if line_hash is not None:
        fingerprints[LINE_HASH_FINGERPRINT] = line_hash
    message = f"{plain_text(threat.message)} Attack vector: {plain_text(threat.attack_vector)}"
    return om.Result(
        rule_id=threat.rule_id,
        rule_index=rule_index,
        level=sarif_level(threat.severity),
        message=om.Message(text=message),
        locations=[om.Location(physical_location=physical_location(threat.evidence[0].location))],
        related_locations=_related(threat.evidence[1:]),
        partial_fingerprints=fingerprints,
        fixes=fixes,
        properties={**_properties(threat), **triage_properties(triaged)},
        suppressions=suppressions(triaged),
    )


def threat_results(
    threats: tuple[Threat, ...],
    rule_index: Mapping[str, int],
    line_hashes: Mapping[tuple[str, int], str],
    fixes: Mapping[str, list[om.Fix]] | None = None,
    triage: Mapping[str, Triaged] | None = None,
) -> list[om.Result]:
    """Results in the report's order (reporters never sort or filter). `fixes` maps a
    threat id to its result's fixes, `triage` to its register status."""
    results = []
    for threat in threats:
        primary = threat.evidence[0].location
        line_hash = line_hashes.get((primary.path, primary.start_line))
        found = (fixes or {}).get(threat.id)
        triaged = (triage or {}).get(threat.id)
        results.append(threat_result(threat, rule_index[threat.rule_id], line_hash, found, triaged))
    return results
