"""One `threatdelta diff` run, wired from the diff stages: changes -> relevance -> base
context -> side models of what the change concerns -> affected set -> threat delta."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from threatdelta.cache.code import code_fingerprint
from threatdelta.cache.store import CacheSettings, CacheStore
from threatdelta.diff.changes import DiffLimits
from threatdelta.diff.collect import collect_changes
from threatdelta.diff.context import CommitContext
from threatdelta.diff.definitions import changed_names
from threatdelta.diff.delta import (
    AffectedElement,
    ChangedFile,
    DeltaReport,
    classify,
)
from threatdelta.diff.git import Repository, open_repository
from threatdelta.diff.incremental import (
    SideModels,
    affected_elements,
    needs_service_files,
    neighbours,
    side_models,
)
from threatdelta.diff.pending_report import PendingReport
from threatdelta.diff.relevance import classify_files
from threatdelta.diff.snapshot import (
    CommitThreats,
    SnapshotCaches,
    build_snapshot,
    candidate_entries,
    file_analysis,
)
from threatdelta.engine import run_rules, sort_key
from threatdelta.extractors.base import Extractor, SourceFile
from threatdelta.findings.threat import Threat
from threatdelta.model.base import Level, Notification
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.threat_model import ThreatModel
from threatdelta.report import ScanReport, ScanStats
from threatdelta.rules.catalogue import catalogue
from threatdelta.rules.spec import Rule
from threatdelta.sources import ReadLimits

ExtractFile = Callable[
    [SourceFile, Sequence[Extractor]], tuple[list[ModelFragment], list[Notification]]
]
Analyse = Callable[
    [Sequence[ModelFragment], Sequence[Notification], ScanStats, Sequence[Rule]], ScanReport
]


_UNREADABLE = frozenset({"parse-error", "not-utf8", "binary-file", "too-deeply-nested"})


class DiffRun:
    def __init__(
        self,
        *,
        extractors: Sequence[Extractor],
        rules: Sequence[Rule],
        limits: ReadLimits,
        diff_limits: DiffLimits,
        extract: ExtractFile,
        analyse: Analyse,
        fixes: bool = False,
    ) -> None:
        self.extractors, self.rules = extractors, rules
        self.limits, self.diff_limits = limits, diff_limits
        self._extract_file, self._analyse = extract, analyse
        self.fixes = fixes  # prove patches for the introduced threats (remediation.head)

    def extract(self, source: SourceFile) -> tuple[list[ModelFragment], list[Notification]]:
        return self._extract_file(source, self.extractors)

    def run(
        self,
        repo_path: Path,
        base: str,
        head: str,
        *,
        cache_dir: Path | None,
        use_cache: bool,
        need_register: bool,
    ) -> DeltaReport:
        with open_repository(repo_path) as repo:
            rng = repo.resolve_range(base, head)
            changes = collect_changes(repo, rng, self.diff_limits)
            relevance = classify_files(repo, rng, changes, self.extractors, self.limits)
            notes = [*rng.notifications, *changes.notifications, *relevance.notifications]
            dirty = repo.work_tree_state().notification()
            notes += [dirty] if dirty else []
            store = CacheStore.for_repository(
                repo.root, CacheSettings(folder=cache_dir, enabled=use_cache)
            )
            caches = SnapshotCaches(store, code_fingerprint()) if use_cache else None
            report = PendingReport(rng, changes, relevance, notes)
            if not relevance.any_analysed and not need_register:
                return report.unchanged(None)
            context, threats = self._base(
                repo, rng.merge_base, caches, need_context=relevance.any_analysed
            )
            budget = [n for n in threats.notifications if n.code == "budget-exhausted"]
            notes += budget
            report.complete = report.complete and not budget
            if not relevance.any_analysed:
                return report.unchanged(self._register(ThreatModel(), threats.threats, threats))
            assert context is not None  # loaded because a changed file is analysed
            models, found = self._models(repo, report, context, caches)
            notes += [n for n in store.notifications() if n.level is not Level.NOTE]
            fresh = run_rules(models.head, self.rules)
            delta = self._delta(
                report, models, found, threats, need_register=need_register, ruled_head=fresh
            )
            if self.fixes and delta.introduced:
                delta = self._with_fixes(delta, repo, report, (context, models, fresh[0]), caches)
        return delta

    def _with_fixes(
        self,
        delta: DeltaReport,
        repo: Repository,
        report: PendingReport,
        side: tuple[CommitContext, SideModels, tuple[Threat, ...]],
        caches: SnapshotCaches | None,
    ) -> DeltaReport:
        """The introduced threats with their proven patches (`remediation.head`). The head
        side model and its threats are the analysed side of the proofs on its files, unless
        the change removed a file (the proofs link the context's skeleton of every file) or
        the file budget left a file out of it (the proofs' loader has a budget of its own)."""
        from threatdelta.remediation.head import HeadSide, attach_head_fixes  # noqa: PLC0415

        context, models, threats = side
        commit = report.rng.head.commit
        head = HeadSide(
            repo=repo,
            commit=commit,
            context=context,
            model=models.head,
            load=self._loader(repo, commit, caches, report),
            max_bytes=self.limits.max_file_bytes,
            linked=None if models.removed or report.over else frozenset(models.files),
            notes=tuple(models.head_notes),
            threats=threats,
        )
        return attach_head_fixes(delta, head, self.extractors, self.rules)

    def _base(
        self,
        repo: Repository,
        commit: str,
        caches: SnapshotCaches | None,
        *,
        need_context: bool,
    ) -> tuple[CommitContext | None, CommitThreats]:
        """The base commit's threats and (when asked) link context: cached, else from a
        full extraction (itself served by the per-file cache)."""
        key = (caches.fingerprint, commit) if caches else ()
        if caches is not None:
            threats = caches.threats.get(key)
            context = caches.contexts.get(key) if need_context and threats else None
            if threats is not None and (context is not None or not need_context):
                return context, threats
        entries = candidate_entries(repo, commit, self.extractors)
        snapshot = build_snapshot(repo, commit, entries, self.extract, self.limits, caches=caches)
        stats = ScanStats(
            files_read=len(snapshot.files),
            files_analysed=sum(1 for f in snapshot.files if f.analysed),
        )
        notes = [*snapshot.notifications, *snapshot.file_notifications()]
        report = self._analyse(snapshot.fragments(), notes, stats, self.rules)
        context = CommitContext.of(commit, snapshot.fragments(), report.model)
        threats = CommitThreats(
            commit=commit, threats=report.threats, notifications=report.notifications
        )
        if caches is not None:
            caches.contexts.put(key, context)
            caches.threats.put(key, threats)
        return context, threats

    def _loader(
        self, repo: Repository, commit: str, caches: SnapshotCaches | None, report: PendingReport
    ) -> Callable[[str], list[ModelFragment]]:
        """Fragments of a file at `commit`, within the file budget; what extraction said
        about a changed file becomes a notification of the diff."""
        changed = {f.path for f in report.relevance.files} | {
            f.old_path for f in report.relevance.files if f.old_path
        }
        loaded: set[str] = set()

        def load(path: str) -> list[ModelFragment]:
            entry = repo.entry_at(commit, path)
            if entry is None:
                return []
            if path not in loaded and len(loaded) >= self.limits.max_files:
                report.over_budget(path, self.limits.max_files)
                return []
            loaded.add(path)
            analysis = file_analysis(repo, entry, self.extract, self.limits, caches)
            if path in changed and commit == report.rng.head.commit:
                report.notes.extend(analysis.notifications)
                if any(n.level is not Level.NOTE for n in analysis.notifications):
                    report.complete = False  # part of this file was not understood
                    if any(n.code in _UNREADABLE for n in analysis.notifications):
                        return self._previous(repo, report, path, caches)
            return list(analysis.fragments)

        return load

    def _previous(
        self, repo: Repository, report: PendingReport, path: str, caches: SnapshotCaches | None
    ) -> list[ModelFragment]:
        """A changed file that no longer parses keeps its base model, so its endpoints are
        neither reported removed nor their threats resolved on the strength of a typo."""
        change = next((f for f in report.relevance.files if f.path == path), None)
        old = (change.old_path or change.path) if change else path
        entry = repo.entry_at(report.rng.merge_base, old)
        if entry is None:
            return []
        report.notes.append(
            Notification(
                level=Level.WARNING,
                code="kept-base-model",
                path=path,
                message="this file could not be analysed at head; its base model is kept, so "
                "what it declares is neither added nor removed by this change",
            )
        )
        return list(file_analysis(repo, entry, self.extract, self.limits, caches).fragments)

    def _models(
        self,
        repo: Repository,
        report: PendingReport,
        context: CommitContext,
        caches: SnapshotCaches | None,
    ) -> tuple[SideModels, list[AffectedElement]]:
        rng, relevance = report.rng, report.relevance
        changed = {f.path: _sides(f) for f in relevance.files if f.analysed}
        guards = changed_names(relevance.base_bodies, relevance.head_bodies)
        load_base = self._loader(repo, rng.merge_base, caches, report)
        load_head = self._loader(repo, rng.head.commit, caches, report)
        paths = {p for old, new in changed.values() for p in (old, new) if p}
        loaders = (load_base, load_head)
        near = neighbours(context, paths)
        models = side_models(context, changed, *loaders, guards=guards, preload=near)
        found = affected_elements(models, guards)
        extra = needs_service_files(context, found, models, paths)
        if extra:
            models = side_models(
                context, changed, *loaders, guards=guards, extra=extra, preload=near
            )
            found = affected_elements(models, guards)
        return models, found

    def _register(
        self, model: ThreatModel, threats: Sequence[Threat], base: CommitThreats
    ) -> ScanReport:
        return ScanReport(
            model=model,
            threats=tuple(sorted(threats, key=sort_key)),
            rules=catalogue(self.rules),
            notifications=base.notifications,
        )

    def _delta(
        self,
        report: PendingReport,
        models: SideModels,
        found: list[AffectedElement],
        base: CommitThreats,
        *,
        need_register: bool,
        ruled_head: tuple[tuple[Threat, ...], tuple[Notification, ...]],
    ) -> DeltaReport:
        keys = {a.key for a in found}
        paths = {p for f in report.changes.files for p in (f.old_path, f.new_path) if p}
        recompute = keys | {
            e.key
            for e in models.head.elements()
            if any(ev.location.path in paths for ev in e.evidence)
        }
        fresh, head_notes = ruled_head
        before, _ = run_rules(models.base, self.rules)
        introduced, resolved, persisting = classify(
            (t for t in before if t.element in keys), (t for t in fresh if t.element in keys)
        )
        report.notes.extend(models.notes)
        report.notes.extend(head_notes)
        register = None
        if need_register:
            kept = [t for t in base.threats if t.element not in recompute]
            register = self._register(
                models.head, [*kept, *(t for t in fresh if t.element in recompute)], base
            )
        return report.make(
            register,
            relevant=bool(found),
            complete=report.complete,
            affected=tuple(found),
            introduced=introduced,
            resolved=resolved,
            persisting=persisting,
        )


def _sides(change: ChangedFile) -> tuple[str | None, str | None]:
    """(base path, head path) of a changed file; a copy's source is left as it was."""
    status = change.status
    base = None if status in ("added", "copied") else change.old_path or change.path
    return base, None if status == "deleted" else change.path
