"""`threatdelta fix`: select threats, prove their patches, print them or apply them.

Applying works in rounds: each round scans the work tree, proves the patches of the selected
threats that are still open and writes those whose files no other patch of the round touches;
the next round proves the rest against the written files. A threat is followed across rounds
by `threat_key` (its id carries line numbers a patch may shift), or by its rule and element
when another patch reworded its message and one such threat is left. A file git shows dirty at the
start is refused unless forced; a file this run wrote is not "dirty" for the next round."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from threatdelta.findings.threat import Applicability, Threat
from threatdelta.pipeline import scan_with_inputs
from threatdelta.remediation.base import FixFamily
from threatdelta.remediation.proof import threat_key
from threatdelta.remediation.registry import default_families
from threatdelta.remediation.run import ProvenFix, Remediation, remediate
from threatdelta.remediation.workspace import Workspace
from threatdelta.report import ScanReport
from threatdelta.sources import ReadLimits

Key = tuple[str, str, str]


@dataclass(frozen=True)
class FixOptions:
    ids: tuple[str, ...] = ()  # empty: every threat with a proven patch
    only: Applicability | None = None
    force: bool = False
    limits: ReadLimits = field(default_factory=ReadLimits)


@dataclass(frozen=True)
class Plan:
    """One analysis: the report, the proven fixes of the selected threats and what the
    selection could not find."""

    report: ScanReport
    fixes: tuple[ProvenFix, ...]
    unknown: tuple[str, ...]  # requested ids no threat has
    unfixed: tuple[Threat, ...]  # requested threats without a proven patch (of that kind)
    remediation: Remediation


def _wanted(fix: ProvenFix, only: Applicability | None) -> bool:
    return only is None or fix.patch.applicability is only


def plan(
    root: Path,
    options: FixOptions,
    families: Sequence[FixFamily] | None = None,
    keys: set[Key] | None = None,
) -> Plan:
    """Scan `root` and prove the patches of the requested threats (by id from the options,
    or by `threat_key` in a later round)."""
    report, inputs = scan_with_inputs(root, limits=options.limits)
    known = {t.id for t in report.threats}
    unknown = tuple(i for i in options.ids if i not in known)
    selected: set[str] | None = set(options.ids) if options.ids else None
    if keys is not None:  # by rule and element: a patch may have reworded the message
        selected = {t.id for t in report.threats if threat_key(t)[:2] in {k[:2] for k in keys}}
    families = default_families() if families is None else families
    done = remediate(report, inputs, families, select=selected)
    fixes = tuple(f for f in done.fixes if _wanted(f, options.only))
    fixed_ids = {f.threat.id for f in fixes}
    unfixed = tuple(t for t in report.threats if t.id in set(options.ids) and t.id not in fixed_ids)
    return Plan(report, fixes, unknown, unfixed, done)


@dataclass
class ApplyOutcome:
    applied: list[ProvenFix] = field(default_factory=list)
    refused: list[tuple[Threat, str]] = field(default_factory=list)
    resolved: list[Threat] = field(default_factory=list)  # gone with another threat's patch
    unknown: tuple[str, ...] = ()
    unfixed: list[Threat] = field(default_factory=list)
    in_git: bool = True


def _write_round(
    workspace: Workspace,
    fixes: tuple[ProvenFix, ...],
    clean: set[str],
    outcome: ApplyOutcome,
    force: bool,
) -> list[ProvenFix]:
    """Write the fixes of one round whose files no earlier fix of the round touched; the
    fixes written or refused (the others wait for the next round)."""
    touched: set[str] = set()
    written: list[ProvenFix] = []
    for fix in fixes:
        if touched & set(fix.patched):
            continue
        touched |= set(fix.patched)
        reason = _refusal(workspace, fix, clean, force)
        if not reason:
            reason = _write(workspace, fix)
        if reason:
            outcome.refused.append((fix.threat, reason))
        else:
            outcome.applied.append(fix)
        written.append(fix)
    return written


def _refusal(workspace: Workspace, fix: ProvenFix, clean: set[str], force: bool) -> str:
    for path in fix.patched:
        target = workspace.target(path)
        if isinstance(target, str):
            return target
        if not force and path not in clean and workspace.dirty(target):
            return f"{path} has uncommitted changes; commit or stash them, or use --force"
    return ""


def _write(workspace: Workspace, fix: ProvenFix) -> str:
    for path in fix.patched:  # every file first: a patch is applied whole or not at all
        reason = workspace.unchanged(path, fix.analysed[path])
        if reason:
            return reason
    for path, text in fix.patched.items():
        reason = workspace.write(path, fix.analysed[path], text)
        if reason:
            return reason
    return ""


def _follow(pending: dict[Key, Threat], threats: Sequence[Threat]) -> None:
    """Re-key a pending threat whose message another patch changed (its endpoint's handler
    renamed, say) to the one threat of the same rule on the same element no key names."""
    keys = {threat_key(t) for t in threats}
    for key in [k for k in pending if k not in keys]:
        same = [k for k in keys if k[:2] == key[:2] and k not in pending]
        if len(same) == 1:
            pending[same[0]] = pending.pop(key)


def apply_fixes(
    root: Path, options: FixOptions, families: Sequence[FixFamily] | None = None
) -> ApplyOutcome:
    """Apply the proven patches of the requested threats to the work tree, in rounds."""
    with Workspace(root) as workspace:
        first = plan(root, options, families)
        outcome = ApplyOutcome(unknown=first.unknown, unfixed=list(first.unfixed))
        outcome.in_git = workspace.in_git
        pending = {threat_key(f.threat): f.threat for f in first.fixes}
        written: set[str] = set()
        current = first
        for _ in range(len(pending) + 1):
            todo = tuple(f for f in current.fixes if threat_key(f.threat) in pending)
            if not todo:
                break
            for fix in _write_round(workspace, todo, written, outcome, options.force):
                pending.pop(threat_key(fix.threat), None)
            written |= {p for f in outcome.applied for p in f.patched}
            if not pending:
                break
            later = FixOptions(only=options.only, limits=options.limits)
            current = plan(root, later, families, set(pending))
            _follow(pending, current.report.threats)
            present = {threat_key(t) for t in current.report.threats}
            for key in [k for k in pending if k not in present]:  # fixed by another patch
                outcome.resolved.append(pending.pop(key))
        outcome.refused.extend(
            (threat, "no proven patch once the other patches were applied")
            for threat in pending.values()
        )
        return outcome
