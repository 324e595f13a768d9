"""The model diagram of `scan --format markdown`: flows with protocol and TLS, boundaries
as nested subgraphs, labels escaped, a cap."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatdelta.cli.main import main
from threatdelta.model import ThreatModel, Tri
from threatdelta.model.elements import (
    BoundaryKind,
    DataFlow,
    DataStore,
    ExternalEntity,
    ExternalKind,
    TrustBoundary,
)
from threatdelta.pipeline import scan
from threatdelta.reporters.markdown import render_markdown
from threatdelta.reporters.mermaid_model import model_flowchart, render_model_diagram

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _model() -> ThreatModel:
    return ThreatModel(
        externals=(ExternalEntity(name="internet", kind_of=ExternalKind.INTERNET),),
        datastores=(DataStore(kind_of="postgres", name='db"]; click'),),
        flows=(
            DataFlow(
                source="external:internet",
                target="iac:k8s:Ingress.web/shop",
                protocol="https",
                encrypted=Tri.YES,
            ),
            DataFlow(
                source="iac:k8s:Ingress.web/shop",
                target='datastore:postgres:db"]; click',
                protocol="postgres",
                encrypted=Tri.NO,
            ),
        ),
        boundaries=(
            TrustBoundary(name="k8s:.", kind_of=BoundaryKind.CLUSTER),
            TrustBoundary(
                name="k8s:.:web",
                kind_of=BoundaryKind.NETWORK,
                parent="boundary:k8s:.",
                members=("iac:k8s:Ingress.web/shop",),
            ),
        ),
    )


def test_edges_carry_protocol_and_tls() -> None:
    source, count = model_flowchart(_model())
    assert count == 3
    assert '-->|"https, TLS yes"|' in source
    assert '-->|"postgres, TLS no"|' in source


def test_boundaries_nest_as_subgraphs() -> None:
    lines = model_flowchart(_model())[0].splitlines()
    cluster = next(i for i, line in enumerate(lines) if '"cluster: k8s:."' in line)
    namespace = next(i for i, line in enumerate(lines) if '"network: k8s:.:web"' in line)
    ingress = next(i for i, line in enumerate(lines) if "Ingress web/shop" in line)
    assert cluster < namespace < ingress
    assert lines[namespace].startswith("        subgraph")  # indented inside the cluster


def test_labels_from_the_repository_are_escaped() -> None:
    source = model_flowchart(_model())[0]
    assert 'db"]' not in source and "#34;" in source and "#59;" in source


def test_diagram_is_omitted_above_the_cap() -> None:
    assert render_model_diagram(_model(), node_cap=2).startswith("_diagram omitted: 3")


def test_multi_service_markdown_shows_flows_and_boundaries() -> None:
    text = render_markdown(scan(FIXTURES / "multi-service"))
    diagram = text.split("## Data flow diagram", 1)[1].split("```", 2)[1]
    assert diagram.startswith("mermaid\nflowchart LR")
    assert '"network: compose:docker-compose.yml:data"' in diagram
    assert '"container:docker-compose.yml:checkout"' in diagram
    assert '"internet"' in diagram
    assert '-->|"http, TLS no"|' in diagram  # checkout -> the legacy payment provider
    assert '-->|"postgres, TLS no"|' in diagram  # catalog -> db with sslmode=disable
    assert "external: legacy-payments.example.net" in diagram


def test_cli_scan_markdown_draws_the_k8s_fixture_boundaries(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["scan", str(FIXTURES / "k8s-compose-deploy"), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    diagram = out.split("```mermaid", 1)[1].split("```", 1)[0]
    assert '"cluster: k8s:deploy/k8s"' in diagram
    assert '"network: k8s:deploy/k8s:shop"' in diagram
    assert '"Ingress web/storefront"' in diagram
    assert '-->|"http, TLS yes"|' in diagram  # internet -> the TLS Ingress
