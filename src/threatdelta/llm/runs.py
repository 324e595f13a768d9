"""The analyst at the edges: over a whole scan (`scan --llm`, a push in the Action) and over
the elements a change added or modified (`diff --llm`, a pull request in the Action).

A diff analyses only the affected elements the change added or modified (not removed ones,
not unchanged dependents); its LLM and injection threats are threats the change introduces,
shown with the rest of the delta and counted by the gate only where the gate allows it.
A diff's LLM patch is proven on the head commit the way the diff proves its rule patches
(`remediation.head`): the head's files come from git, their fragments through the per-file
cache, and the proof is local (`llm.patch_proof.prove_llm_patch_locally`). The head is
loaded only when the analyst proposes a patch.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from functools import partial
from pathlib import Path

from threatdelta.cache.code import code_fingerprint
from threatdelta.cache.store import CacheSettings, CacheStore
from threatdelta.diff.context import CommitContext
from threatdelta.diff.delta import ChangeKind, DeltaReport
from threatdelta.extractors.registry import default_extractors
from threatdelta.findings.threat import Fix, Threat
from threatdelta.llm.analyst import PatchProver, analyse_with_llm
from threatdelta.llm.documents import read_documents
from threatdelta.llm.patch_proof import prove_llm_patch_locally
from threatdelta.llm.settings import LlmSettings
from threatdelta.model.threat_model import ThreatModel
from threatdelta.remediation.inputs import ScanInputs
from threatdelta.remediation.local import LocalProofs
from threatdelta.report import ScanReport
from threatdelta.reporters.sarif_fingerprints import read_sources
from threatdelta.rules.registry import RULES
from threatdelta.sources import ReadLimits

_DOCUMENT_PATHS = (
    "README.md",
    "README.rst",
    "README.txt",
    "README",
    "ARCHITECTURE.md",
    "docs/architecture.md",
    "docs/README.md",
)
_ANALYSED_CHANGES = frozenset({ChangeKind.ADDED, ChangeKind.MODIFIED})


def _model_paths(report: ScanReport) -> tuple[str, ...]:
    paths = (e.location.path for element in report.model.elements() for e in element.evidence)
    return tuple(dict.fromkeys(paths))


def _store(root: Path, cache_dir: Path | None, use_cache: bool) -> CacheStore | None:
    if not use_cache:
        return None
    return CacheStore.for_repository(root, CacheSettings(folder=cache_dir))


def llm_scan(
    report: ScanReport,
    root: Path,
    settings: LlmSettings,
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    limits: ReadLimits | None = None,
) -> ScanReport:
    """A whole register of the folder `root` through the analyst (every element). The
    files are read from `root`; an LLM patch is proven against a fresh scan of it."""
    limits = limits or ReadLimits()
    texts = read_sources(root, _model_paths(report), limits.max_file_bytes)
    files = {**read_documents(root), **texts}
    store = _store(root, cache_dir, use_cache)

    def inputs() -> ScanInputs:
        from threatdelta.pipeline import scan_with_inputs  # noqa: PLC0415 (pipeline is above us)

        return scan_with_inputs(root, limits=limits)[1]

    return analyse_with_llm(report, files, settings, store=store, inputs=inputs)


def _introduced(delta: DeltaReport, before: ScanReport, after: ScanReport) -> DeltaReport:
    known = {t.id for t in before.threats}
    new = tuple(t for t in after.threats if t.id not in known)
    added_notes = after.notifications[len(before.notifications) :]
    return delta.model_copy(
        update={
            "introduced": (*delta.introduced, *new),
            "notifications": (*delta.notifications, *added_notes),
            "head_register": after,
        }
    )


def affected_keys(delta: DeltaReport) -> tuple[str, ...]:
    """The elements a diff's analyst looks at: those the change added or modified."""
    return tuple(a.key for a in delta.affected if a.change in _ANALYSED_CHANGES)


class HeadProofs:
    """The proofs of a diff's LLM patches on its head commit: the repository is opened and
    the head's link context built on the first patch (from the fragments the per-file cache
    holds), then shared by every proof of the run. Use as a context manager."""

    def __init__(
        self,
        repo: Path,
        commit: str,
        model: ThreatModel,
        store: CacheStore | None,
        limits: ReadLimits,
    ) -> None:
        self.repo, self.commit, self.model = repo, commit, model
        self.store, self.limits = store, limits
        self._stack = ExitStack()
        self._local: LocalProofs | None = None

    def __enter__(self) -> HeadProofs:
        return self

    def __exit__(self, *_: object) -> None:
        self._stack.close()

    def prove(self, diff: str, threat: Threat) -> Fix | str:
        self._local = self._local or self._proofs()
        return prove_llm_patch_locally(diff, threat, self._local)

    def _proofs(self) -> LocalProofs:
        # GitPython needs git: imported only when a patch is proven
        from threatdelta.diff.git import open_repository  # noqa: PLC0415
        from threatdelta.diff.snapshot import (  # noqa: PLC0415
            SnapshotCaches,
            build_snapshot,
            candidate_entries,
        )
        from threatdelta.pipeline import extract_file  # noqa: PLC0415 (pipeline is above us)
        from threatdelta.remediation.commit_sources import (  # noqa: PLC0415
            CandidateFiles,
            CommitSources,
        )

        repo = self._stack.enter_context(open_repository(self.repo))
        extractors = default_extractors()
        caches = SnapshotCaches(self.store, code_fingerprint()) if self.store else None
        entries = candidate_entries(repo, self.commit, extractors)
        extract = partial(extract_file, extractors=extractors)
        snapshot = build_snapshot(repo, self.commit, entries, extract, self.limits, caches=caches)
        candidates = CandidateFiles(repo, self.commit, extractors)
        inputs = ScanInputs(
            files=CommitSources(repo, candidates, self.limits.max_file_bytes),
            fragments={f.path: f.fragments for f in snapshot.files},
            extractors=extractors,
            rules=RULES,
        )
        return LocalProofs(inputs, CommitContext.of(self.commit, snapshot.fragments(), self.model))


def llm_delta(
    delta: DeltaReport,
    head_texts: Iterable[tuple[str, str]],
    settings: LlmSettings,
    store: CacheStore | None,
    prover: PatchProver | None = None,
) -> DeltaReport:
    """The delta with the analyst's threats on the added and modified elements; `head_texts`
    are (path, text) pairs of the head commit; `prover` proves the analyst's patches (else
    they are dropped)."""
    register = delta.head_register
    keys = affected_keys(delta)
    if register is None or not settings.enabled or not keys:
        return delta
    after = analyse_with_llm(register, dict(head_texts), settings, keys, store=store, prover=prover)
    return _introduced(delta, register, after)


def llm_diff(
    delta: DeltaReport,
    repo: Path,
    settings: LlmSettings,
    *,
    cache_dir: Path | None,
    use_cache: bool,
    max_bytes: int = ReadLimits().max_file_bytes,
) -> DeltaReport:
    """`llm_delta` with the head text read from git (the model's files and the documents)."""
    from threatdelta.pipeline import read_commit_texts  # noqa: PLC0415 (GitPython needs git)

    register = delta.head_register
    if register is None or not settings.enabled or not affected_keys(delta):
        return delta
    paths = {*_model_paths(register), *_DOCUMENT_PATHS}
    texts = read_commit_texts(repo, delta.head_commit, paths, max_bytes)
    store = _store(repo, cache_dir, use_cache)
    limits = ReadLimits(max_file_bytes=max_bytes)
    with HeadProofs(repo, delta.head_commit, register.model, store, limits) as proofs:
        return llm_delta(delta, texts.items(), settings, store, proofs.prove)
