"""Kubernetes objects as entry points and units: Services select workloads, Ingresses
route to Services, environment URLs resolve through cluster DNS."""

from __future__ import annotations

import textwrap
from pathlib import Path

from threatdelta.model import ThreatModel, Tri
from threatdelta.model.elements import BoundaryKind
from threatdelta.pipeline import scan

MANIFESTS = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: front}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1
          env:
            - name: API_URL
              value: http://api.back.svc.cluster.local:8080
            - name: API_TOKEN
              valueFrom: {secretKeyRef: {name: api, key: token}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: front}
spec:
  selector: {app: web}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: front}
spec:
  rules:
    - http:
        paths:
          - path: /
            backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: back}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - {name: api, image: ghcr.io/acme/api:1}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: back}
spec:
  type: NodePort
  selector: {app: api}
"""
WEB = "iac:k8s:Deployment.front/web"
API = "iac:k8s:Deployment.back/api"


def _model(tmp_path: Path) -> ThreatModel:
    (tmp_path / "all.yaml").write_text(textwrap.dedent(MANIFESTS), encoding="utf-8")
    return scan(tmp_path).model


def test_ingress_and_service_chain_reaches_the_workload(tmp_path: Path) -> None:
    keys = {f.key for f in _model(tmp_path).flows}
    assert {
        "flow:external:internet->iac:k8s:Ingress.front/web:http",
        "flow:iac:k8s:Ingress.front/web->iac:k8s:Service.front/web:http",
        f"flow:iac:k8s:Service.front/web->{WEB}:http",
        "flow:external:internet->iac:k8s:Service.back/api:http",
    } <= keys


def test_cluster_dns_url_links_workloads_across_namespaces(tmp_path: Path) -> None:
    model = _model(tmp_path)
    flow = next(f for f in model.flows if f.source == WEB and f.target == API)
    assert flow.protocol == "http" and flow.encrypted is Tri.NO
    assert flow.authenticated is Tri.YES  # API_TOKEN from a Secret
    kinds = {b.key: b.kind_of for b in model.boundaries}
    crossed = {b for b in flow.crosses if kinds[b] is BoundaryKind.NETWORK}
    assert crossed == {"boundary:k8s:.:front", "boundary:k8s:.:back"}


def test_namespaces_sit_in_the_cluster_boundary(tmp_path: Path) -> None:
    boundaries = {b.key: b for b in _model(tmp_path).boundaries}
    front = boundaries["boundary:k8s:.:front"]
    assert front.parent == "boundary:k8s:." and WEB in front.members
    assert boundaries["boundary:k8s:."].kind_of is BoundaryKind.CLUSTER
