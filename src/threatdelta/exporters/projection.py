"""The merged model at data-flow-diagram granularity, as both exporters write it.

Endpoints fold into their service (a flow from an endpoint starts at its service; a threat
on an endpoint sits on the service); IaC resources with a threat on them become processes
named `<type>.<name>`; other IaC resources are left out. Each node sits in its innermost
boundary only (`DfdBoundary.members` are direct members). Rule threats take their register
status (open when the register says nothing); imported threats keep theirs.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum

from threatdelta.findings.threat import Threat
from threatdelta.model.base import Frozen, Tri
from threatdelta.model.elements import BoundaryKind, DataFlow, TrustBoundary
from threatdelta.model.imported import ImportedThreat, ThreatStatus
from threatdelta.model.threat_model import ThreatModel

_NAMESPACE = uuid.UUID("6f1c3c1e-4d0b-4a57-9a43-8d3f2b7c5e10")


class NodeShape(StrEnum):
    ACTOR = "actor"
    PROCESS = "process"
    STORE = "store"


class DfdNode(Frozen):
    key: str
    name: str
    shape: NodeShape
    kind: str = ""  # a data store's kind, an external entity's kind


class DfdFlow(Frozen):
    key: str
    source: str
    target: str
    protocol: str
    encrypted: Tri = Tri.UNKNOWN
    authenticated: Tri = Tri.UNKNOWN
    crosses: tuple[str, ...] = ()
    public: bool = False  # crosses an internet boundary


class DfdBoundary(Frozen):
    key: str
    name: str
    kind_of: BoundaryKind
    members: tuple[str, ...] = ()
    parent: str = ""


class DfdThreat(Frozen):
    id: str
    element: str  # a node or flow key of the view
    title: str
    stride: tuple[str, ...] = ()
    status: ThreatStatus = ThreatStatus.OPEN
    severity: str = ""
    description: str = ""
    mitigation: str = ""


class DfdView(Frozen):
    title: str
    nodes: tuple[DfdNode, ...] = ()
    flows: tuple[DfdFlow, ...] = ()
    boundaries: tuple[DfdBoundary, ...] = ()
    threats: tuple[DfdThreat, ...] = ()
    left_out: int = 0  # threats on elements the view cannot show


def stable_id(*parts: str) -> str:
    """A UUID that depends on `parts` only (same model, same ids)."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def _nodes(model: ThreatModel, threatened: set[str]) -> dict[str, DfdNode]:
    nodes: dict[str, DfdNode] = {}
    for svc in model.services:
        nodes[svc.key] = DfdNode(key=svc.key, name=svc.name, shape=NodeShape.PROCESS)
    for store in model.datastores:
        nodes[store.key] = DfdNode(
            key=store.key, name=store.name, shape=NodeShape.STORE, kind=store.kind_of
        )
    for ext in model.externals:
        nodes[ext.key] = DfdNode(
            key=ext.key, name=ext.name, shape=NodeShape.ACTOR, kind=ext.kind_of.value
        )
    for ep in model.endpoints:
        name = ep.service or "root"
        nodes.setdefault(
            f"service:{name}", DfdNode(key=f"service:{name}", name=name, shape=NodeShape.PROCESS)
        )
    for res in model.iac:
        if res.key in threatened:
            name = f"{res.type}.{res.name}"
            nodes.setdefault(
                f"service:{name}",
                DfdNode(key=f"service:{name}", name=name, shape=NodeShape.PROCESS),
            )
    return nodes


def _homes(model: ThreatModel) -> dict[str, str]:
    """Element key -> node key for the elements that fold into another node."""
    homes = {ep.key: f"service:{ep.service or 'root'}" for ep in model.endpoints}
    homes |= {res.key: f"service:{res.type}.{res.name}" for res in model.iac}
    return homes


def _worst(values: Iterable[Tri]) -> Tri:
    """One flow standing for several: plaintext anywhere is plaintext."""
    seen = set(values)
    if Tri.NO in seen:
        return Tri.NO
    return Tri.YES if seen == {Tri.YES} else Tri.UNKNOWN


