"""Golden tests: the networking and sizing attributes the flow linker reads (Service
selectors, Ingress backends, NetworkPolicy, HPA, replicas, labels, limits, `valueFrom`)."""

from __future__ import annotations

from textwrap import dedent

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.iac import KubernetesExtractor
from threatdelta.model.fragment import ModelFragment


def _extract(text: str) -> ModelFragment:
    source = SourceFile(path="app.yaml", text=dedent(text))
    return KubernetesExtractor().extract(source)


def _values(frag: ModelFragment, key: str) -> dict[str, tuple[str, int]]:
    (res,) = [r for r in frag.iac if r.key == key]
    return {a.name: (a.value, a.evidence[0].location.start_line) for a in res.attributes}


def test_service_selector_and_ports_are_json() -> None:
    frag = _extract(
        """\
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec:
          selector: {app: api}
          ports:
            - port: 80
        """
    )
    values = _values(frag, "iac:k8s:Service.shop/api")
    assert values["spec.selector"] == ('{"app":"api"}', 5)
    assert values["spec.ports"] == ('[{"port":80}]', 6)


def test_ingress_paths_name_their_backend_services() -> None:
    frag = _extract(
        """\
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web}
        spec:
          defaultBackend: {service: {name: fallback, port: {number: 80}}}
          rules:
            - http:
                paths:
                  - path: /login
                    backend:
                      service: {name: auth, port: {number: 80}}
                  - path: /old
                    backend: {serviceName: legacy, servicePort: 80}
        """
    )
    values = _values(frag, "iac:k8s:Ingress.default/web")
    assert values["spec.rules[0].paths[0].path"] == ("/login", 9)
    assert values["spec.rules[0].paths[0].service"] == ("auth", 10)
    assert values["spec.rules[0].paths[1].service"] == ("legacy", 13)
    assert values["spec.defaultBackend.service"] == ("fallback", 5)


def test_workload_replicas_labels_limits_and_secret_references() -> None:
    frag = _extract(
        """\
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          replicas: 2
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: acme/api:1
                  args: ["--port", "8080"]
                  env:
                    - name: API_TOKEN
                      valueFrom:
                        secretKeyRef: {name: api, key: token}
                  resources:
                    limits: {memory: 256Mi}
        """
    )
    values = _values(frag, "iac:k8s:Deployment.default/api")
    assert values["spec.replicas"] == ("2", 5)
    assert values["pod.labels"] == ('{"app":"api"}', 8)
    assert values["container.api.args"] == ('["--port","8080"]', 13)
    assert values["container.api.envFrom.API_TOKEN"] == ("secretKeyRef", 16)
    assert values["container.api.resources.limits.memory"] == ("256Mi", 19)
    assert "container.api.env.API_TOKEN" not in values  # not a literal


def test_network_policy_and_autoscaler_attributes() -> None:
    frag = _extract(
        """\
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: shop}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: api, namespace: shop}
        spec:
          scaleTargetRef: {kind: Deployment, name: api}
        """
    )
    assert _values(frag, "iac:k8s:NetworkPolicy.shop/deny") == {
        "metadata.namespace": ("shop", 3),
        "spec.podSelector": ("{}", 5),
        "spec.policyTypes": ('["Ingress"]', 6),
    }
    hpa = _values(frag, "iac:k8s:HorizontalPodAutoscaler.shop/api")
    assert hpa["spec.scaleTargetRef"] == ('{"kind":"Deployment","name":"api"}', 12)
