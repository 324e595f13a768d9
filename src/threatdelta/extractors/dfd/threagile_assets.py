"""Threagile technical assets, communication links and trust boundaries -> elements, flows
and boundaries. An asset's `type` decides: `external-entity` an external entity (a person's
device by `technology`: browser, desktop, mobile app, client; else a service), `datastore` a
data store of kind `technology`, `process` (or anything else) a service."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from threatdelta.extractors.dfd.vocabulary import evidence_at
from threatdelta.extractors.openapi.tree import YamlMap
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

_CLIENTS = ("browser", "desktop", "mobile-app", "client", "devops-client", "iot-device")
_ENCRYPTED = frozenset({"https", "wss", "ssh", "ssh-tunnel", "sftp", "ftps", "scp", "ldaps"})
_NON_WORD = re.compile(r"[^a-z0-9]+")

Asset = ExternalEntity | DataStore | Service


@dataclass
class ThreagileParts:
    path: str
    assets: dict[str, Asset] = field(default_factory=dict)  # by asset id
    links: dict[str, DataFlow] = field(default_factory=dict)  # by Threagile link id
    boundaries: list[TrustBoundary] = field(default_factory=list)
    notes: list[Notification] = field(default_factory=list)


def _asset(name: str, body: YamlMap, path: str, span: tuple[int, int]) -> Asset:
    kind, technology = body.text("type") or "", (body.text("technology") or "").lower()
    evidence = evidence_at(path, span)
    if kind == "external-entity":
        person = any(technology.startswith(c) for c in _CLIENTS)
        external = ExternalKind.USER if person else ExternalKind.SERVICE
        return ExternalEntity(name=name, evidence=evidence, kind_of=external)
    if kind == "datastore":
        return DataStore(kind_of=technology or "store", name=name, evidence=evidence)
    return Service(name=name, framework="threagile", evidence=evidence)


def read_assets(parts: ThreagileParts, assets: YamlMap) -> None:
    for name, body in assets.items():
        ident = body.text("id") if isinstance(body, YamlMap) else None
        if not isinstance(body, YamlMap) or not ident:
            parts.notes.append(_note(parts.path, assets.line_of(name), f"asset '{name}' has no id"))
            continue
        parts.assets.setdefault(ident, _asset(name, body, parts.path, assets.span_of(name)))


def link_id(source: str, title: str) -> str:
    """Threagile's id of a communication link: `<source asset id>><title in kebab case>`."""
    return f"{source}>{_NON_WORD.sub('-', title.lower()).strip('-')}"


def _encryption(protocol: str) -> Tri:
    if protocol in _ENCRYPTED or protocol.endswith("-encrypted"):
        return Tri.YES
    if protocol in ("", "local-file-access", "in-process-library-call", "container-spawning"):
        return Tri.UNKNOWN
    return Tri.NO


def _authentication(value: str | None) -> Tri:
    if not value:
        return Tri.UNKNOWN
    return Tri.NO if value == "none" else Tri.YES


def read_links(parts: ThreagileParts, assets: YamlMap) -> None:
    for ident, asset_body in ((b.text("id"), b) for b in assets.values() if isinstance(b, YamlMap)):
        links = asset_body.map("communication_links")
        if ident not in parts.assets or links is None:
            continue
        for title, link in links.items():
            target = link.text("target") if isinstance(link, YamlMap) else None
            if not isinstance(link, YamlMap) or target not in parts.assets:
                message = f"link '{title}' has no known target asset; skipped"
                parts.notes.append(_note(parts.path, links.line_of(title), message))
                continue
            protocol = (link.text("protocol") or "unknown").lower()
            parts.links[link_id(ident, title)] = DataFlow(
                source=parts.assets[ident].key,
                target=parts.assets[target].key,
                protocol=protocol,
                evidence=evidence_at(parts.path, links.span_of(title)),
                encrypted=_encryption(protocol),
                authenticated=_authentication(link.text("authentication")),
            )


def _boundary_kind(kind: str) -> BoundaryKind:
    if kind == "execution-environment":
        return BoundaryKind.CONTAINER
    return BoundaryKind.NETWORK


def read_boundaries(parts: ThreagileParts, boundaries: YamlMap) -> None:
    by_id: dict[str, tuple[str, YamlMap]] = {}
    for name, body in boundaries.items():
        if isinstance(body, YamlMap) and body.text("id"):
            by_id[body.text("id") or ""] = (name, body)
    parent_of = {
        str(child): name
        for name, body in by_id.values()
        for child in body.seq("trust_boundaries_nested") or ()
    }
    for ident, (name, body) in by_id.items():
        inside = [str(a) for a in body.seq("technical_assets_inside") or ()]
        members = tuple(parts.assets[a].key for a in inside if a in parts.assets)
        parent = parent_of.get(ident, "")
        parts.boundaries.append(
            TrustBoundary(
                name=name,
                members=members,
                evidence=evidence_at(parts.path, boundaries.span_of(name)),
                kind_of=_boundary_kind(body.text("type") or ""),
                parent=f"boundary:{parent}" if parent else "",
            )
        )


def _inside(parts: ThreagileParts) -> dict[str, set[str]]:
    """Element keys inside each boundary, through its nested boundaries too."""
    inside = {b.key: set(b.members) for b in parts.boundaries}
    for _ in parts.boundaries:  # each pass lifts members one nesting level up
        for b in parts.boundaries:
            if b.parent in inside:
                inside[b.parent] |= inside[b.key]
    return inside


def with_crossings(parts: ThreagileParts) -> dict[str, DataFlow]:
    """Each flow with the boundaries it leaves or enters (one end inside, not both)."""
    inside = _inside(parts)
    return {
        ident: flow.model_copy(
            update={
                "crosses": tuple(
                    key
                    for key, keys in inside.items()
                    if (flow.source in keys) != (flow.target in keys)
                )
            }
        )
        for ident, flow in parts.links.items()
    }


def _note(path: str, line: int, message: str) -> Notification:
    return Notification(
        level=Level.WARNING, code="invalid-model", path=path, message=f"line {line}: {message}"
    )
