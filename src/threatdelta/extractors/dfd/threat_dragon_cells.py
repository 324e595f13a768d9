"""The cells of Threat Dragon v2 diagrams -> elements, flows, boundaries and threats.

Actors are external entities (people by default), processes services, stores data stores
(kind `store` unless our marker line names one), flows data flows, boundary boxes trust
boundaries whose members are the nodes drawn inside them (a flow with one end inside a box
crosses it). Boundary curves have no inside: they become boundaries without members.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from threatdelta.extractors.dfd.marker import marked_kind
from threatdelta.extractors.dfd.vocabulary import (
    boundary_kind,
    evidence_at,
    flag,
    severity_of,
    status_of,
    stride_letters,
)
from threatdelta.extractors.openapi.tree import YamlMap, YamlSeq
from threatdelta.model.base import Level, Notification, Tri
from threatdelta.model.elements import (
    BoundaryKind,
    DataFlow,
    DataStore,
    ExternalEntity,
    ExternalKind,
    Service,
    TrustBoundary,
)
from threatdelta.model.imported import ImportedThreat, ModelFormat

_KINDS = {
    "tm.actor": "actor",
    "actor": "actor",
    "tm.process": "process",
    "process": "process",
    "tm.store": "store",
    "store": "store",
    "tm.flow": "flow",
    "flow": "flow",
    "tm.boundary": "boundary",
    "tm.boundarybox": "box",
    "trust-boundary-box": "box",
    "trust-boundary-curve": "boundary",
    "trust-broundary-curve": "boundary",  # the spelling some Threat Dragon versions write
}
_FORMAT = ModelFormat.THREAT_DRAGON
Rect = tuple[float, float, float, float]
Span = tuple[int, int]


@dataclass
class DragonModel:
    """What the cells of every diagram of one file add up to."""

    path: str
    services: dict[str, Service] = field(default_factory=dict)
    stores: dict[str, DataStore] = field(default_factory=dict)
    externals: dict[str, ExternalEntity] = field(default_factory=dict)
    flows: dict[str, DataFlow] = field(default_factory=dict)
    boundaries: dict[str, TrustBoundary] = field(default_factory=dict)
    threats: list[ImportedThreat] = field(default_factory=list)
    notes: list[Notification] = field(default_factory=list)


def cell_kind(cell: YamlMap) -> str:
    data = cell.map("data")
    declared = (data.text("type") if data is not None else None) or cell.text("shape") or ""
    return _KINDS.get(declared.lower(), "")


def cell_name(cell: YamlMap, kind: str) -> str:
    data = cell.map("data")
    name = data.text("name") if data is not None else None
    if not name:
        attrs = cell.map("attrs")
        for part in ("text", "label", "labelText"):
            holder = attrs.map(part) if attrs is not None else None
            name = holder.text("text") if holder is not None else None
            if name:
                break
    text = " ".join((name or "").split())
    return text or f"{kind} {(cell.text('id') or '?')[:8]}"


def _description(cell: YamlMap) -> str:
    data = cell.map("data")
    return (data.text("description") if data is not None else None) or ""


def _rect(cell: YamlMap) -> Rect | None:
    pos, size = cell.map("position"), cell.map("size")
    if pos is None or size is None:
        return None
    try:
        x, y = float(pos.get("x") or 0), float(pos.get("y") or 0)  # type: ignore[arg-type]
        w, h = float(size.get("width") or 0), float(size.get("height") or 0)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return (x, y, x + w, y + h)


def _inside(node: Rect, box: Rect) -> bool:
    cx, cy = (node[0] + node[2]) / 2, (node[1] + node[3]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def add_node(model: DragonModel, cell: YamlMap, kind: str, span: tuple[int, int]) -> str:
    """The node's element in the model (the first of a name wins); its key."""
    name, evidence = cell_name(cell, kind), evidence_at(model.path, span)
    marked = marked_kind(_description(cell))
    if kind == "actor":
        values = {k.value for k in ExternalKind}
        entity = ExternalEntity(
            name=name,
            evidence=evidence,
            kind_of=ExternalKind(marked) if marked in values else ExternalKind.USER,
        )
        model.externals.setdefault(entity.key, entity)
        return entity.key
    if kind == "store":
        store = DataStore(kind_of=marked or "store", name=name, evidence=evidence)
        model.stores.setdefault(store.key, store)
        return store.key
    service = Service(name=name, framework="threat-dragon", evidence=evidence)
    model.services.setdefault(service.key, service)
    return service.key


