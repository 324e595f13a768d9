"""OTM export: the published structure, and a round trip through our OTM reader that gives
back the same elements, flows, boundaries and threats."""

from __future__ import annotations

import json
from pathlib import Path

from published_structure import check_otm
from roundtrip import (
    fragment_flows,
    fragment_nodes,
    fragment_threats,
    small_model,
    view_flows,
    view_nodes,
    view_threats,
)

from threatdelta.exporters.otm import DEFAULT_ZONE, render_otm
from threatdelta.exporters.projection import project
from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.dfd import OtmExtractor
from threatdelta.model.fragment import ModelFragment
from threatdelta.pipeline import scan

CLINIC = Path(__file__).resolve().parents[2] / "fixtures" / "flask-clinic"


def _read_back(text: str) -> ModelFragment:
    source = SourceFile(path="export.otm.json", text=text)
    assert OtmExtractor().claims(source)
    return OtmExtractor().extract(source)


def test_export_of_a_small_model_follows_the_published_structure() -> None:
    document = json.loads(render_otm(project(small_model(nested=True), (), "shop")))
    check_otm(document)
    assert document["otmVersion"] == "0.2.0"
    zones = {z["id"]: z for z in document["trustZones"]}
    assert zones["boundary:db subnet"]["parent"] == {"trustZone": "boundary:vpc"}
    assert DEFAULT_ZONE not in zones  # every node is in a boundary
    flow = next(f for f in document["dataflows"] if f["attributes"]["protocol"] == "sql")
    assert flow["source"] == "service:shop"  # the endpoint folds into its service
    assert flow["attributes"]["encrypted"] is False


def test_small_model_round_trips_through_the_otm_reader() -> None:
    view = project(small_model(nested=True), (), "shop")
    frag = _read_back(render_otm(view))
    assert frag.notifications == ()
    assert fragment_nodes(frag) == view_nodes(view)
    assert {d.key for d in frag.datastores} == {"datastore:sql:orders"}
    assert fragment_flows(frag, authenticated=True) == view_flows(view, authenticated=True)
    assert {(b.key, b.kind_of, b.members, b.parent) for b in frag.boundaries} == {
        (b.key, b.kind_of, b.members, b.parent) for b in view.boundaries
    }
    assert {f.key: f.crosses for f in frag.flows}["flow:service:shop->external:payments:https"] == (
        "boundary:vpc",
        "boundary:internet",
    )
    assert fragment_threats(frag) == view_threats(view, accepted_as_open=False)
    by_title = {t.title: t for t in frag.imported_threats}
    assert by_title["SQL in plaintext"].stride == ("I", "T")
    assert by_title["Orders leaked"].mitigation == "Encrypt at rest"
    assert by_title["Order spoofing"].element == "service:shop"


def test_scanned_fixture_round_trips_with_its_rule_threats_open() -> None:
    report = scan(CLINIC)
    view = project(report.model, report.threats, "flask-clinic")
    text = render_otm(view)
    check_otm(json.loads(text))
    frag = _read_back(text)
    assert fragment_nodes(frag) == view_nodes(view)
    assert fragment_flows(frag, authenticated=True) == view_flows(view, authenticated=True)
    assert {b.key for b in frag.boundaries} == {b.key for b in view.boundaries}
    assert fragment_threats(frag) == view_threats(view, accepted_as_open=False)
    rule_titles = {f"{t.rule_id} {t.title}" for t in report.threats}
    assert rule_titles and rule_titles <= {t.title for t in frag.imported_threats}
    assert {t.status.value for t in frag.imported_threats} == {"open"}
    assert view.left_out == 0
