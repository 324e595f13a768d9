"""Compose services as deployed units: entry points, connection settings, boundaries."""

from __future__ import annotations

import textwrap
from pathlib import Path

from threatdelta.model import ThreatModel, Tri
from threatdelta.model.elements import BoundaryKind, DataFlow
from threatdelta.pipeline import scan


def _scan(root: Path, files: dict[str, str]) -> ThreatModel:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return scan(root).model


def _flows(model: ThreatModel) -> dict[str, DataFlow]:
    return {f.key: f for f in model.flows}


APP = "iac:compose:service.docker-compose.yml:app"


def test_published_port_is_an_entry_point_from_the_internet(tmp_path: Path) -> None:
    model = _scan(
        tmp_path,
        {
            "docker-compose.yml": """\
            services:
              app:
                image: acme/app
                ports: ["8080:80", "127.0.0.1:9000:9000"]
            """
        },
    )
    flow = _flows(model)[f"flow:external:internet->{APP}:http"]
    assert flow.evidence[0].location.start_line == 4
    assert "boundary:internet" in flow.crosses
    assert [x.key for x in model.externals] == ["external:internet"]


def test_database_url_gives_a_store_and_a_flow_with_its_tls_and_credentials(
    tmp_path: Path,
) -> None:
    model = _scan(
        tmp_path,
        {
            "docker-compose.yml": """\
            services:
              app:
                image: acme/app
                environment:
                  DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app?sslmode=disable
                  CACHE_HOST: cache
              db:
                image: postgres:16
              cache:
                image: redis:7
            """
        },
    )
    stores = {d.key for d in model.datastores}
    assert {
        "datastore:postgres:docker-compose.yml:db",
        "datastore:redis:docker-compose.yml:cache",
    } <= stores
    db = _flows(model)[f"flow:{APP}->datastore:postgres:docker-compose.yml:db:postgres"]
    assert (db.encrypted, db.authenticated) == (Tri.NO, Tri.YES)
    assert db.evidence[0].location.start_line == 5
    assert "boundary:container:docker-compose.yml:app" in db.crosses
    cache = _flows(model)[f"flow:{APP}->datastore:redis:docker-compose.yml:cache:redis"]
    assert cache.encrypted is Tri.NO  # redis speaks plaintext unless told otherwise


def test_services_sharing_a_network_cross_only_their_containers(tmp_path: Path) -> None:
    model = _scan(
        tmp_path,
        {
            "docker-compose.yml": """\
            services:
              app:
                image: acme/app
                networks: [front, back]
                environment:
                  API_URL: http://api:8000
              api:
                image: acme/api
                networks: [back]
            """
        },
    )
    api = "iac:compose:service.docker-compose.yml:api"
    flow = _flows(model)[f"flow:{APP}->{api}:http"]
    assert (flow.encrypted, flow.authenticated) == (Tri.NO, Tri.NO)
    kinds = {b.key: b.kind_of for b in model.boundaries}
    assert {kinds[b] for b in flow.crosses} == {BoundaryKind.CONTAINER}


def test_build_context_puts_the_code_service_in_the_container(tmp_path: Path) -> None:
    model = _scan(
        tmp_path,
        {
            "docker-compose.yml": """\
            services:
              web:
                build: ./web
            """,
            "web/app.py": """\
            from flask import Flask
            app = Flask(__name__)

            @app.get("/")
            def index():
                return "hi"
            """,
        },
    )
    container = next(b for b in model.boundaries if b.name == "container:docker-compose.yml:web")
    assert "service:web" in container.members
    # compose says how it is exposed (no published port): no default internet flow
    assert not [f for f in model.flows if f.target == "service:web"]


def test_code_service_without_deployment_is_taken_as_internet_facing(tmp_path: Path) -> None:
    model = _scan(
        tmp_path,
        {
            "app.py": """\
            from flask import Flask
            app = Flask(__name__)

            @app.get("/")
            def index():
                return "hi"
            """
        },
    )
    assert "flow:external:internet->service:root:http" in _flows(model)


def test_outbound_call_with_a_literal_url_gives_an_external_service(tmp_path: Path) -> None:
    model = _scan(
        tmp_path,
        {
            "app.py": """\
            import requests
            from flask import Flask, request
            app = Flask(__name__)

            @app.post("/pay")
            def pay():
                card_number = request.json["card_number"]
                requests.post("http://pay.example.com/charge", json={"card": card_number})
                return "ok"
            """
        },
    )
    [external] = [x for x in model.externals if x.host]
    assert (external.key, external.host) == ("external:pay.example.com", "pay.example.com")
    flow = _flows(model)["flow:endpoint:POST /pay->external:pay.example.com:http"]
    assert flow.encrypted is Tri.NO
    assert flow.evidence[0].location.start_line == 8


def test_code_calling_a_compose_peer_by_name_is_linked_to_it(tmp_path: Path) -> None:
    model = _scan(
        tmp_path,
        {
            "docker-compose.yml": """\
            services:
              web:
                build: ./web
              orders:
                image: acme/orders
            """,
            "web/app.py": """\
            import requests
            from flask import Flask
            app = Flask(__name__)

            @app.post("/buy")
            def buy():
                requests.post("http://orders:8080/orders", json={})
                return "ok"
            """,
        },
    )
    orders = "iac:compose:service.docker-compose.yml:orders"
    flow = _flows(model)[f"flow:endpoint:POST /buy->{orders}:http"]
    assert flow.encrypted is Tri.NO
    assert flow.evidence[0].location.start_line == 7
    assert not [x for x in model.externals if x.host == "orders"]
