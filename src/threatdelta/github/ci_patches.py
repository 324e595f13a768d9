"""Proven patches for the threats a pull request introduces, so the review can suggest them.

The diff of a pull request analyses only what the change touches, but proving a patch needs
the whole head: the patched file is re-extracted and re-linked with every other file, and the
rules run again. So when the change introduces threats, the head commit's files are written
from git objects into a temporary folder (never the workspace, which on a pull request is
usually the merge commit), scanned, and the fix families propose and prove patches for the
introduced threats only (at most `MAX_PROOFS` proofs). Each proven patch is attached to the
introduced threat with the same id, in the delta and in the head register (SARIF).

Repository content is only read and written as bytes: nothing of it is executed or imported.
A path that would leave the temporary folder, a symbolic link or a file over the size limit is
skipped. Any failure leaves the analysis as it was, with a notification.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

from threatdelta.diff.delta import DeltaReport
from threatdelta.errors import UsageError
from threatdelta.findings.threat import Fix, Threat
from threatdelta.github.ci_analysis import Analysis
from threatdelta.model.base import Level, Notification
from threatdelta.pipeline import scan_with_inputs
from threatdelta.remediation.run import remediate
from threatdelta.report import ScanReport
from threatdelta.sources import ReadLimits

MAX_PROOFS = 100


def write_head_files(workspace: Path, commit: str, target: Path, max_bytes: int) -> int:
    """Write the regular files of `commit` (at most `max_bytes` each) under `target`; the
    number written."""
    from threatdelta.diff.git import open_repository  # noqa: PLC0415 (GitPython needs git)

    base = target.resolve()
    written = 0
    with open_repository(workspace) as repo:
        for entry in repo.list_files(commit):
            if entry.is_symlink or entry.size > max_bytes:
                continue
            content = repo.read_blob(entry, max_bytes)
            destination = (base / entry.path).resolve()
            if content is None or isinstance(content, Notification):
                continue
            if not destination.is_relative_to(base) or destination == base:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(content.data)
            written += 1
    return written


def _proven_fixes(workspace: Path, delta: DeltaReport) -> tuple[dict[str, Fix], int]:
    """Proven fixes of the introduced threats by id, and how many patches failed proof."""
    limits = ReadLimits()
    with tempfile.TemporaryDirectory(prefix="threatdelta-head-") as folder:
        root = Path(folder)
        write_head_files(workspace, delta.head_commit, root, limits.max_file_bytes)
        report, inputs = scan_with_inputs(root, limits=limits)
        wanted = {t.id for t in delta.introduced}
        done = remediate(report, inputs, select=wanted, max_proofs=MAX_PROOFS)
    fixes = {t.id: t.fix for t in done.threats if t.fix is not None and t.fix.edits}
    dropped = sum(1 for n in done.notifications if n.code == "fix-not-proven")
    return fixes, dropped


def _with_fixes(threats: tuple[Threat, ...], fixes: Mapping[str, Fix]) -> tuple[Threat, ...]:
    return tuple(t.model_copy(update={"fix": fixes[t.id]}) if t.id in fixes else t for t in threats)


def _note(code: str, message: str, level: Level = Level.NOTE) -> Notification:
    return Notification(level=level, code=code, message=message)


def attach_pull_request_patches(workspace: Path, analysis: Analysis) -> Analysis:
    """`analysis` with the proven patches of its introduced threats attached."""
    delta = analysis.delta
    if delta is None or not delta.introduced:
        return analysis
    try:
        fixes, dropped = _proven_fixes(workspace, delta)
    except (UsageError, OSError, ValueError) as exc:
        note = _note("pr-patches-failed", f"no patches were proposed: {exc}", Level.WARNING)
        return analysis.model_copy(update={"notifications": (*analysis.notifications, note)})
    notes = list(analysis.notifications)
    if dropped:
        notes.append(_note("pr-patches-dropped", f"{dropped} patch(es) failed their proof"))
    register: ScanReport = analysis.full_register.model_copy(
        update={"threats": _with_fixes(analysis.full_register.threats, fixes)}
    )
    patched = delta.model_copy(
        update={"introduced": _with_fixes(delta.introduced, fixes), "head_register": register}
    )
    return analysis.model_copy(
        update={"report": patched, "full_register": register, "notifications": tuple(notes)}
    )
