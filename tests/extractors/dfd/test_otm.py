"""Open Threat Model 0.2 documents -> elements, flows, boundaries and imported threats."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.dfd import OtmExtractor
from threatdelta.model.base import Tri
from threatdelta.model.elements import BoundaryKind, ExternalKind
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.imported import ModelFormat, ThreatStatus

_HEAD = """otmVersion: 0.2.0
project: {name: p, id: p}
trustZones:
  - {id: net, name: Internet, type: internet, risk: {trustRating: 1}}
  - {id: vpc, name: Shop VPC, risk: {trustRating: 80}}
"""


def _extract(text: str, path: str = "threat-model.otm.yaml") -> ModelFragment:
    extractor = OtmExtractor()
    source = SourceFile(path=path, text=_HEAD + text)
    assert extractor.claims(source)
    return extractor.extract(source)


def test_client_component_is_a_user_external_entity() -> None:
    frag = _extract(
        "components:\n  - {id: u, name: Shopper, type: web-client, parent: {trustZone: net}}\n"
    )
    (user,) = frag.externals
    assert (user.key, user.kind_of) == ("external:Shopper", ExternalKind.USER)
    assert user.evidence[0].location.start_line == 7


def test_application_component_is_a_service() -> None:
    frag = _extract(
        "components:\n  - {id: w, name: Shop, type: web-application, parent: {trustZone: vpc}}\n"
    )
    assert [(s.key, s.framework) for s in frag.services] == [("service:Shop", "otm")]


def test_database_component_is_a_data_store_of_its_type() -> None:
    frag = _extract(
        "components:\n  - {id: d, name: Orders, type: rds-database, parent: {trustZone: vpc}}\n"
    )
    assert [d.key for d in frag.datastores] == ["datastore:rds-database:Orders"]


def test_dataflow_reads_protocol_and_encryption_and_crosses_zones() -> None:
    frag = _extract(
        """components:
  - {id: u, name: Shopper, type: web-client, parent: {trustZone: net}}
  - {id: w, name: Shop, type: web-application, parent: {trustZone: vpc}}
dataflows:
  - id: f
    name: browse
    source: u
    destination: w
    attributes: {protocol: http, encrypted: false, authenticated: false}
"""
    )
    (flow,) = frag.flows
    assert (flow.source, flow.target, flow.protocol) == ("external:Shopper", "service:Shop", "http")
    assert (flow.encrypted, flow.authenticated) == (Tri.NO, Tri.NO)
    assert flow.crosses == ("boundary:Internet", "boundary:Shop VPC")


def test_trust_zone_is_a_boundary_with_its_members_and_parent() -> None:
    frag = _extract(
        """  - {id: sub, name: Private subnet, risk: {trustRating: 90}, parent: {trustZone: vpc}}
components:
  - {id: w, name: Shop, type: web-application, parent: {trustZone: sub}}
  - {id: m, name: Shop worker, type: container, parent: {component: w}}
"""
    )
    by_name = {b.name: b for b in frag.boundaries}
    assert by_name["Internet"].kind_of is BoundaryKind.INTERNET
    sub = by_name["Private subnet"]
    assert sub.members == ("service:Shop", "service:Shop worker")
    assert sub.parent == "boundary:Shop VPC"


def test_threat_instance_carries_state_categories_and_mitigations() -> None:
    frag = _extract(
        """components:
  - id: w
    name: Shop
    type: web-application
    parent: {trustZone: vpc}
    threats:
      - threat: csrf
        state: MITIGATED
        mitigations: [{mitigation: tokens, state: IMPLEMENTED}]
threats:
  - {id: csrf, name: Cross-site request forgery, categories: [Tampering],
     risk: {likelihood: 50, impact: 80}}
mitigations:
  - {id: tokens, name: CSRF tokens, riskReduction: 90}
"""
    )
    (threat,) = frag.imported_threats
    assert threat.element == "service:Shop"
    assert (threat.title, threat.stride, threat.status) == (
        "Cross-site request forgery",
        ("T",),
        ThreatStatus.MITIGATED,
    )
    assert (threat.severity, threat.mitigation) == ("high", "CSRF tokens")
    assert threat.source_format is ModelFormat.OTM
    assert threat.evidence[0].location.start_line == 12


def test_accepted_state_is_kept() -> None:
    frag = _extract(
        """components:
  - {id: w, name: Shop, type: web-application, parent: {trustZone: vpc},
     threats: [{threat: x, state: ACCEPTED}]}
threats:
  - {id: x, name: Verbose errors, categories: [Information Disclosure],
     risk: {likelihood: 1, impact: 10}}
"""
    )
    assert [(t.status, t.stride, t.severity) for t in frag.imported_threats] == [
        (ThreatStatus.ACCEPTED, ("I",), "low")
    ]


def test_json_document_is_read_like_yaml() -> None:
    text = (
        '{"otmVersion": "0.2.0", "project": {"name": "p", "id": "p"},\n'
        ' "components": [{"id": "d", "name": "Cache", "type": "redis",\n'
        '                  "parent": {"trustZone": "z"}}]}\n'
    )
    frag = OtmExtractor().extract(SourceFile(path="model.otm.json", text=text))
    assert [d.key for d in frag.datastores] == ["datastore:redis:Cache"]
    assert frag.datastores[0].evidence[0].location.start_line == 2


def test_kubernetes_and_openapi_yaml_are_not_claimed() -> None:
    extractor = OtmExtractor()
    assert not extractor.claims(SourceFile(path="k8s.yaml", text="apiVersion: v1\nkind: Service\n"))
    assert not extractor.claims(SourceFile(path="api.yaml", text="openapi: 3.0.0\npaths: {}\n"))