def add_boundary(
    model: DragonModel, cell: YamlMap, kind: str, span: tuple[int, int], members: tuple[str, ...]
) -> str:
    name = cell_name(cell, "boundary")
    marked = marked_kind(_description(cell))
    values = {k.value for k in BoundaryKind}
    boundary = TrustBoundary(
        name=name,
        members=members if kind == "box" else (),
        evidence=evidence_at(model.path, span),
        kind_of=BoundaryKind(marked) if marked in values else boundary_kind(name),
    )
    model.boundaries.setdefault(boundary.key, boundary)
    return boundary.key


def box_members(cell: YamlMap, nodes: dict[str, tuple[str, Rect | None]]) -> tuple[str, ...]:
    box = _rect(cell)
    if box is None:
        return ()
    return tuple(key for key, rect in nodes.values() if rect is not None and _inside(rect, box))


def node_rect(cell: YamlMap) -> Rect | None:
    return _rect(cell)


def add_flow(
    model: DragonModel,
    cell: YamlMap,
    span: tuple[int, int],
    nodes: dict[str, tuple[str, Rect | None]],
) -> str | None:
    """The flow's key, or None (with a note) when an end is not a node of the diagram."""
    ends = [cell.map(end) for end in ("source", "target")]
    ids = [(end.text("cell") if end is not None else None) or "" for end in ends]
    if not all(i in nodes for i in ids):
        model.notes.append(
            Notification(
                level=Level.NOTE,
                code="unresolved-flow",
                path=model.path,
                message=f"line {span[0]}: flow '{cell_name(cell, 'flow')}' does not connect "
                "two elements of the diagram; skipped",
            )
        )
        return None
    data = cell.map("data") or YamlMap()
    source, target = nodes[ids[0]][0], nodes[ids[1]][0]
    crosses = tuple(
        b.key for b in model.boundaries.values() if (source in b.members) != (target in b.members)
    )
    if flag(data.get("isPublicNetwork")) is Tri.YES:
        crosses = _with_internet(model, crosses, span)
    flow = DataFlow(
        source=source,
        target=target,
        protocol=(data.text("protocol") or "unknown").strip().lower() or "unknown",
        evidence=evidence_at(model.path, span),
        encrypted=flag(data.get("isEncrypted")),
        crosses=crosses,
    )
    model.flows.setdefault(flow.key, flow)
    return flow.key


def _with_internet(model: DragonModel, crosses: tuple[str, ...], span: Span) -> tuple[str, ...]:
    """A flow over a public network crosses an internet boundary: one drawn as a box, else
    a boundary `internet` of the file."""
    if any(model.boundaries[k].kind_of is BoundaryKind.INTERNET for k in crosses):
        return crosses
    evidence = evidence_at(model.path, span)
    zone = TrustBoundary(name="internet", kind_of=BoundaryKind.INTERNET, evidence=evidence)
    model.boundaries.setdefault(zone.key, zone)
    return (*crosses, zone.key)


def add_threats(model: DragonModel, cell: YamlMap, element: str) -> None:
    data = cell.map("data")
    threats = (data.seq("threats") if data is not None else None) or cell.seq("threats")
    if threats is None:
        return
    for index, item in enumerate(threats):
        if isinstance(item, YamlMap):
            model.threats.append(_threat(model.path, item, element, threats, index))


def _threat(path: str, item: YamlMap, element: str, seq: YamlSeq, index: int) -> ImportedThreat:
    return ImportedThreat(
        element=element,
        title=" ".join((item.text("title") or "untitled threat").split()),
        stride=stride_letters(item.text("type") or ""),
        status=status_of(item.text("status") or "open"),
        severity=severity_of(item.text("severity") or ""),
        description=item.text("description") or "",
        mitigation=item.text("mitigation") or "",
        source_id=item.text("id") or item.text("threatId") or "",
        source_format=_FORMAT,
        evidence=evidence_at(path, seq.spans[index]),
    )
