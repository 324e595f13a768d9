"""The data-flow-diagram view both exporters write: what folds, what is left out."""

from __future__ import annotations

from roundtrip import small_model

from threatdelta.exporters.projection import NodeShape, project
from threatdelta.findings.threat import Confidence, Severity, Stride, Threat
from threatdelta.model.base import Evidence, Location, Tri
from threatdelta.model.elements import DataFlow, IacResource
from threatdelta.model.threat_model import ThreatModel

_EV = (Evidence(location=Location(path="main.tf", start_line=1, end_line=4)),)


def _threat(element: str, rule_id: str = "TD-I001") -> Threat:
    return Threat(
        id=f"th-{rule_id}-{element}",
        rule_id=rule_id,
        stride=(Stride.INFORMATION_DISCLOSURE, Stride.TAMPERING),
        title="Public bucket",
        message="The bucket is readable by anyone.",
        attack_vector="list the bucket",
        impact="data leak",
        cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
        score=7.5,
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        element=element,
        evidence=_EV,
    )


def test_endpoint_flows_and_threats_fold_into_their_service() -> None:
    model = small_model(nested=False)
    view = project(model, (_threat("endpoint:POST /orders"),), "shop")
    assert "endpoint:POST /orders" not in {n.key for n in view.nodes}
    assert {t.element for t in view.threats if t.title.startswith("TD-")} == {"service:shop"}
    (rule,) = [t for t in view.threats if t.title == "TD-I001 Public bucket"]
    assert (rule.status.value, rule.stride, rule.severity) == ("open", ("I", "T"), "high")
    assert "flow:service:shop->datastore:sql:orders:sql" in {f.key for f in view.flows}


def test_iac_resource_is_a_process_only_when_a_threat_is_on_it() -> None:
    bucket = IacResource(type="aws_s3_bucket", name="logs", evidence=_EV)
    quiet = IacResource(type="aws_s3_bucket", name="assets", evidence=_EV)
    view = project(ThreatModel(iac=(bucket, quiet)), (_threat(bucket.key),), "infra")
    assert [(n.key, n.shape) for n in view.nodes] == [
        ("service:aws_s3_bucket.logs", NodeShape.PROCESS)
    ]
    assert [t.element for t in view.threats] == ["service:aws_s3_bucket.logs"]


def test_flows_folding_into_one_are_plaintext_when_any_is() -> None:
    model = small_model(nested=False)
    extra = DataFlow(
        source="service:shop", target="datastore:sql:orders", protocol="sql", encrypted=Tri.YES
    )
    view = project(model.model_copy(update={"flows": (*model.flows, extra)}), (), "shop")
    sql = next(f for f in view.flows if f.protocol == "sql")
    assert sql.encrypted is Tri.NO


def test_threat_on_an_element_the_view_cannot_show_is_counted_as_left_out() -> None:
    view = project(small_model(nested=False), (_threat("boundary:nowhere"),), "shop")
    assert view.left_out == 1
    assert all(t.element != "boundary:nowhere" for t in view.threats)


def test_node_in_nested_boundaries_sits_in_the_innermost_only() -> None:
    model = small_model(nested=True)
    vpc = next(b for b in model.boundaries if b.name == "vpc")
    widened = vpc.model_copy(update={"members": (*vpc.members, "datastore:sql:orders")})
    boundaries = tuple(widened if b.key == vpc.key else b for b in model.boundaries)
    view = project(model.model_copy(update={"boundaries": boundaries}), (), "shop")
    by_key = {b.key: b for b in view.boundaries}
    assert by_key["boundary:vpc"].members == ("service:shop",)
    assert by_key["boundary:db subnet"].members == ("datastore:sql:orders",)
    assert by_key["boundary:db subnet"].parent == "boundary:vpc"
