"""The threats a patch can change, without relinking the whole repository.

On a large repository a full relink and rule run per patch costs about half a scan. The diff
engine already knows how to re-derive only what a change can affect: base and head side
models built from the changed files and the files related to them (`diff.incremental`), the
affected elements and their dependents. A proof on a large repository treats the patch as a
change between the analysed text (base) and the patched text (head) and compares the
threats of the two side models on the elements the change can affect."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from threatdelta.diff.context import CommitContext
from threatdelta.diff.definitions import changed_names, definition_bodies
from threatdelta.diff.incremental import affected_elements, needs_service_files, side_models
from threatdelta.engine import run_rules
from threatdelta.findings.threat import Threat
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


def _bodies(texts: Mapping[str, str]) -> Bodies:
    found: dict[str, list[str]] = defaultdict(list)
    for path, text in texts.items():
        for name, body in definition_bodies(path, text).items():
            found[name].append(body)
    return tuple(sorted((name, tuple(sorted(b))) for name, b in found.items()))


def local_delta(
    inputs: ScanInputs,
    context: CommitContext,
    patched: Mapping[str, str],
    head: Mapping[str, Sequence[ModelFragment]],
) -> LocalDelta:
    """Threats of the analysed and of the patched side models on the affected elements."""

    def load_base(path: str) -> list[ModelFragment]:
        return list(inputs.fragments.get(path, ()))

    def load_head(path: str) -> list[ModelFragment]:
        return list(head[path]) if path in head else load_base(path)

    changed = {path: (path, path) for path in patched}
    analysed = {path: inputs.files[path].text for path in patched}
    guards = changed_names(_bodies(analysed), _bodies(patched))
    models = side_models(context, changed, load_base, load_head, guards=guards)
    found = affected_elements(models, guards)
    extra = needs_service_files(context, found, models, set(patched))
    if extra:
        models = side_models(context, changed, load_base, load_head, guards=guards, extra=extra)
        found = affected_elements(models, guards)
    elements = {a.key for a in found} | {
        e.key
        for e in (*models.head.elements(), *models.base.elements())
        if any(ev.location.path in patched for ev in e.evidence)
    }
    before, _ = run_rules(models.base, inputs.rules)
    after, _ = run_rules(models.head, inputs.rules)
    return LocalDelta(
        before=tuple(t for t in before if t.element in elements),
        after=tuple(t for t in after if t.element in elements),
        elements=frozenset(elements),
    )
