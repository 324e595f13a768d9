"""The threats a patch can change, without relinking the whole repository.

On a large repository a full relink and rule run per patch costs about half a scan. The diff
engine already knows how to re-derive only what a change can affect: base and head side
models built from the changed files and the files related to them (`diff.incremental`), the
affected elements and their dependents. A proof on a large repository treats the patch as a
change between the analysed text (base) and the patched text (head) and compares the
threats of the two side models on the elements the change can affect."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from threatdelta.diff.context import CommitContext
from threatdelta.diff.definitions import changed_names, definition_bodies
from threatdelta.diff.delta import AffectedElement
from threatdelta.diff.incremental import (
    Fragments,
    SideModels,
    affected_elements,
    link_side,
    needs_service_files,
    neighbours,
    side_models,
)
from threatdelta.engine import run_rules
from threatdelta.findings.threat import Threat
from threatdelta.model.base import Notification
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.threat_model import ThreatModel
from threatdelta.remediation.inputs import ScanInputs

Bodies = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class LocalDelta:
    """The threats before and after a patch on the elements it can affect."""

    before: tuple[Threat, ...]
    after: tuple[Threat, ...]
    elements: frozenset[str]


def context_of(inputs: ScanInputs, model: ThreatModel) -> CommitContext:
    """The link context of the analysed revision (built once per run)."""
    fragments = [f for found in inputs.fragments.values() for f in found]
    return CommitContext.of("analysed", fragments, model)


@dataclass
class _AnalysedSide:
    model: ThreatModel
    notes: tuple[Notification, ...]
    threats: tuple[Threat, ...] | None = None


class LocalProofs:
    """What the local proofs of one remediation run share: the analysed inputs, their link
    context, and the analysed ("base") side models already linked and ruled. A base side
    model depends only on the files loaded in full and their analysed texts, so proofs of
    patches on the same files link and rule it once."""

    def __init__(self, inputs: ScanInputs, context: CommitContext) -> None:
        self.inputs, self.context = inputs, context
        self._sides: dict[tuple[tuple[str, str], ...], _AnalysedSide] = {}
        self._file_sets: list[frozenset[str]] = []  # of the analysed sides proofs linked

    def seed(
        self,
        files: frozenset[str],
        model: ThreatModel,
        notes: tuple[Notification, ...],
        threats: tuple[Threat, ...],
    ) -> None:
        """Take `model` (and its `threats`) as the analysed side model with `files` loaded
        in full: the caller linked it exactly as `link_base` would (a diff's head side)."""
        self._sides[self._key(files)] = _AnalysedSide(model, notes, threats)
        self._file_sets.append(files)

    def preload(self, patched: frozenset[str]) -> set[str]:
        """The files a proof of a patch on `patched` most likely needs besides them: those
        declaring the same endpoints, and those an earlier analysed side with all of
        `patched` was linked with (so the proof usually links each side once)."""
        found = neighbours(self.context, patched)
        for files in self._file_sets:
            if patched <= files:
                found |= files
        return found - patched

    def record(self, files: set[str]) -> None:
        """Remember the files a proof's analysed side was linked with."""
        if frozenset(files) not in self._file_sets:
            self._file_sets.append(frozenset(files))

    def link_base(self, full: Fragments) -> tuple[ThreatModel, tuple[Notification, ...]]:
        """The analysed side model with the files of `full` loaded in full."""
        key = self._key(full)
        side = self._sides.get(key)
        if side is None:
            side = _AnalysedSide(*link_side(self.context, full, set()))
            self._sides[key] = side
        return side.model, side.notes

    def base_threats(self, model: ThreatModel) -> tuple[Threat, ...]:
        """The threats of an analysed side model (ruled once per model)."""
        side = next((s for s in self._sides.values() if s.model is model), None)
        if side is None:
            return tuple(run_rules(model, self.inputs.rules)[0])
        if side.threats is None:
            side.threats = tuple(run_rules(model, self.inputs.rules)[0])
        return side.threats

    def _key(self, paths: Iterable[str]) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((path, self._digest(path)) for path in paths))

    def _digest(self, path: str) -> str:
        source = self.inputs.files.get(path)
        return hashlib.sha256(source.text.encode()).hexdigest() if source else ""


def _bodies(texts: Mapping[str, str]) -> Bodies:
    found: dict[str, list[str]] = defaultdict(list)
    for path, text in texts.items():
        for name, body in definition_bodies(path, text).items():
            found[name].append(body)
    return tuple(sorted((name, tuple(sorted(b))) for name, b in found.items()))


def _side_models(
    local: LocalProofs,
    patched: Mapping[str, str],
    head: Mapping[str, Sequence[ModelFragment]],
) -> tuple[SideModels, list[AffectedElement]]:
    """The analysed and patched side models of a patch, and the elements it affects."""
    inputs = local.inputs

    def load_base(path: str) -> list[ModelFragment]:
        return list(inputs.fragments.get(path, ()))

    def load_head(path: str) -> list[ModelFragment]:
        return list(head[path]) if path in head else load_base(path)

    analysed = {path: inputs.files[path].text for path in patched}
    guards = changed_names(_bodies(analysed), _bodies(patched))
    build = partial(
        side_models,
        local.context,
        {path: (path, path) for path in patched},
        load_base,
        load_head,
        guards=guards,
        preload=local.preload(frozenset(patched)),
        link_base=local.link_base,
    )
    models = build()
    found = affected_elements(models, guards)
    extra = needs_service_files(local.context, found, models, set(patched))
    if extra:
        models = build(extra=extra)
        found = affected_elements(models, guards)
    local.record(models.files)
    return models, found


def local_delta(
    local: LocalProofs,
    patched: Mapping[str, str],
    head: Mapping[str, Sequence[ModelFragment]],
) -> LocalDelta:
    """Threats of the analysed and of the patched side models on the affected elements."""
    models, found = _side_models(local, patched, head)
    elements = {a.key for a in found} | {
        e.key
        for e in (*models.head.elements(), *models.base.elements())
        if any(ev.location.path in patched for ev in e.evidence)
    }
    before = local.base_threats(models.base)
    after, _ = run_rules(models.head, local.inputs.rules)
    return LocalDelta(
        before=tuple(t for t in before if t.element in elements),
        after=tuple(t for t in after if t.element in elements),
        elements=frozenset(elements),
    )
