"""The analysis step of `threatdelta ci`: which pipeline runs on which commits, with which
cache, and the SARIF file of the result.

- pull request: `pipeline.diff(workspace, base_sha, head_sha)` with the complete head
  register (the SARIF upload must be a whole analysis of head), triaged by the register
  file of the PR head (`.threatdelta/register.yaml`; the decisions the PR changes are
  listed in the summary) — from a fork, only the custom threats it adds: its decision
  changes are refused and listed (`register.trust`);
- push to the default branch: `pipeline.scan(workspace)` (the checkout of the pushed commit),
  then the diff cache is refreshed for that commit so the next pull requests based on it
  start warm.

The cache folder is `.threatdelta/cache` in the workspace (what the example workflow keeps
with `actions/cache`). When the analysed commit *tracks* files under that folder the cache is
not used: a pull request must not be able to plant cache entries that hide its threats.
"""

from __future__ import annotations

from pathlib import Path

from threatdelta.diff.delta import DeltaReport
from threatdelta.errors import UsageError
from threatdelta.github.event import PullRequestRun, PushRun
from threatdelta.model.base import Frozen, Level, Notification
from threatdelta.pipeline import diff, read_commit_texts, scan
from threatdelta.register.policy import RulePolicies
from threatdelta.register.report_triage import NO_POLICY
from threatdelta.register.schema import RegisterFile
from threatdelta.report import ScanReport
from threatdelta.reporters.sarif import render_sarif
from threatdelta.reporters.sarif_fingerprints import (
    compute_line_hashes,
    line_hashes_for_repository,
    source_paths,
)
from threatdelta.sources import ReadLimits

CACHE_FOLDER = ".threatdelta/cache"
SARIF_FILE = "threatdelta.sarif"  # relative to the workspace, as the `sarif-file` output
FETCH_HINT = (
    "In GitHub Actions, check out with `actions/checkout` and `fetch-depth: 0` so that both "
    "commits of the pull request are in the clone."
)


class Analysis(Frozen):
    """What the analysis step hands to the gate, the reporters and the publishers."""

    report: DeltaReport | ScanReport  # what the gate decides on
    full_register: ScanReport  # the complete register of the analysed commit (SARIF, totals)
    commit: str  # the analysed commit (PR head, or the pushed commit)
    notifications: tuple[Notification, ...] = ()  # about the run itself (cache, refresh)

    @property
    def delta(self) -> DeltaReport | None:
        return self.report if isinstance(self.report, DeltaReport) else None


def _tracked_cache(workspace: Path, commit: str) -> bool:
    from threatdelta.diff.git import open_repository  # noqa: PLC0415 (GitPython needs git)

    with open_repository(workspace) as repo:
        return any(e.path.startswith(CACHE_FOLDER + "/") for e in repo.list_files(commit) if e.path)


def cache_for(workspace: Path, commit: str) -> tuple[Path | None, list[Notification]]:
    """The cache folder to use for `commit`, or None (with the reason) when it must not be."""
    if _tracked_cache(workspace, commit):
        note = Notification(
            level=Level.WARNING,
            code="cache-tracked-in-git",
            path=CACHE_FOLDER,
            message=f"the analysed commit tracks files under {CACHE_FOLDER}; the cache is not "
            "used for this run (a commit must not supply its own analysis cache)",
        )
        return None, [note]
    return workspace / CACHE_FOLDER, []


def analyse_pull_request(
    workspace: Path,
    event: PullRequestRun,
    rules: RulePolicies = NO_POLICY,
    head_register: RegisterFile | None = None,
) -> Analysis:
    """base..head of the pull request; with `head_register`, that register applies instead
    of the head commit's file (a /threatdelta command's decision not yet in the checkout)."""
    try:
        cache, notes = cache_for(workspace, event.head_sha)
        report = diff(
            workspace,
            event.base_sha,
            event.head_sha,
            cache_dir=cache,
            use_cache=cache is not None,
            need_register=True,
            policies=rules,
            head_register=head_register,
            from_fork=event.fork,
        )
    except UsageError as exc:
        raise UsageError(f"{exc} {FETCH_HINT}") from None
    if report.head_register is None:  # diff() always computes it with need_register
        raise UsageError("the head register was not computed")
    return Analysis(
        report=report,
        full_register=report.head_register,
        commit=report.head_commit,
        notifications=tuple(notes),
    )


def _refresh_cache(workspace: Path, sha: str, cache: Path) -> list[Notification]:
    """Store the pushed commit's analysis in the diff cache (for the next pull requests)."""
    try:
        diff(workspace, sha, sha, cache_dir=cache, use_cache=True, need_register=True)
    except UsageError as exc:
        return [
            Notification(
                level=Level.WARNING,
                code="cache-refresh-failed",
                message=f"the diff cache was not refreshed for {sha[:12]}: {exc}",
            )
        ]
    return []


def analyse_push(workspace: Path, event: PushRun, rules: RulePolicies = NO_POLICY) -> Analysis:
    try:
        cache, notes = cache_for(workspace, event.sha)
    except UsageError as exc:
        raise UsageError(f"{exc} {FETCH_HINT}") from None
    report = scan(workspace, policies=rules)
    if cache is not None:
        notes += _refresh_cache(workspace, event.sha, cache)
    return Analysis(
        report=report, full_register=report, commit=event.sha, notifications=tuple(notes)
    )


def render_analysis_sarif(workspace: Path, analysis: Analysis) -> str:
    """SARIF 2.1.0 of the complete register, with GitHub's line hashes read from the
    analysed commit (the work tree on push, git objects on a pull request)."""
    max_bytes = ReadLimits().max_file_bytes
    register = analysis.full_register
    if analysis.delta is None:
        return render_sarif(register, line_hashes_for_repository(register, workspace, max_bytes))
    paths = set(source_paths(register))
    texts = read_commit_texts(workspace, analysis.commit, paths, max_bytes)
    return render_sarif(register, compute_line_hashes(register, texts))


def write_sarif_file(workspace: Path, text: str) -> tuple[str, list[Notification]]:
    """Write the SARIF file into the workspace: (its workspace-relative path, or "" with the
    note saying why it could not be written)."""
    try:
        (workspace / SARIF_FILE).write_text(text, encoding="utf-8")
    except OSError as exc:
        note = Notification(
            level=Level.ERROR,
            code="sarif-file-not-written",
            path=SARIF_FILE,
            message=f"the SARIF file could not be written: {exc.strerror or exc}",
        )
        return "", [note]
    return SARIF_FILE, []
