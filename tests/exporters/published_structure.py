"""The structure the published OTM 0.2 and Threat Dragon v2 JSON schemas require, written
here as JSON Schemas of our own from their required fields and types (the upstream schema
files are not vendored), plus the cross-references a schema cannot state."""

from __future__ import annotations

from typing import Any

import jsonschema

_STR = {"type": "string"}
_NUM = {"type": "number"}


def _obj(required: dict[str, Any], **optional: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": sorted(required),
        "properties": {**required, **optional},
    }


_INSTANCE = _obj(
    {"threat": _STR, "state": _STR},
    mitigations={"type": "array", "items": _obj({"mitigation": _STR, "state": _STR})},
)
_PARENT = {
    "type": "object",
    "oneOf": [{"required": ["trustZone"]}, {"required": ["component"]}],
    "properties": {"trustZone": _STR, "component": _STR},
}
OTM_STRUCTURE = _obj(
    {
        "otmVersion": _STR,
        "project": _obj({"name": _STR, "id": _STR}),
    },
    trustZones={
        "type": "array",
        "items": _obj(
            {"id": _STR, "name": _STR, "risk": _obj({"trustRating": _NUM})}, parent=_PARENT
        ),
    },
    components={
        "type": "array",
        "items": _obj(
            {"id": _STR, "name": _STR, "type": _STR, "parent": _PARENT},
            threats={"type": "array", "items": _INSTANCE},
        ),
    },
    dataflows={
        "type": "array",
        "items": _obj(
            {"id": _STR, "name": _STR, "source": _STR, "destination": _STR},
            threats={"type": "array", "items": _INSTANCE},
        ),
    },
    threats={
        "type": "array",
        "items": _obj(
            {
                "id": _STR,
                "name": _STR,
                "risk": _obj({"likelihood": {"type": ["number", "null"]}, "impact": _NUM}),
            },
            categories={"type": "array", "items": _STR},
        ),
    },
    mitigations={
        "type": "array",
        "items": _obj({"id": _STR, "name": _STR, "riskReduction": _NUM}),
    },
)

_TD_THREAT = _obj(
    {
        "title": _STR,
        "status": {"enum": ["Open", "Mitigated", "NotApplicable"]},
        "severity": _STR,
        "type": _STR,
        "description": _STR,
        "mitigation": _STR,
    },
    number={"type": "integer", "minimum": 0},
)
_TD_CELL = _obj(
    {"id": {"type": "string", "minLength": 2}, "shape": _STR, "zIndex": {"type": "integer"}},
    data=_obj(
        {"type": _STR, "hasOpenThreats": {"type": "boolean"}},
        threats={"type": "array", "items": _TD_THREAT},
        isEncrypted={"type": "boolean"},
        isPublicNetwork={"type": "boolean"},
        protocol=_STR,
        name=_STR,
    ),
    position=_obj({"x": _NUM, "y": _NUM}),
    size=_obj(
        {"width": {"type": "number", "minimum": 10}, "height": {"type": "number", "minimum": 10}}
    ),
    source=_obj({}, cell=_STR),
    target=_obj({}, cell=_STR),
)
THREAT_DRAGON_STRUCTURE = _obj(
    {
        "version": {"type": "string", "maxLength": 10},
        "summary": _obj({"title": _STR}),
        "detail": _obj(
            {
                "contributors": {"type": "array"},
                "diagramTop": {"type": "integer", "minimum": 0},
                "reviewer": _STR,
                "threatTop": {"type": "integer", "minimum": 0},
                "diagrams": {
                    "type": "array",
                    "items": _obj(
                        {
                            "diagramType": {"type": "string", "minLength": 3},
                            "id": {"type": "integer", "minimum": 0},
                            "thumbnail": _STR,
                            "title": _STR,
                            "version": {"type": "string", "maxLength": 10},
                        },
                        cells={"type": "array", "items": _TD_CELL},
                    ),
                },
            }
        ),
    }
)


def check_otm(document: dict[str, Any]) -> None:
    """Raises when the document breaks the published structure or its references dangle."""
    jsonschema.validate(document, OTM_STRUCTURE)
    zones = {z["id"] for z in document.get("trustZones", [])}
    components = {c["id"] for c in document.get("components", [])}
    threats = {t["id"] for t in document.get("threats", [])}
    mitigations = {m["id"] for m in document.get("mitigations", [])}
    for zone in document.get("trustZones", []):
        assert zone.get("parent", {"trustZone": next(iter(zones))})["trustZone"] in zones
    for component in document.get("components", []):
        assert (
            component["parent"].get("trustZone", "") in zones
            or component["parent"].get("component") in components
        )
    holders = [*document.get("components", []), *document.get("dataflows", [])]
    for flow in document.get("dataflows", []):
        assert {flow["source"], flow["destination"]} <= components
    for holder in holders:
        for instance in holder.get("threats", []):
            assert instance["threat"] in threats
            assert {m["mitigation"] for m in instance.get("mitigations", [])} <= mitigations
    assert len(components) == len(document.get("components", []))


def check_threat_dragon(document: dict[str, Any]) -> None:
    """Raises when the document breaks the published structure or a flow's ends dangle."""
    jsonschema.validate(document, THREAT_DRAGON_STRUCTURE)
    for diagram in document["detail"]["diagrams"]:
        ids = [c["id"] for c in diagram["cells"]]
        assert len(ids) == len(set(ids))
        for cell in diagram["cells"]:
            if cell["shape"] == "flow":
                assert cell["source"]["cell"] in ids and cell["target"]["cell"] in ids
            else:
                assert "position" in cell and "size" in cell
