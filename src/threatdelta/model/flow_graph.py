"""The collector the flow linker fills: external entities, deployed data stores, flows and
trust boundaries, each once by key, merged when seen twice (evidence of both, first seen
first), and the trust boundaries each element sits in.

`crossed(source, target)` is what a flow crosses: the boundaries (with their enclosing
ones) that hold exactly one of its two ends. An endpoint sits where its service sits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from threatdelta.model.base import DataClass
from threatdelta.model.elements import (
    BoundaryKind,
    DataFlow,
    DataStore,
    ExternalEntity,
    ExternalKind,
    TrustBoundary,
)


@dataclass(frozen=True)
class Target:
    """A unit of the repository a host name resolves to: its node key and store kind."""

    key: str
    kind: str = ""  # data store kind ("" for an application)
    data_classes: tuple[DataClass, ...] = ()


Resolver = Callable[[str, str], list[Target]]  # (service, namespace) -> targets

INTERNET = ExternalEntity(name="internet", kind_of=ExternalKind.INTERNET)
INTERNET_BOUNDARY = "boundary:internet"


def _union(*groups: tuple[DataClass, ...]) -> tuple[DataClass, ...]:
    found = {c for group in groups for c in group}
    return tuple(c for c in DataClass if c in found)


@dataclass
class FlowGraph:
    externals: dict[str, ExternalEntity] = field(default_factory=dict)
    datastores: dict[str, DataStore] = field(default_factory=dict)
    flows: dict[str, DataFlow] = field(default_factory=dict)
    boundaries: dict[str, TrustBoundary] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # code service name -> the container boundary of the deployment unit that runs it
    homes: dict[str, str] = field(default_factory=dict)
    pairs: set[tuple[str, str]] = field(default_factory=set)  # (source, target) of the flows
    # code service name -> how host names resolve where it runs (compose names, cluster DNS)
    resolvers: dict[str, Resolver] = field(default_factory=dict)

    def external(self, entity: ExternalEntity) -> str:
        if entity.key not in self.externals:
            self.externals[entity.key] = entity
            self.place(entity.key, self.internet_boundary())
        return entity.key

    def internet(self) -> str:
        return self.external(INTERNET)

    def internet_boundary(self) -> str:
        self.boundary(TrustBoundary(name="internet", kind_of=BoundaryKind.INTERNET))
        return INTERNET_BOUNDARY

    def datastore(self, store: DataStore) -> str:
        self.datastores.setdefault(store.key, store)
        return store.key

    def boundary(self, boundary: TrustBoundary) -> str:
        self.boundaries.setdefault(boundary.key, boundary)
        return boundary.key

    def place(self, element: str, boundary: str) -> None:
        if element not in self.members[boundary]:
            self.members[boundary].append(element)

    def flow(self, flow: DataFlow) -> None:
        self.pairs.add((flow.source, flow.target))
        old = self.flows.get(flow.key)
        if old is None:
            self.flows[flow.key] = flow
            return
        self.flows[flow.key] = old.model_copy(
            update={
                "evidence": tuple(dict.fromkeys((*old.evidence, *flow.evidence))),
                "data_classes": _union(old.data_classes, flow.data_classes),
            }
        )

    def has_flow(self, source: str, target: str) -> bool:
        return (source, target) in self.pairs

    def finished_boundaries(self) -> dict[str, TrustBoundary]:
        return {
            key: b.model_copy(update={"members": tuple(self.members.get(key, ()))})
            for key, b in self.boundaries.items()
        }


class Placement:
    """Which boundaries (with their enclosing ones) each element sits in."""

    def __init__(self, boundaries: dict[str, TrustBoundary], endpoints: dict[str, str]) -> None:
        self._endpoints = endpoints  # endpoint key -> its service key
        self._kinds = {k: b.kind_of for k, b in boundaries.items()}
        direct: dict[str, set[str]] = defaultdict(set)
        for key, b in boundaries.items():
            for member in b.members:
                direct[member].add(key)
        self._above = {k: self._enclosing(k, boundaries) for k in boundaries}
        self._within: dict[str, frozenset[str]] = {}
        for element, keys in direct.items():
            closed: set[str] = set()
            for start in keys:
                key = start
                while key and key not in closed and key in boundaries:
                    closed.add(key)
                    key = boundaries[key].parent
            self._within[element] = frozenset(closed)

    @staticmethod
    def _enclosing(key: str, boundaries: dict[str, TrustBoundary]) -> frozenset[str]:
        """The boundaries strictly enclosing `key` (its parent chain)."""
        found: set[str] = set()
        parent = boundaries[key].parent
        while parent and parent not in found and parent in boundaries and parent != key:
            found.add(parent)
            parent = boundaries[parent].parent
        return frozenset(found)

    def within(self, element: str) -> frozenset[str]:
        own = self._within.get(element)
        if own is None and element in self._endpoints:
            own = self._within.get(self._endpoints[element])
        return own or frozenset()

    def crossed(self, source: str, target: str) -> tuple[str, ...]:
        """Boundaries holding one end only; none of the networks when both ends share one
        (a service on two compose networks talks to its peer over the one they share)."""
        ours, theirs = self.within(source), self.within(target)
        found = set(ours ^ theirs)
        shared = {b for b in ours & theirs if self._kinds.get(b) is BoundaryKind.NETWORK}
        if shared:
            # a network nested in every shared one (subnets of a shared VPC) is still crossed
            found = {
                b
                for b in found
                if self._kinds.get(b) is not BoundaryKind.NETWORK or shared <= self._above[b]
            }
        return tuple(sorted(found))

    def kind(self, boundary: str) -> BoundaryKind | None:
        return self._kinds.get(boundary)
