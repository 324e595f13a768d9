"""`threatdelta export --format threat-dragon`: the model view as a Threat Dragon v2 model.

One diagram. Each boundary is a box drawn around its direct members (boxes side by side,
not nested: Threat Dragon keeps no parent), nodes outside every boundary sit in a row below.
A store's kind, an actor's kind and a boundary's kind go in a `threatdelta: kind=` line of
the description, the one line our reader interprets. Threats sit on their cells with
Threat Dragon's status words (`accepted` has none and is written `Open`), the first STRIDE
category as the type, and severity capitalised.
"""

from __future__ import annotations

import json

from threatdelta.exporters.projection import (
    DfdBoundary,
    DfdFlow,
    DfdNode,
    DfdThreat,
    DfdView,
    NodeShape,
    stable_id,
)
from threatdelta.extractors.dfd.marker import kind_line
from threatdelta.model.base import Tri
from threatdelta.model.imported import ThreatStatus

TD_VERSION = "2.2.0"
_SLOT_W, _SLOT_H, _PER_ROW, _GAP = 200, 150, 3, 80
_TYPE = {NodeShape.ACTOR: "tm.Actor", NodeShape.PROCESS: "tm.Process", NodeShape.STORE: "tm.Store"}
_SIZE = {NodeShape.ACTOR: (160, 80), NodeShape.PROCESS: (100, 100), NodeShape.STORE: (160, 80)}
_STRIDE = {
    "S": "Spoofing",
    "T": "Tampering",
    "R": "Repudiation",
    "I": "Information disclosure",
    "D": "Denial of service",
    "E": "Elevation of privilege",
}
_STATUS = {
    ThreatStatus.OPEN: "Open",
    ThreatStatus.MITIGATED: "Mitigated",
    ThreatStatus.NOT_APPLICABLE: "NotApplicable",
    ThreatStatus.ACCEPTED: "Open",
}
JsonObject = dict[str, object]


def _threats(key: str, view: DfdView, numbers: dict[str, int]) -> list[JsonObject]:
    return [
        {
            "id": stable_id("threat", t.id),
            "title": t.title,
            "status": _STATUS[t.status],
            "severity": t.severity.capitalize(),
            "type": _STRIDE[t.stride[0]] if t.stride else "",
            "modelType": "STRIDE",
            "number": numbers[t.id],
            "score": "",
            "description": t.description,
            "mitigation": t.mitigation,
        }
        for t in view.threats
        if t.element == key
    ]


def _open(key: str, threats: tuple[DfdThreat, ...]) -> bool:
    return any(t.element == key and t.status is ThreatStatus.OPEN for t in threats)


def _node_cell(node: DfdNode, x: int, y: int, view: DfdView, numbers: dict[str, int]) -> JsonObject:
    width, height = _SIZE[node.shape]
    data: JsonObject = {
        "type": _TYPE[node.shape],
        "name": node.name,
        "description": kind_line(node.kind) if node.kind else "",
        "outOfScope": False,
        "reasonOutOfScope": "",
        "hasOpenThreats": _open(node.key, view.threats),
        "threats": _threats(node.key, view, numbers),
    }
    return {
        "id": stable_id("cell", node.key),
        "shape": node.shape.value,
        "zIndex": 1,
        "position": {"x": x, "y": y},
        "size": {"width": width, "height": height},
        "attrs": {"text": {"text": node.name}},
        "data": data,
    }


def _box_cell(boundary: DfdBoundary, x: int, size: tuple[int, int]) -> JsonObject:
    return {
        "id": stable_id("cell", boundary.key),
        "shape": "trust-boundary-box",
        "zIndex": -1,
        "position": {"x": x, "y": 0},
        "size": {"width": size[0], "height": size[1]},
        "data": {
            "type": "tm.BoundaryBox",
            "name": boundary.name,
            "description": kind_line(boundary.kind_of.value),
            "isTrustBoundary": True,
            "hasOpenThreats": False,
        },
    }


def _flow_cell(flow: DfdFlow, view: DfdView, numbers: dict[str, int]) -> JsonObject:
    data: JsonObject = {
        "type": "tm.Flow",
        "name": flow.protocol,
        "description": "",
        "protocol": flow.protocol,
        "isPublicNetwork": flow.public,
        "isBidirectional": False,
        "hasOpenThreats": _open(flow.key, view.threats),
        "threats": _threats(flow.key, view, numbers),
    }
    if flow.encrypted is not Tri.UNKNOWN:
        data["isEncrypted"] = flow.encrypted is Tri.YES
    return {
        "id": stable_id("cell", flow.key),
        "shape": "flow",
        "zIndex": 10,
        "source": {"cell": stable_id("cell", flow.source)},
        "target": {"cell": stable_id("cell", flow.target)},
        "attrs": {"line": {"targetMarker": {"name": "block"}}},
        "labels": [flow.protocol],
        "data": data,
    }


def _grid(count: int) -> tuple[int, int]:
    cols = max(1, min(count, _PER_ROW))
    return cols, max(1, -(-count // _PER_ROW))


def _layout(view: DfdView, numbers: dict[str, int]) -> list[JsonObject]:
    """Boxes left to right, each with its members in a grid; the rest in rows below."""
    by_key = {n.key: n for n in view.nodes}
    boxes: list[JsonObject] = []
    nodes: list[JsonObject] = []
    x, bottom = 0, 0
    for boundary in view.boundaries:
        cols, rows = _grid(len(boundary.members))
        size = (cols * _SLOT_W + 40, rows * _SLOT_H + 60)
        boxes.append(_box_cell(boundary, x, size))
        for i, key in enumerate(boundary.members):
            slot_x, slot_y = x + 20 + (i % _PER_ROW) * _SLOT_W, 40 + (i // _PER_ROW) * _SLOT_H
            nodes.append(_node_cell(by_key[key], slot_x, slot_y, view, numbers))
        x, bottom = x + size[0] + _GAP, max(bottom, size[1])
    placed = {key for b in view.boundaries for key in b.members}
    rest = [n for n in view.nodes if n.key not in placed]
    for i, node in enumerate(rest):
        slot_x, slot_y = (i % 6) * _SLOT_W, bottom + _GAP + (i // 6) * _SLOT_H
        nodes.append(_node_cell(node, slot_x, slot_y, view, numbers))
    return boxes + nodes


def render_threat_dragon(view: DfdView) -> str:
    """The view as Threat Dragon v2 JSON text."""
    numbers = {t.id: i for i, t in enumerate(view.threats, start=1)}
    cells = _layout(view, numbers) + [_flow_cell(f, view, numbers) for f in view.flows]
    diagram: JsonObject = {
        "id": 0,
        "title": view.title,
        "diagramType": "STRIDE",
        "placeholder": "",
        "thumbnail": "./public/content/images/thumbnail.stride.jpg",
        "version": TD_VERSION,
        "cells": cells,
    }
    document: JsonObject = {
        "version": TD_VERSION,
        "summary": {
            "title": view.title,
            "owner": "",
            "description": "Exported by threatdelta from the repository's merged model.",
            "id": 0,
        },
        "detail": {
            "contributors": [],
            "diagrams": [diagram],
            "diagramTop": 1,
            "reviewer": "",
            "threatTop": len(view.threats),
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
