"""Odd wiring (wrong value types, dangling names, self references, huge values) gives no
flow where none is meant and never a crash; the rest of the model is still linked."""

from __future__ import annotations

import textwrap
from pathlib import Path

from threatdelta.model.base import Level
from threatdelta.pipeline import scan

COMPOSE = """\
services:
  app:
    image: acme/app
    build: [not, a, context]
    depends_on: 5
    networks: front
    command: {not: a command}
    deploy: []
    ports: [{published: null}]
    environment:
      SELF_URL: http://app:8080
      GHOST_URL: http://ghost:8080
      BROKEN_URL: "http://[::1"
      PORT_URL: http://db:99999999/x
      LIST_URL: [1, 2]
  db:
    image: {name: postgres}
"""
MANIFEST = """\
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  type: LoadBalancer
  selector: [app, api]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  tls: not-a-list
  rules:
    - http: {paths: [just-a-string, {path: /x, backend: nowhere}]}
    - 42
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: many
  template:
    metadata: {labels: app-api}
    spec:
      containers:
        - name: api
          image: [not, an, image]
          env:
            - {name: API_URL, value: {nested: true}}
            - {name: EMPTY}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: not-a-reference
"""


def test_odd_wiring_is_linked_without_errors(tmp_path: Path) -> None:
    (tmp_path / "docker-compose.yml").write_text(COMPOSE, encoding="utf-8")
    (tmp_path / "k8s.yaml").write_text(textwrap.dedent(MANIFEST), encoding="utf-8")
    report = scan(tmp_path)
    assert not [n for n in report.notifications if n.level is Level.ERROR]
    assert not [n for n in report.notifications if n.code == "rule-crashed"]
    flows = {f.key for f in report.model.flows}
    app = "iac:compose:service.docker-compose.yml:app"
    assert not [k for k in flows if k.startswith(f"flow:{app}->{app}")]  # no self flow
    assert not [k for k in flows if "ghost" in k]  # a name no service has
    # the LoadBalancer is still an entry point, though its selector is unreadable
    assert "flow:external:internet->iac:k8s:Service.default/api:http" in flows
