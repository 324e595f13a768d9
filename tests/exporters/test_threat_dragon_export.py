"""Threat Dragon v2 export: the published structure, and a round trip through our Threat
Dragon reader that gives back the same elements, flows, boundaries and threats."""

from __future__ import annotations

import json
from pathlib import Path

from published_structure import check_threat_dragon
from roundtrip import (
    fragment_flows,
    fragment_nodes,
    fragment_threats,
    small_model,
    view_flows,
    view_nodes,
    view_threats,
)

from threatdelta.exporters.projection import project
from threatdelta.exporters.threat_dragon import render_threat_dragon
from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.dfd import ThreatDragonExtractor
from threatdelta.model.fragment import ModelFragment
from threatdelta.pipeline import scan

CLINIC = Path(__file__).resolve().parents[2] / "fixtures" / "flask-clinic"


def _read_back(text: str) -> ModelFragment:
    source = SourceFile(path="export.json", text=text)
    assert ThreatDragonExtractor().claims(source)
    return ThreatDragonExtractor().extract(source)


def test_export_of_a_small_model_follows_the_published_structure() -> None:
    document = json.loads(render_threat_dragon(project(small_model(nested=False), (), "shop")))
    check_threat_dragon(document)
    assert document["version"].startswith("2.")
    cells = document["detail"]["diagrams"][0]["cells"]
    shapes = sorted(c["shape"] for c in cells)
    assert shapes == [
        "actor",
        "actor",
        "flow",
        "flow",
        "flow",
        "process",
        "store",
        "trust-boundary-box",
        "trust-boundary-box",
    ]
    sql = next(c for c in cells if c["shape"] == "flow" and c["data"]["protocol"] == "sql")
    assert sql["data"]["isEncrypted"] is False
    unknown = next(c for c in cells if c["shape"] == "flow" and "isEncrypted" not in c["data"])
    assert unknown["data"]["isPublicNetwork"] is True


def test_small_model_round_trips_through_the_threat_dragon_reader() -> None:
    view = project(small_model(nested=False), (), "shop")
    frag = _read_back(render_threat_dragon(view))
    assert frag.notifications == ()
    assert fragment_nodes(frag) == view_nodes(view)
    assert {e.key: e.kind_of.value for e in frag.externals} == {
        "external:shopper": "user",
        "external:payments": "service",
    }
    assert {d.key for d in frag.datastores} == {"datastore:sql:orders"}
    assert fragment_flows(frag, authenticated=False) == view_flows(view, authenticated=False)
    assert {(b.key, b.kind_of, b.members) for b in frag.boundaries} == {
        (b.key, b.kind_of, b.members) for b in view.boundaries
    }
    assert {f.key: set(f.crosses) for f in frag.flows} == {
        f.key: set(f.crosses) for f in view.flows
    }
    assert fragment_threats(frag) == view_threats(view, accepted_as_open=True)


def test_scanned_fixture_round_trips_with_its_rule_threats_open() -> None:
    report = scan(CLINIC)
    view = project(report.model, report.threats, "flask-clinic")
    text = render_threat_dragon(view)
    check_threat_dragon(json.loads(text))
    frag = _read_back(text)
    assert fragment_nodes(frag) == view_nodes(view)
    assert fragment_flows(frag, authenticated=False) == view_flows(view, authenticated=False)
    assert {b.key for b in frag.boundaries} >= {b.key for b in view.boundaries}
    assert fragment_threats(frag) == view_threats(view, accepted_as_open=True)
    assert len(frag.imported_threats) == len(report.threats) > 0
