"""`threatdelta export --format otm`: the model view as an Open Threat Model 0.2 document.

Ids are our element keys. Each node is a component in its innermost trust zone (nodes in
none sit in one zone marked `attributes.threatdelta_synthetic`, which our reader skips);
`attributes` carry what OTM has no field for: `threatdelta_element` and `threatdelta_kind`
on components and zones, `protocol`, `encrypted` and `authenticated` on dataflows (`null`
when unknown). Every threat is a definition in `threats` (severity in
`attributes.severity`, impact in bands) and an instance on its component or dataflow with
its state; its mitigation text, when any, one entry of `mitigations`.
"""

from __future__ import annotations

import json
import re

from threatdelta.exporters.projection import DfdFlow, DfdNode, DfdThreat, DfdView, NodeShape
from threatdelta.model.base import Tri
from threatdelta.model.elements import BoundaryKind
from threatdelta.model.imported import ThreatStatus

OTM_VERSION = "0.2.0"
DEFAULT_ZONE = "threatdelta:unzoned"
_STRIDE = {
    "S": "Spoofing",
    "T": "Tampering",
    "R": "Repudiation",
    "I": "Information Disclosure",
    "D": "Denial of Service",
    "E": "Elevation of Privilege",
}
_STATE = {
    ThreatStatus.OPEN: "EXPOSED",
    ThreatStatus.MITIGATED: "MITIGATED",
    ThreatStatus.NOT_APPLICABLE: "NOT_APPLICABLE",
    ThreatStatus.ACCEPTED: "ACCEPTED",
}
_IMPACT = {"critical": 95, "high": 80, "medium": 50, "low": 20}
_TRUST = {
    BoundaryKind.INTERNET: 0,
    BoundaryKind.NETWORK: 50,
    BoundaryKind.CLUSTER: 60,
    BoundaryKind.CONTAINER: 70,
    BoundaryKind.PROCESS: 80,
}
_ELEMENT = {NodeShape.ACTOR: "external", NodeShape.PROCESS: "service", NodeShape.STORE: "datastore"}
_TYPE = {
    NodeShape.ACTOR: "external-entity",
    NodeShape.PROCESS: "process",
    NodeShape.STORE: "datastore",
}
JsonObject = dict[str, object]


def _tri(value: Tri) -> bool | None:
    return None if value is Tri.UNKNOWN else value is Tri.YES


def _instances(key: str, threats: tuple[DfdThreat, ...]) -> list[JsonObject]:
    out: list[JsonObject] = []
    for threat in threats:
        if threat.element != key:
            continue
        instance: JsonObject = {"threat": threat.id, "state": _STATE[threat.status]}
        if threat.mitigation:
            done = threat.status is ThreatStatus.MITIGATED
            state = "IMPLEMENTED" if done else "RECOMMENDED"
            instance["mitigations"] = [{"mitigation": f"{threat.id}:mitigation", "state": state}]
        out.append(instance)
    return out


def _zones(view: DfdView) -> tuple[list[JsonObject], dict[str, str]]:
    zones: list[JsonObject] = []
    zone_of: dict[str, str] = {}
    for boundary in view.boundaries:
        zone: JsonObject = {
            "id": boundary.key,
            "name": boundary.name,
            "type": boundary.kind_of.value,
            "risk": {"trustRating": _TRUST[boundary.kind_of]},
            "attributes": {"threatdelta_kind": boundary.kind_of.value},
        }
        if boundary.parent:
            zone["parent"] = {"trustZone": boundary.parent}
        zones.append(zone)
        zone_of |= {member: boundary.key for member in boundary.members}
    if any(node.key not in zone_of for node in view.nodes):
        zones.append(
            {
                "id": DEFAULT_ZONE,
                "name": "Unzoned",
                "risk": {"trustRating": 50},
                "attributes": {"threatdelta_synthetic": True},
            }
        )
    return zones, zone_of


def _component(node: DfdNode, zone: str, threats: tuple[DfdThreat, ...]) -> JsonObject:
    attributes: JsonObject = {"threatdelta_element": _ELEMENT[node.shape]}
    if node.kind:
        attributes["threatdelta_kind"] = node.kind
    component: JsonObject = {
        "id": node.key,
        "name": node.name,
        "type": _TYPE[node.shape],
        "parent": {"trustZone": zone},
        "attributes": attributes,
    }
    if instances := _instances(node.key, threats):
        component["threats"] = instances
    return component


def _dataflow(flow: DfdFlow, threats: tuple[DfdThreat, ...]) -> JsonObject:
    dataflow: JsonObject = {
        "id": flow.key,
        "name": f"{flow.protocol} {flow.source} -> {flow.target}",
        "source": flow.source,
        "destination": flow.target,
        "attributes": {
            "protocol": flow.protocol,
            "encrypted": _tri(flow.encrypted),
            "authenticated": _tri(flow.authenticated),
        },
    }
    if instances := _instances(flow.key, threats):
        dataflow["threats"] = instances
    return dataflow


def _definition(threat: DfdThreat) -> JsonObject:
    return {
        "id": threat.id,
        "name": threat.title,
        "description": threat.description,
        "categories": [_STRIDE[s] for s in threat.stride],
        "risk": {"likelihood": None, "impact": _IMPACT.get(threat.severity, 0)},
        "attributes": {"severity": threat.severity} if threat.severity else {},
    }


def _project_id(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "threat-model"


def render_otm(view: DfdView) -> str:
    """The view as OTM 0.2 JSON text."""
    zones, zone_of = _zones(view)
    threats = view.threats
    document: JsonObject = {
        "otmVersion": OTM_VERSION,
        "project": {
            "name": view.title,
            "id": _project_id(view.title),
            "description": "Exported by threatdelta from the repository's merged model.",
        },
        "trustZones": zones,
        "components": [
            _component(n, zone_of.get(n.key, DEFAULT_ZONE), threats) for n in view.nodes
        ],
        "dataflows": [_dataflow(f, threats) for f in view.flows],
        "threats": [_definition(t) for t in threats],
        "mitigations": [
            {"id": f"{t.id}:mitigation", "name": t.mitigation, "riskReduction": 50}
            for t in threats
            if t.mitigation
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
