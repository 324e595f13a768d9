"""Threagile models -> elements, flows, boundaries and tracked risks as imported threats."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.dfd import ThreagileExtractor
from threatdelta.model.base import Tri
from threatdelta.model.elements import BoundaryKind, ExternalKind
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.imported import ModelFormat, ThreatStatus

_HEAD = "threagile_version: 1.0.0\ntitle: shop\n"
_TWO = """technical_assets:
  Browser:
    id: browser
    type: external-entity
    technology: browser
    communication_links:
      Checkout:
        target: shop
        protocol: http
        authentication: none
  Shop:
    id: shop
    type: process
    technology: web-server
"""


def _extract(text: str) -> ModelFragment:
    extractor = ThreagileExtractor()
    source = SourceFile(path="threagile.yaml", text=_HEAD + text)
    assert extractor.claims(source)
    return extractor.extract(source)


def test_browser_external_entity_is_a_user() -> None:
    frag = _extract(_TWO)
    (browser,) = frag.externals
    assert (browser.key, browser.kind_of) == ("external:Browser", ExternalKind.USER)
    assert browser.evidence[0].location.start_line == 4


def test_process_asset_is_a_service() -> None:
    assert [(s.key, s.framework) for s in _extract(_TWO).services] == [
        ("service:Shop", "threagile")
    ]


def test_datastore_asset_is_a_data_store_of_its_technology() -> None:
    frag = _extract(
        "technical_assets:\n  Orders DB:\n    id: db\n"
        "    type: datastore\n    technology: database\n"
    )
    assert [d.key for d in frag.datastores] == ["datastore:database:Orders DB"]


def test_communication_link_is_a_flow_with_encryption_and_authentication() -> None:
    (flow,) = _extract(_TWO).flows
    assert (flow.source, flow.target, flow.protocol) == ("external:Browser", "service:Shop", "http")
    assert (flow.encrypted, flow.authenticated) == (Tri.NO, Tri.NO)
    assert flow.evidence[0].location.start_line == 9


def test_trust_boundary_with_nested_boundary_and_crossing_flow() -> None:
    frag = _extract(
        _TWO
        + """trust_boundaries:
  Cloud:
    id: cloud
    type: network-cloud-provider
    trust_boundaries_nested: [host]
  Host:
    id: host
    type: execution-environment
    technical_assets_inside: [shop]
"""
    )
    by_name = {b.name: b for b in frag.boundaries}
    assert by_name["Host"].members == ("service:Shop",)
    assert by_name["Host"].parent == "boundary:Cloud"
    assert by_name["Host"].kind_of is BoundaryKind.CONTAINER
    assert by_name["Cloud"].kind_of is BoundaryKind.NETWORK
    (flow,) = frag.flows
    assert flow.crosses == ("boundary:Cloud", "boundary:Host")


def test_risk_tracking_entry_is_an_imported_threat_with_status() -> None:
    frag = _extract(
        _TWO
        + """risk_tracking:
  unencrypted-communication@browser>checkout@browser@shop:
    status: false-positive
    justification: Redirected to https by the load balancer.
  xml-external-entity@shop:
    status: in-discussion
"""
    )
    first, second = frag.imported_threats
    assert first.element == "flow:external:Browser->service:Shop:http"
    assert (first.title, first.status) == ("unencrypted communication", ThreatStatus.NOT_APPLICABLE)
    assert first.description.startswith("Redirected")
    assert first.source_format is ModelFormat.THREAGILE
    assert (second.element, second.status) == ("service:Shop", ThreatStatus.OPEN)
    assert second.evidence[0].location.start_line == 21