def _flows(
    model: ThreatModel, node_of: dict[str, str], boundaries: dict[str, TrustBoundary]
) -> tuple[dict[str, DfdFlow], dict[str, str]]:
    """The view's flows and, for each model flow, the key of the view flow it folds into."""
    groups: dict[str, list[DataFlow]] = {}
    ends: dict[str, tuple[str, str, str]] = {}
    folded: dict[str, str] = {}
    for flow in model.flows:
        source, target = node_of.get(flow.source), node_of.get(flow.target)
        if source is None or target is None or source == target:
            continue
        key = f"flow:{source}->{target}:{flow.protocol}"
        groups.setdefault(key, []).append(flow)
        ends[key] = (source, target, flow.protocol)
        folded[flow.key] = key
    flows: dict[str, DfdFlow] = {}
    for key, members in groups.items():
        crosses = tuple(dict.fromkeys(b for f in members for b in f.crosses if b in boundaries))
        source, target, protocol = ends[key]
        flows[key] = DfdFlow(
            key=key,
            source=source,
            target=target,
            protocol=protocol,
            encrypted=_worst(f.encrypted for f in members),
            authenticated=_worst(f.authenticated for f in members),
            crosses=crosses,
            public=any(boundaries[b].kind_of is BoundaryKind.INTERNET for b in crosses),
        )
    return flows, folded


def _depth(boundary: TrustBoundary, by_key: dict[str, TrustBoundary]) -> int:
    depth, current = 0, boundary
    while current.parent in by_key and depth < len(by_key):
        depth, current = depth + 1, by_key[current.parent]
    return depth


def _boundaries(
    model: ThreatModel, node_of: dict[str, str], nodes: dict[str, DfdNode]
) -> tuple[DfdBoundary, ...]:
    by_key = {b.key: b for b in model.boundaries}
    home: dict[str, str] = {}
    for boundary in sorted(model.boundaries, key=lambda b: -_depth(b, by_key)):
        for member in boundary.members:
            node = node_of.get(member)
            if node in nodes:
                home.setdefault(node, boundary.key)
    return tuple(
        DfdBoundary(
            key=b.key,
            name=b.name,
            kind_of=b.kind_of,
            members=tuple(n for n in nodes if home.get(n) == b.key),
            parent=b.parent if b.parent in by_key else "",
        )
        for b in by_key.values()
    )


def _rule_threat(threat: Threat, element: str, status: ThreatStatus) -> DfdThreat:
    return DfdThreat(
        id=threat.id,
        element=element,
        title=f"{threat.rule_id} {threat.title}",
        stride=tuple(s.value for s in threat.stride),
        status=status,
        severity=threat.severity.value,
        description=threat.message,
        mitigation=threat.fix.summary if threat.fix else "",
    )


def _imported_threat(threat: ImportedThreat, element: str) -> DfdThreat:
    return DfdThreat(
        id=stable_id(threat.source_format.value, threat.source_id, element, threat.title),
        element=element,
        title=threat.title,
        stride=threat.stride,
        status=threat.status,
        severity=threat.severity,
        description=threat.description,
        mitigation=threat.mitigation,
    )


def project(
    model: ThreatModel,
    threats: Sequence[Threat],
    title: str,
    statuses: Mapping[str, ThreatStatus] | None = None,
) -> DfdView:
    """The view of `model` and its rule `threats` that OTM and Threat Dragon can hold;
    `statuses` gives a threat's status by id (from the register; open when absent)."""
    threatened = {t.element for t in threats} | {t.element for t in model.imported_threats}
    nodes = _nodes(model, threatened)
    homes = _homes(model)
    node_of = {key: key for key in nodes} | {k: v for k, v in homes.items() if v in nodes}
    boundaries = {b.key: b for b in model.boundaries}
    flows, folded = _flows(model, node_of, boundaries)
    place = node_of | folded | {key: key for key in flows}
    out: list[DfdThreat] = []
    for rule in threats:
        if rule.element in place:
            status = (statuses or {}).get(rule.id, ThreatStatus.OPEN)
            out.append(_rule_threat(rule, place[rule.element], status))
    for imported in model.imported_threats:
        if imported.element in place:
            out.append(_imported_threat(imported, place[imported.element]))
    total = len(threats) + len(model.imported_threats)
    return DfdView(
        title=title,
        nodes=tuple(nodes.values()),
        flows=tuple(flows.values()),
        boundaries=_boundaries(model, node_of, nodes),
        threats=tuple(out),
        left_out=total - len(out),
    )
