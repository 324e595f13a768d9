"""OTM trust zones, components and dataflows -> boundaries, elements and flows.

A component is an external entity, a data store or a service by `attributes.
threatdelta_element` when our exporter wrote it, else by its `type` (client/user/browser
words: external; database/storage/bucket/cache/queue words: data store; anything else a
service). A component's zone is its `parent.trustZone`, or its parent component's zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from threatdelta.extractors.dfd.vocabulary import (
    boundary_kind,
    evidence_at,
    flag,
    looks_like_actor,
    looks_like_store,
    protocol_encryption,
)
from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.model.base import Level, Notification
from threatdelta.model.elements import (
    DataFlow,
    DataStore,
    ExternalEntity,
    ExternalKind,
    Service,
    TrustBoundary,
)

_MAX_NESTING = 32
Span = tuple[int, int]


@dataclass
class OtmParts:
    path: str
    zones: dict[str, TrustBoundary] = field(default_factory=dict)  # by zone id
    elements: dict[str, ExternalEntity | DataStore | Service] = field(default_factory=dict)
    zone_of: dict[str, str] = field(default_factory=dict)  # component id -> zone id
    flows: list[tuple[DataFlow, YamlMap]] = field(default_factory=list)
    notes: list[Notification] = field(default_factory=list)


def _attr(item: YamlMap, name: str) -> str:
    attributes = item.map("attributes")
    return (attributes.text(name) if attributes is not None else None) or ""


def _parent(item: YamlMap, kind: str) -> str:
    parent = item.map("parent")
    return (parent.text(kind) if parent is not None else None) or ""


def read_zones(parts: OtmParts, root: YamlMap) -> None:
    zones = root.seq("trustZones")
    for index, zone in enumerate(zones or ()):
        if not isinstance(zone, YamlMap) or _attr(zone, "threatdelta_synthetic") == "true":
            continue
        ident, name = zone.text("id") or "", " ".join((zone.text("name") or "").split())
        if not ident or not name:
            continue
        kind = boundary_kind(_attr(zone, "threatdelta_kind"), zone.text("type") or "", name)
        span = zones.spans[index] if zones is not None else (1, 1)
        evidence = evidence_at(parts.path, span)
        parts.zones[ident] = TrustBoundary(name=name, evidence=evidence, kind_of=kind)


def _element(item: YamlMap, path: str, span: Span) -> ExternalEntity | DataStore | Service:
    name = " ".join((item.text("name") or item.text("id") or "").split())
    kind_type = item.text("type") or ""
    marked, kind = _attr(item, "threatdelta_element"), _attr(item, "threatdelta_kind")
    evidence = evidence_at(path, span)
    if marked == "external" or (not marked and looks_like_actor(kind_type)):
        values = {k.value for k in ExternalKind}
        external_kind = ExternalKind(kind) if kind in values else ExternalKind.USER
        return ExternalEntity(name=name, evidence=evidence, kind_of=external_kind)
    if marked == "datastore" or (not marked and looks_like_store(kind_type)):
        return DataStore(kind_of=kind or kind_type or "store", name=name, evidence=evidence)
    return Service(name=name, framework="otm", evidence=evidence)


def read_components(parts: OtmParts, root: YamlMap) -> list[tuple[YamlMap, str]]:
    """Each component with its element key; zones resolved through parent components."""
    components = root.seq("components")
    found: list[tuple[YamlMap, str]] = []
    parent_of: dict[str, str] = {}
    for index, item in enumerate(components or ()):
        ident = item.text("id") if isinstance(item, YamlMap) else None
        if not isinstance(item, YamlMap) or not ident or components is None:
            continue
        element = _element(item, parts.path, components.spans[index])
        parts.elements.setdefault(ident, element)
        parts.zone_of[ident] = _parent(item, "trustZone")
        parent_of[ident] = _parent(item, "component")
        found.append((item, parts.elements[ident].key))
    for ident in parts.zone_of:
        current, depth = ident, 0
        while not parts.zone_of.get(current) and parent_of.get(current) and depth < _MAX_NESTING:
            current, depth = parent_of[current], depth + 1
        parts.zone_of[ident] = parts.zone_of.get(current, "")
    return found


def _flow(parts: OtmParts, item: YamlMap, span: Span) -> DataFlow | None:
    ends = [item.text("source") or "", item.text("destination") or ""]
    if not all(end in parts.elements for end in ends):
        parts.notes.append(
            Notification(
                level=Level.NOTE,
                code="unresolved-flow",
                path=parts.path,
                message=f"line {span[0]}: dataflow '{item.text('id')}' does not connect two "
                "components; skipped",
            )
        )
        return None
    protocol = (_attr(item, "protocol") or "unknown").lower()
    attributes = item.map("attributes") or YamlMap()
    encrypted = flag(attributes.get("encrypted"))
    if "encrypted" not in attributes:  # written as null: said to be unknown
        encrypted = protocol_encryption(protocol)
    zones = [parts.zone_of.get(end, "") for end in ends]
    crosses = tuple(
        parts.zones[z].key
        for z in dict.fromkeys(zones)
        if z in parts.zones and zones[0] != zones[1]
    )
    return DataFlow(
        source=parts.elements[ends[0]].key,
        target=parts.elements[ends[1]].key,
        protocol=protocol,
        evidence=evidence_at(parts.path, span),
        encrypted=encrypted,
        authenticated=flag(attributes.get("authenticated")),
        crosses=crosses,
    )


def read_flows(parts: OtmParts, root: YamlMap) -> None:
    flows = root.seq("dataflows")
    for index, item in enumerate(flows or ()):
        if isinstance(item, YamlMap) and flows is not None:
            flow = _flow(parts, item, flows.spans[index])
            if flow is not None:
                parts.flows.append((flow, item))


def boundaries(parts: OtmParts, root: YamlMap) -> tuple[TrustBoundary, ...]:
    """The zones with their members (components directly in them) and parent zones."""
    parent_zone = {
        zone.text("id") or "": _parent(zone, "trustZone")
        for zone in (root.seq("trustZones") or ())
        if isinstance(zone, YamlMap)
    }
    out: list[TrustBoundary] = []
    for ident, zone in parts.zones.items():
        members = tuple(
            dict.fromkeys(parts.elements[c].key for c, z in parts.zone_of.items() if z == ident)
        )
        parent = parts.zones.get(parent_zone.get(ident, ""))
        out.append(
            zone.model_copy(update={"members": members, "parent": parent.key if parent else ""})
        )
    first: dict[str, TrustBoundary] = {}
    for boundary in out:
        first.setdefault(boundary.key, boundary)
    return tuple(first.values())
