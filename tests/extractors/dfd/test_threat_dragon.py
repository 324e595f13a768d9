"""Threat Dragon v2 models -> elements, flows, boundaries and imported threats (one idiom
per test)."""

from __future__ import annotations

import json

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.dfd import ThreatDragonExtractor
from threatdelta.model.base import Tri
from threatdelta.model.elements import BoundaryKind, ExternalKind
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.imported import ModelFormat, ThreatStatus


def _model(*cells: dict[str, object], version: str = "2.2.0") -> str:
    diagram = {"id": 0, "title": "d", "diagramType": "STRIDE", "version": version, "cells": cells}
    doc = {
        "version": version,
        "summary": {"title": "t"},
        "detail": {"contributors": [], "diagrams": [diagram], "diagramTop": 1, "reviewer": ""},
    }
    return json.dumps(doc, indent=2)


def _node(
    shape: str, kind: str, name: str, ident: str, x: int = 0, **data: object
) -> dict[str, object]:
    return {
        "id": ident,
        "shape": shape,
        "zIndex": 1,
        "position": {"x": x, "y": 0},
        "size": {"width": 100, "height": 100},
        "data": {"type": kind, "name": name, "hasOpenThreats": False, **data},
    }


def _flow(source: str, target: str, **data: object) -> dict[str, object]:
    return {
        "id": f"{source}-{target}",
        "shape": "flow",
        "zIndex": 2,
        "source": {"cell": source},
        "target": {"cell": target},
        "data": {"type": "tm.Flow", "name": "f", "hasOpenThreats": False, **data},
    }


def _extract(text: str, path: str = "model/td.json") -> ModelFragment:
    extractor = ThreatDragonExtractor()
    source = SourceFile(path=path, text=text)
    assert extractor.claims(source)
    return extractor.extract(source)


def test_actor_is_a_user_external_entity_with_its_line() -> None:
    frag = _extract(_model(_node("actor", "tm.Actor", "Browser", "a1")))
    (actor,) = frag.externals
    assert (actor.key, actor.kind_of) == ("external:Browser", ExternalKind.USER)
    text = _model(_node("actor", "tm.Actor", "Browser", "a1"))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if '"a1"' in t)
    loc = actor.evidence[0].location
    assert loc.path == "model/td.json" and loc.start_line <= line <= loc.end_line


def test_process_is_a_service_named_by_the_cell() -> None:
    frag = _extract(_model(_node("process", "tm.Process", "Billing API", "p1")))
    assert [(s.key, s.framework) for s in frag.services] == [
        ("service:Billing API", "threat-dragon")
    ]


def test_store_is_a_data_store_with_the_marked_kind() -> None:
    plain = _node("store", "tm.Store", "Orders", "s1")
    marked = _node("store", "tm.Store", "Ledger", "s2", description="threatdelta: kind=sql")
    frag = _extract(_model(plain, marked))
    assert {d.key for d in frag.datastores} == {"datastore:store:Orders", "datastore:sql:Ledger"}


def test_flow_keeps_protocol_and_encryption_flag() -> None:
    cells = (
        _node("actor", "tm.Actor", "User", "a"),
        _node("process", "tm.Process", "Web", "p", x=300),
        _flow("a", "p", protocol="HTTP", isEncrypted=False),
    )
    (flow,) = _extract(_model(*cells)).flows
    assert (flow.source, flow.target, flow.protocol) == ("external:User", "service:Web", "http")
    assert flow.encrypted is Tri.NO
    assert flow.authenticated is Tri.UNKNOWN


def test_boundary_box_holds_the_nodes_drawn_inside_and_flows_cross_it() -> None:
    box = _node("trust-boundary-box", "tm.BoundaryBox", "DMZ", "b", x=250)
    box["size"] = {"width": 400, "height": 200}
    cells = (
        box,
        _node("actor", "tm.Actor", "User", "a"),
        _node("process", "tm.Process", "Web", "p", x=300),
        _flow("a", "p", protocol="https", isEncrypted=True, isPublicNetwork=True),
    )
    frag = _extract(_model(*cells))
    dmz = next(b for b in frag.boundaries if b.name == "DMZ")
    assert dmz.members == ("service:Web",)
    assert dmz.kind_of is BoundaryKind.NETWORK
    (flow,) = frag.flows
    assert flow.crosses == ("boundary:DMZ", "boundary:internet")
    assert next(b for b in frag.boundaries if b.name == "internet").kind_of is BoundaryKind.INTERNET


def test_boundary_curve_is_a_boundary_without_members() -> None:
    curve = {
        "id": "c",
        "shape": "trust-boundary-curve",
        "zIndex": 0,
        "source": {"x": 0, "y": 0},
        "target": {"x": 10, "y": 300},
        "data": {"type": "tm.Boundary", "name": "Internet edge", "hasOpenThreats": False},
    }
    (boundary,) = _extract(_model(curve)).boundaries
    assert (boundary.key, boundary.members) == ("boundary:Internet edge", ())
    assert boundary.kind_of is BoundaryKind.INTERNET


def test_threat_with_status_is_imported_on_its_element() -> None:
    threat = {
        "id": "t-1",
        "title": "Tampered orders",
        "status": "Mitigated",
        "severity": "High",
        "type": "Tampering",
        "description": "Orders changed in transit.",
        "mitigation": "Sign orders.",
    }
    frag = _extract(_model(_node("process", "tm.Process", "Web", "p", threats=[threat])))
    (imported,) = frag.imported_threats
    assert imported.element == "service:Web"
    assert (imported.title, imported.stride, imported.status) == (
        "Tampered orders",
        ("T",),
        ThreatStatus.MITIGATED,
    )
    assert (imported.severity, imported.mitigation) == ("high", "Sign orders.")
    assert (imported.source_id, imported.source_format) == ("t-1", ModelFormat.THREAT_DRAGON)
    assert imported.evidence[0].location.start_line > 1


def test_not_applicable_threat_on_a_flow_keeps_its_status() -> None:
    threat = {
        "title": "x",
        "status": "NotApplicable",
        "severity": "Low",
        "type": "Denial of service",
        "description": "",
        "mitigation": "",
    }
    cells = (
        _node("actor", "tm.Actor", "User", "a"),
        _node("process", "tm.Process", "Web", "p", x=300),
        _flow("a", "p", protocol="https", threats=[threat]),
    )
    (imported,) = _extract(_model(*cells)).imported_threats
    assert imported.element == "flow:external:User->service:Web:https"
    assert (imported.status, imported.stride) == (ThreatStatus.NOT_APPLICABLE, ("D",))


def test_openapi_and_compose_json_are_not_claimed() -> None:
    extractor = ThreatDragonExtractor()
    openapi = json.dumps({"openapi": "3.0.0", "info": {"title": "x", "summary": "s"}, "paths": {}})
    assert not extractor.claims(SourceFile(path="api.json", text=openapi))
    assert not extractor.claims(SourceFile(path="package.json", text='{"name": "x"}'))
