"""Re-model only what a change concerns: the changed files, the files that declare the same
endpoints (a spec and its code), and the files whose endpoints depend on something the
change edited (a guard, a router or mount, a data store, a service setting). Everything
else is linked from the base commit's skeleton, so the work follows the size of the change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial

from threatdelta.diff.affected import compare_models, dependents
from threatdelta.diff.context import CommitContext, router_name, skeleton
from threatdelta.diff.delta import AffectedElement, ChangeKind
from threatdelta.model.base import Notification
from threatdelta.model.fragment import ModelFragment, RouterRef
from threatdelta.model.link import link, merge_key
from threatdelta.model.threat_model import ThreatModel

Fragments = dict[str, list[ModelFragment]]  # path -> that file's fragments
Loader = Callable[[str], list[ModelFragment]]  # path -> fragments of that file on one side
SideLinker = Callable[[Fragments], tuple[ThreatModel, tuple[Notification, ...]]]


class SideModels:
    """The base and head sub-models of one change, the files they were built from and the
    files the change removed (deleted, or the old path of a rename)."""

    def __init__(
        self,
        base: ThreatModel,
        head: ThreatModel,
        notes: tuple[tuple[Notification, ...], tuple[Notification, ...]],
        files: set[str],
        removed: set[str],
    ) -> None:
        self.base, self.head, self.files, self.removed = base, head, files, removed
        self.base_notes, self.head_notes = notes
        self.notes = [*self.base_notes, *self.head_notes]


def _changed_routers(base: Fragments, head: Fragments, context: CommitContext) -> set[str]:
    """Routers whose declaration or mounts differ between the sides, and every router
    mounted below them."""
    refs: set[RouterRef] = set()
    for path in base.keys() | head.keys():
        before = [skeleton(f) for f in base.get(path, [])]
        after = [skeleton(f) for f in head.get(path, [])]
        if before == after:
            continue
        for fragment in (*before, *after):
            refs |= {d.ref for d in fragment.routers}
            refs |= {m.child for m in fragment.mounts} | {m.parent for m in fragment.mounts}
    children: dict[str, set[str]] = defaultdict(set)
    for fragment in context.skeletons:
        for mount in fragment.mounts:
            children[mount.parent.name].add(router_name(mount.child))
    names = {router_name(r) for r in refs}
    frontier = list(names)
    while frontier:
        for child in children.get(frontier.pop().rsplit(":", 1)[-1], ()):
            if child not in names:
                names.add(child)
                frontier.append(child)
    return names


def _related_files(
    context: CommitContext,
    seeds: Fragments,
    models: Sequence[ThreatModel],
    changed_routers: set[str],
    guards: set[str],
) -> set[str]:
    """Files whose elements the seed files (the changed ones) may affect: the other views
    of the same endpoints (a spec and its code), users of a changed guard, router or data
    store. Not followed further: a spec's other operations are not related to a change."""
    fragments = [f for frags in seeds.values() for f in frags]
    endpoints = [
        ep
        for model in models
        for ep in model.endpoints
        if any(ev.location.path in seeds for ev in ep.evidence)
    ]
    lookup = context.lookup
    return (
        lookup(context.endpoint_shapes, {merge_key(ep) for ep in endpoints})
        | lookup(context.operations, {ep.operation_id for ep in endpoints if ep.operation_id})
        | lookup(context.guards, guards)
        | lookup(context.routers, changed_routers)
        | lookup(context.symbols, {s.symbol.name for f in fragments for s in f.store_symbols})
    )


def link_side(
    context: CommitContext, full: Fragments, removed: set[str]
) -> tuple[ThreatModel, tuple[Notification, ...]]:
    """One side linked: the files of `full` in full, the others from the context's skeleton."""
    fragments = [s for s in context.skeletons if s.path not in full and s.path not in removed]
    fragments += [f for frags in full.values() for f in frags]
    return link(fragments)


def neighbours(context: CommitContext, paths: Iterable[str]) -> set[str]:
    """Files that declared an endpoint (by shape or operation id) with `paths` in the
    context's commit: the files a change of `paths` most likely relates to, loaded up front
    so that one link usually finds nothing more to load (`side_models`' `preload`)."""
    wanted = set(paths)
    found: set[str] = set()
    for index in (context.endpoint_shapes, context.operations):
        for _, files in index:
            if not wanted.isdisjoint(files):
                found.update(files)
    return found - wanted


def _service_names(affected: Sequence[AffectedElement]) -> list[str]:
    return [a.key.removeprefix("service:") for a in affected if a.kind.value == "service"]


def side_models(
    context: CommitContext,
    changed: Mapping[str, tuple[str | None, str | None]],
    load_base: Loader,
    load_head: Loader,
    *,
    guards: set[str],
    extra: Iterable[str] = (),
    preload: Iterable[str] = (),
    link_base: SideLinker | None = None,
) -> SideModels:
    """Base and head sub-models covering every element the change can affect. `changed`
    maps each changed file to its (base path, head path); `extra` files are loaded too, and
    `preload` files without being followed (a guess at the related files: a second link is
    saved when it holds). `link_base` links the base side (a caller may memoise it)."""
    if link_base is None:
        link_base = partial(link_side, context, removed=set())
    base: Fragments = {}
    head: Fragments = {}
    removed = {old for old, new in changed.values() if old and old != new}
    for old, new in changed.values():
        if old:
            base[old] = load_base(old)
        if new:
            head[new] = load_head(new)
    for path in set(extra) - set(base) - set(head):
        base[path], head[path] = load_base(path), load_head(path)
    seeds = {**base, **head}
    for path in set(preload) - set(base) - set(head) - removed:
        base[path], head[path] = load_base(path), load_head(path)
    routers = _changed_routers(base, head, context)
    base_model, base_notes = link_base(base)
    head_model, head_notes = link_side(context, head, removed)
    related = _related_files(context, seeds, (base_model, head_model), routers, guards)
    related -= set(base) | set(head)
    if related:
        for path in related:
            base[path], head[path] = load_base(path), load_head(path)
        base_model, base_notes = link_base(base)
        head_model, head_notes = link_side(context, head, removed)
    files = set(base) | set(head)
    return SideModels(base_model, head_model, (base_notes, head_notes), files, removed)


def affected_elements(models: SideModels, changed_guards: set[str]) -> list[AffectedElement]:
    """Added, removed and modified elements, then their dependents."""
    found = compare_models(models.base, models.head)
    found += dependents(models.head, changed_guards, {a.key: a for a in found})
    return found


def needs_service_files(
    context: CommitContext,
    found: Sequence[AffectedElement],
    models: SideModels,
    changed_paths: set[str],
) -> set[str]:
    """Files of services whose settings changed, or whose declaration the change touched:
    their threats are re-derived at head, and rules about a service read all its
    endpoints, so all of them are loaded."""
    changed = [a for a in found if a.change is not ChangeKind.DEPENDENT]
    touched = [
        s.name
        for s in models.head.services
        if any(ev.location.path in changed_paths for ev in s.evidence)
    ]
    names = [*_service_names(changed), *touched]
    return context.lookup(context.services, names) - models.files
