"""The composition root: wires reading, extraction, linking, rules and the report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from threatdelta.cache.code import code_fingerprint
from threatdelta.cache.store import CacheSettings, CacheStore
from threatdelta.diff.affected import compare_models, dependents
from threatdelta.diff.changes import ChangeSet, DiffLimits
from threatdelta.diff.collect import collect_changes
from threatdelta.diff.definitions import changed_names
from threatdelta.diff.delta import DeltaReport, classify
from threatdelta.diff.git_objects import DiffRange
from threatdelta.diff.relevance import FileRelevance, classify_files
from threatdelta.diff.snapshot import (
    Snapshot,
    SnapshotCaches,
    build_snapshot,
    candidate_entries,
)
from threatdelta.engine import run_rules, sort_key
from threatdelta.extractors.base import Extractor, SourceFile
from threatdelta.extractors.registry import default_extractors
from threatdelta.model.base import Level, Notification
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.link import link
from threatdelta.model.threat_model import ThreatModel
from threatdelta.report import ScanReport, ScanStats
from threatdelta.rules.catalogue import catalogue
from threatdelta.rules.registry import RULES
from threatdelta.rules.spec import Rule
from threatdelta.sources import ReadLimits, read_repository


def extract_file(
    source: SourceFile, extractors: Sequence[Extractor]
) -> tuple[list[ModelFragment], list[Notification]]:
    """Every extractor that claims the file; a crash becomes a notification."""
    fragments: list[ModelFragment] = []
    notes: list[Notification] = []
    for extractor in extractors:
        if source.suffix not in extractor.suffixes:
            continue
        try:
            if not extractor.claims(source):
                continue
            fragment = extractor.extract(source)
        except RecursionError:
            notes.append(
                Notification(
                    level=Level.WARNING,
                    code="too-deeply-nested",
                    path=source.path,
                    message=f"{extractor.name}: input nested too deeply to analyse; skipped",
                )
            )
            continue
        except Exception as exc:  # an extractor bug must not stop the run
            notes.append(
                Notification(
                    level=Level.ERROR,
                    code="extractor-crashed",
                    path=source.path,
                    message=f"{extractor.name} crashed on this file and skipped it: "
                    f"{type(exc).__name__}: {exc}",
                )
            )
            continue
        fragments.append(fragment)
        notes.extend(fragment.notifications)
    return fragments, notes


def scan(
    root: Path,
    *,
    limits: ReadLimits | None = None,
    extractors: Sequence[Extractor] | None = None,
    rules: Sequence[Rule] = RULES,
) -> ScanReport:
    """Full-repository threat model of the folder `root`."""
    extractors = default_extractors() if extractors is None else extractors
    read = read_repository(root, suffixes_of(extractors), limits or ReadLimits())
    fragments: list[ModelFragment] = []
    notes = list(read.notifications)
    analysed = 0
    for source in read.files:
        file_fragments, file_notes = extract_file(source, extractors)
        fragments.extend(file_fragments)
        notes.extend(file_notes)
        analysed += bool(file_fragments)
    skipped = sum(1 for n in read.notifications if n.path is not None)
    stats = ScanStats(files_read=len(read.files), files_analysed=analysed, files_skipped=skipped)
    return analyse(fragments, notes, stats, rules)


def suffixes_of(extractors: Sequence[Extractor]) -> frozenset[str]:
    return frozenset(s for e in extractors for s in e.suffixes)


def analyse(
    fragments: Sequence[ModelFragment],
    notes: Sequence[Notification],
    stats: ScanStats,
    rules: Sequence[Rule] = RULES,
) -> ScanReport:
    """Fragments -> linked model -> threats: the register of one revision."""
    model, link_notes = link(fragments)
    threats, rule_notes = run_rules(model, rules)
    return ScanReport(
        model=model,
        threats=threats,
        rules=catalogue(rules),
        notifications=(*notes, *link_notes, *rule_notes),
        stats=stats,
    )


def _submodel(model: ThreatModel, keys: set[str]) -> ThreatModel:
    """The model with only the endpoints in `keys`; every other element stays as context."""
    return model.model_copy(
        update={"endpoints": tuple(e for e in model.endpoints if e.key in keys)}
    )


def _base_register(
    snapshot: Snapshot, caches: SnapshotCaches | None, rules: Sequence[Rule]
) -> ScanReport:
    key = (caches.fingerprint, snapshot.commit) if caches else ()
    if caches is not None:
        cached = caches.registers.get(key)
        if cached is not None:
            return cached
    report = analyse(
        snapshot.fragments(),
        [*snapshot.notifications, *snapshot.file_notifications()],
        _stats(snapshot),
        rules,
    )
    if caches is not None:
        caches.registers.put(key, report)
    return report


def _stats(snapshot: Snapshot) -> ScanStats:
    analysed = sum(1 for f in snapshot.files if f.analysed)
    skipped = sum(1 for f in snapshot.files if not f.fragments and f.notifications)
    return ScanStats(files_read=len(snapshot.files), files_analysed=analysed, files_skipped=skipped)


def _recompute_keys(model: ThreatModel, affected: set[str], paths: set[str]) -> set[str]:
    """Affected elements plus every element with evidence in a changed file (its lines may
    have moved, so its threats are re-derived at head rather than copied from the base)."""
    moved = {e.key for e in model.elements() if any(ev.location.path in paths for ev in e.evidence)}
    return affected | moved


def diff(
    repo_path: Path,
    base: str,
    head: str = "HEAD",
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    limits: ReadLimits | None = None,
    diff_limits: DiffLimits | None = None,
    extractors: Sequence[Extractor] | None = None,
    rules: Sequence[Rule] = RULES,
    need_register: bool = True,
) -> DeltaReport:
    """The threat delta of `merge-base(base, head)..head` in the git repository at
    `repo_path`, with the complete head register."""
    from threatdelta.diff.git import open_repository  # noqa: PLC0415 (GitPython needs git)

    extractors = default_extractors() if extractors is None else extractors
    limits = limits or ReadLimits()
    with open_repository(repo_path) as repo:
        rng = repo.resolve_range(base, head)
        changes = collect_changes(repo, rng, diff_limits or DiffLimits())
        relevance = classify_files(repo, rng, changes, extractors, limits)
        notes = [*rng.notifications, *changes.notifications, *relevance.notifications]
        dirty = repo.work_tree_state().notification()
        notes += [dirty] if dirty else []
        store = CacheStore.for_repository(
            repo.root, CacheSettings(folder=cache_dir, enabled=use_cache)
        )
        caches = SnapshotCaches(store, code_fingerprint()) if use_cache else None

        def extract(source: SourceFile) -> tuple[list[ModelFragment], list[Notification]]:
            return extract_file(source, extractors)

        context = _DeltaContext(rng, changes, relevance, notes)
        if not relevance.any_analysed and not need_register:
            return context.unchanged(None)
        base_snap = build_snapshot(
            repo,
            rng.merge_base,
            candidate_entries(repo, rng.merge_base, extractors),
            extract,
            limits,
            caches=caches,
        )
        base_report = _base_register(base_snap, caches, rules)
        if not relevance.any_analysed:
            return context.unchanged(base_report)
        head_snap = build_snapshot(
            repo,
            rng.head.commit,
            candidate_entries(repo, rng.head.commit, extractors),
            extract,
            limits,
            caches=caches,
            reuse=base_snap,
        )
        notes += [n for n in store.notifications() if n.level is not Level.NOTE]
    return context.delta(base_report, head_snap, rules)


class _DeltaContext:
    """What a diff run knows before the head is analysed, and how it becomes a report."""

    def __init__(
        self,
        rng: DiffRange,
        changes: ChangeSet,
        relevance: FileRelevance,
        notes: list[Notification],
    ) -> None:
        self.rng, self.changes, self.relevance, self.notes = rng, changes, relevance, notes

    def _report(self, register: ScanReport | None, **fields: Any) -> DeltaReport:
        return DeltaReport(
            base=self.rng.base.ref,
            head=self.rng.head.ref,
            base_commit=self.rng.base.commit,
            head_commit=self.rng.head.commit,
            merge_base=self.rng.merge_base,
            changed_files=self.relevance.files,
            notifications=tuple(self.notes),
            head_register=register,
            **fields,
        )

    def unchanged(self, register: ScanReport | None) -> DeltaReport:
        """Nothing we model changed: the head register is the base register."""
        return self._report(register, relevant=False, complete=self.changes.complete)

    def delta(self, base: ScanReport, head: Snapshot, rules: Sequence[Rule]) -> DeltaReport:
        head_model, link_notes = link(head.fragments())
        affected = compare_models(base.model, head_model)
        names = changed_names(self.relevance.base_bodies, self.relevance.head_bodies)
        affected += dependents(head_model, names, {a.key: a for a in affected})
        keys = {a.key for a in affected}
        paths = {p for f in self.changes.files for p in (f.old_path, f.new_path) if p}
        recompute = _recompute_keys(head_model, keys, paths)
        fresh, rule_notes = run_rules(_submodel(head_model, recompute), rules)
        fresh = tuple(t for t in fresh if t.element in recompute)
        kept = tuple(t for t in base.threats if t.element not in recompute)
        introduced, resolved, persisting = classify(
            (t for t in base.threats if t.element in keys), (t for t in fresh if t.element in keys)
        )
        changed = self._changed_file_notes(head)
        self.notes.extend(changed)
        budget = [n for n in head.notifications if n.code == "budget-exhausted"]
        self.notes.extend(budget)
        register = ScanReport(
            model=head_model,
            threats=tuple(sorted((*kept, *fresh), key=sort_key)),
            rules=base.rules,
            stats=_stats(head),
            notifications=(
                *head.notifications,
                *head.file_notifications(),
                *link_notes,
                *rule_notes,
            ),
        )
        return self._report(
            register,
            relevant=bool(affected),
            complete=self.changes.complete and not budget,
            affected=tuple(affected),
            introduced=introduced,
            resolved=resolved,
            persisting=persisting,
        )

    def _changed_file_notes(self, head: Snapshot) -> list[Notification]:
        """What extraction said about the files this change touched (parse errors...)."""
        paths = {f.path for f in self.relevance.files}
        return [n for f in head.files if f.path in paths for n in f.notifications]


def read_commit_texts(
    repo_path: Path, commit: str, paths: Iterable[str], max_bytes: int
) -> dict[str, str]:
    """The text of some files at a commit, read from git (for SARIF line hashes)."""
    from threatdelta.diff.git import open_repository  # noqa: PLC0415 (GitPython needs git)

    texts: dict[str, str] = {}
    with open_repository(repo_path) as repo:
        for path in sorted(paths):
            content = repo.read_file(commit, path, max_bytes)
            if content is not None and not isinstance(content, Notification):
                texts[path] = content.data.decode("utf-8", errors="replace")
    return texts
