"""Bad threat-model files: a notification each, never a crash, and the rest of a scan goes on."""

from __future__ import annotations

import json
from pathlib import Path

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.dfd import OtmExtractor, ThreagileExtractor, ThreatDragonExtractor
from threatdelta.pipeline import scan

_V1 = {
    "summary": {"title": "old"},
    "detail": {"diagrams": [{"diagramJson": {"cells": [{"type": "tm.Actor", "id": "a"}]}}]},
}


def _codes(extractor: object, path: str, text: str) -> list[str]:
    assert isinstance(extractor, ThreatDragonExtractor | OtmExtractor | ThreagileExtractor)
    frag = extractor.extract(SourceFile(path=path, text=text))
    assert frag.services == frag.externals == frag.flows == ()
    return [n.code for n in frag.notifications]


def test_threat_dragon_v1_model_is_an_unsupported_version() -> None:
    codes = _codes(ThreatDragonExtractor(), "td.json", json.dumps(_V1))
    assert codes == ["unsupported-model-version"]
    frag = ThreatDragonExtractor().extract(SourceFile(path="td.json", text=json.dumps(_V1)))
    assert "1.x" in frag.notifications[0].message


def test_invalid_json_is_a_parse_error() -> None:
    text = '{"summary": {}, "detail": {"diagrams": [}\n'
    assert _codes(ThreatDragonExtractor(), "td.json", text) == ["parse-error"]


def test_otm_of_another_version_is_an_unsupported_version() -> None:
    text = "otmVersion: 0.1.0\nproject: {name: p, id: p}\ncomponents: []\n"
    assert _codes(OtmExtractor(), "m.otm.yaml", text) == ["unsupported-model-version"]


def test_threagile_without_technical_assets_is_an_invalid_model() -> None:
    assert _codes(ThreagileExtractor(), "t.yaml", "threagile_version: 1.0.0\ntitle: x\n") == [
        "invalid-model"
    ]


def test_threagile_asset_without_id_is_noted_and_skipped() -> None:
    text = "threagile_version: 1.0.0\ntechnical_assets:\n  A:\n    type: process\n  B: 3\n"
    frag = ThreagileExtractor().extract(SourceFile(path="t.yaml", text=text))
    assert frag.services == ()
    assert [n.code for n in frag.notifications] == ["invalid-model", "invalid-model"]


def test_flow_to_a_missing_cell_is_noted() -> None:
    doc = {
        "version": "2.1.0",
        "summary": {"title": "t"},
        "detail": {
            "diagrams": [
                {
                    "cells": [
                        {
                            "id": "f",
                            "shape": "flow",
                            "source": {"cell": "x"},
                            "target": {"cell": "y"},
                            "data": {"type": "tm.Flow"},
                        }
                    ]
                }
            ]
        },
    }
    frag = ThreatDragonExtractor().extract(SourceFile(path="td.json", text=json.dumps(doc)))
    assert frag.flows == ()
    assert [n.code for n in frag.notifications] == ["unresolved-flow"]


def test_bad_models_do_not_stop_the_scan_of_other_files(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text(json.dumps(_V1), encoding="utf-8")
    (tmp_path / "bad.otm.yaml").write_text("otmVersion: 9.9\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text(
        '{"summary": 1, "detail": {"diagrams": [{"cells": [', encoding="utf-8"
    )
    (tmp_path / "threagile.yaml").write_text(
        "threagile_version: 1.0.0\ntechnical_assets:\n  Web:\n    id: web\n    type: process\n",
        encoding="utf-8",
    )
    report = scan(tmp_path)
    codes = {(n.path, n.code) for n in report.notifications}
    assert ("old.json", "unsupported-model-version") in codes
    assert ("bad.otm.yaml", "unsupported-model-version") in codes
    assert ("broken.json", "parse-error") in codes
    assert [s.key for s in report.model.services] == ["service:Web"]


def test_wrongly_typed_fields_are_skipped_without_a_crash() -> None:
    cell = {
        "id": "p",
        "shape": "process",
        "position": {"x": "left", "y": []},
        "size": {"width": {}, "height": None},
        "data": {"type": "tm.Process", "name": 7, "threats": {"not": "a list"}},
    }
    box = {"id": "b", "shape": "trust-boundary-box", "position": [1], "data": "x"}
    td = {"version": "2.0.0", "summary": {}, "detail": {"diagrams": [{"cells": [cell, box, 3]}]}}
    frag = ThreatDragonExtractor().extract(SourceFile(path="td.json", text=json.dumps(td)))
    assert [s.key for s in frag.services] == ["service:7"]
    assert [b.members for b in frag.boundaries] == [()]
    otm = (
        "otmVersion: 0.2.1\ntrustZones: {a: 1}\ncomponents:\n"
        "  - {id: c, name: [x], type: 3, parent: zone, threats: nope}\n"
        "  - 5\ndataflows: [{id: f, source: c, destination: c, attributes: 1}]\n"
        "threats: [{id: t, categories: Tampering, risk: {impact: high}}]\n"
    )
    frag = OtmExtractor().extract(SourceFile(path="m.yaml", text=otm))
    assert [s.key for s in frag.services] == ["service:c"]
    assert [f.source for f in frag.flows] == ["service:c"]
    threagile = (
        "threagile_version: 1.0.0\ntechnical_assets:\n  A:\n    id: a\n"
        "    communication_links: [1, 2]\n"
        "trust_boundaries:\n  Z:\n    id: z\n    technical_assets_inside: a\n"
        "risk_tracking: [1]\n"
    )
    frag = ThreagileExtractor().extract(SourceFile(path="t.yaml", text=threagile))
    assert [s.key for s in frag.services] == ["service:A"]
    assert [(b.name, b.members) for b in frag.boundaries] == [("Z", ())]
    assert frag.imported_threats == ()
