"""What every `threatdelta diff` output says first: the verdict and the severity counts.

The verdict is one plain-text sentence (no markup; each reporter styles it). A change whose
analysis is incomplete gets a verdict that starts with "INCOMPLETE analysis" and says threats
may be missing, whatever was found, so a partial analysis never reads as a clean result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from threatdelta.diff.delta import DeltaReport
from threatdelta.findings.threat import Severity, Threat
from threatdelta.model.base import Frozen

VERDICT_PREFIX = "threatdelta: "
INCOMPLETE = "INCOMPLETE analysis"
NOT_RELEVANT = "no architecture-relevant change"


class SeverityCounts(Frozen):
    total: int = 0
    critical: int = 0
    high: int = 0
    medium: int = 0
    low: int = 0

    @staticmethod
    def of(threats: Iterable[Threat]) -> SeverityCounts:
        counts = Counter(t.severity for t in threats)
        return SeverityCounts(
            total=sum(counts.values()),
            critical=counts[Severity.CRITICAL],
            high=counts[Severity.HIGH],
            medium=counts[Severity.MEDIUM],
            low=counts[Severity.LOW],
        )

    def count(self, severity: Severity) -> int:
        return int(getattr(self, severity.value))

    def breakdown(self) -> str:
        """'1 high, 1 medium' (most severe first, zero counts left out)."""
        return ", ".join(f"{self.count(s)} {s.value}" for s in Severity if self.count(s))


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _delta(report: DeltaReport, *, complete: bool) -> str:
    """'introduces 2 threats (1 high, 1 medium) and resolves 1'; zeros read 'no'/'none' only
    when the analysis is complete."""
    introduced = SeverityCounts.of(report.introduced)
    if introduced.total:
        threats = f"{plural(introduced.total, 'threat')} ({introduced.breakdown()})"
    else:
        threats = "no threats" if complete else "0 threats"
    resolved = str(len(report.resolved)) if report.resolved else ("none" if complete else "0")
    return f"introduces {threats} and resolves {resolved}"


def verdict(report: DeltaReport) -> str:
    """One sentence: what the change introduces and resolves, or why nothing was analysed."""
    unchanged = not report.relevant and not report.introduced and not report.resolved
    if report.complete:
        if unchanged:
            return VERDICT_PREFIX + NOT_RELEVANT
        return VERDICT_PREFIX + "this change " + _delta(report, complete=True)
    found = f"has {NOT_RELEVANT}" if unchanged else _delta(report, complete=False)
    return (
        f"{VERDICT_PREFIX}{INCOMPLETE}: part of the change was not analysed, so threats may be "
        f"missing; the analysed part {found}"
    )
