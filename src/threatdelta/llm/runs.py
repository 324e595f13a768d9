"""The analyst at the edges: over a whole scan (`scan --llm`, a push in the Action) and over
the elements a change added or modified (`diff --llm`, a pull request in the Action).

A diff analyses only the affected elements the change added or modified (not removed ones,
not unchanged dependents); its LLM and injection threats are threats the change introduces,
shown with the rest of the delta and counted by the gate only where the gate allows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from threatdelta.cache.store import CacheSettings, CacheStore
from threatdelta.diff.delta import ChangeKind, DeltaReport
from threatdelta.llm.analyst import analyse_with_llm
from threatdelta.llm.documents import read_documents
from threatdelta.llm.settings import LlmSettings
from threatdelta.remediation.inputs import ScanInputs
from threatdelta.report import ScanReport
from threatdelta.reporters.sarif_fingerprints import read_sources
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


def llm_delta(
    delta: DeltaReport,
    head_texts: Iterable[tuple[str, str]],
    settings: LlmSettings,
    store: CacheStore | None,
) -> DeltaReport:
    """The delta with the analyst's threats on the added and modified elements; `head_texts`
    are (path, text) pairs of the head commit."""
    register = delta.head_register
    keys = affected_keys(delta)
    if register is None or not settings.enabled or not keys:
        return delta
    after = analyse_with_llm(register, dict(head_texts), settings, keys, store=store)
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
    return llm_delta(delta, texts.items(), settings, _store(repo, cache_dir, use_cache))
