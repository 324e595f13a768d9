"""Threats, fixes, scoring and fingerprints."""

from threatdelta.findings.scoring import cvss_score, fingerprint
from threatdelta.findings.threat import (
    Applicability,
    Confidence,
    Fix,
    Severity,
    Stride,
    Threat,
    ThreatSource,
)

__all__ = [
    "Applicability",
    "Confidence",
    "Fix",
    "Severity",
    "Stride",
    "Threat",
    "ThreatSource",
    "cvss_score",
    "fingerprint",
]
