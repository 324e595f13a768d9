"""What a diff needs to know about the whole base commit without loading all of it: the
link skeleton of every file (routers, mounts, services, data stores: what crosses files)
and indexes from the names a change can touch to the files that use them.

Built once per base commit from its full extraction and cached; a warm diff then loads
this small document plus the full fragments of only the files the change concerns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from threatdelta.model.base import Frozen
from threatdelta.model.elements import Endpoint
from threatdelta.model.fragment import ModelFragment, RouterRef
from threatdelta.model.link import merge_key
from threatdelta.model.threat_model import ThreatModel

_NOT_IN_SKELETON = {"endpoints": (), "bindings": (), "store_accesses": (), "flows": ()}

Index = tuple[tuple[str, tuple[str, ...]], ...]  # name -> repository paths


def skeleton(fragment: ModelFragment) -> ModelFragment:
    """The part of a fragment other files depend on when linking."""
    return fragment.model_copy(update=_NOT_IN_SKELETON)


def _index(pairs: Iterable[tuple[str, str]]) -> Index:
    found: dict[str, set[str]] = defaultdict(set)
    for name, path in pairs:
        found[name].add(path)
    return tuple(sorted((name, tuple(sorted(paths))) for name, paths in found.items()))


def _endpoints(fragment: ModelFragment) -> Iterable[Endpoint]:
    yield from (r.endpoint for r in fragment.endpoints)
    yield from (b.endpoint for b in fragment.bindings)


def router_name(ref: RouterRef) -> str:
    return f"{ref.module}:{ref.name}"


class CommitContext(Frozen):
    commit: str
    skeletons: tuple[ModelFragment, ...]
    endpoint_shapes: Index  # full merge key (METHOD /path/{}) -> files with its evidence
    operations: Index  # operation id -> files declaring or binding it
    guards: Index  # auth scheme or guard name -> files with endpoints using it
    routers: Index  # "module:name" of a router -> files with endpoints routed on it
    symbols: Index  # data-store symbol name -> files whose handlers access it
    services: Index  # service name -> files with evidence of its endpoints

    @staticmethod
    def of(commit: str, fragments: Iterable[ModelFragment], model: ThreatModel) -> CommitContext:
        fragments = list(fragments)
        return CommitContext(
            commit=commit,
            services=_index(
                (ep.service, ev.location.path) for ep in model.endpoints for ev in ep.evidence
            ),
            skeletons=tuple(skeleton(f) for f in fragments),
            endpoint_shapes=_index(
                (merge_key(ep), ev.location.path) for ep in model.endpoints for ev in ep.evidence
            ),
            operations=_index(
                (ep.operation_id, ev.location.path)
                for ep in model.endpoints
                for ev in ep.evidence
                if ep.operation_id
            ),
            guards=_index(
                (name, ev.location.path)
                for ep in model.endpoints
                for name in (*ep.guards, *ep.auth_schemes)
                for ev in ep.evidence
            ),
            routers=_index(
                (router_name(r.router), f.path) for f in fragments for r in f.endpoints if r.router
            ),
            symbols=_index((a.symbol.name, f.path) for f in fragments for a in f.store_accesses),
        )

    @staticmethod
    def lookup(index: Index, names: Iterable[str]) -> set[str]:
        table = dict(index)
        return {path for name in names for path in table.get(name, ())}
