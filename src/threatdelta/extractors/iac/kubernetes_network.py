"""The networking side of Kubernetes objects as attributes: what a Service selects and
listens on, where an Ingress routes each path, which pods a NetworkPolicy selects, what a
HorizontalPodAutoscaler scales, and a workload's replicas and pod labels. The linker
(`model/link_flows_k8s.py`) reads them to connect entry points, services and workloads.

- Service: `spec.selector` (JSON mapping), `spec.ports` (JSON list);
- Ingress: `spec.rules[<i>].paths[<j>].path` and `.service` (the backend Service's name,
  `networking.k8s.io/v1` `backend.service.name` or the older `backend.serviceName`),
  `spec.defaultBackend.service`;
- NetworkPolicy: `spec.podSelector` (JSON), `spec.policyTypes` (JSON);
- HorizontalPodAutoscaler: `spec.scaleTargetRef` (JSON);
- workloads: `spec.replicas`, `pod.labels` (the pod template's labels, JSON; a Pod's own).
"""

from __future__ import annotations

from threatdelta.extractors.iac.kubernetes_values import attribute, entry
from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.model.elements import IacAttribute


def service_attributes(spec: YamlMap, path: str) -> list[IacAttribute]:
    return entry(spec, "selector", "spec.selector", path) + entry(spec, "ports", "spec.ports", path)


def _backend(backend: YamlMap | None) -> tuple[str, YamlMap | None]:
    """The Service name a backend names, and the mapping holding it (for its lines)."""
    if backend is None:
        return "", None
    service = backend.map("service")
    if service is not None and service.text("name"):
        return service.text("name") or "", service
    return backend.text("serviceName") or "", backend


def ingress_paths(spec: YamlMap, path: str) -> list[IacAttribute]:
    found: list[IacAttribute] = []
    for index, rule in enumerate(spec.seq("rules") or []):
        http = rule.map("http") if isinstance(rule, YamlMap) else None
        for number, item in enumerate((http.seq("paths") if http else None) or []):
            if not isinstance(item, YamlMap):
                continue
            label = f"spec.rules[{index}].paths[{number}]"
            found += entry(item, "path", f"{label}.path", path)
            name, holder = _backend(item.map("backend"))
            if name and holder is not None:
                found.append(attribute(f"{label}.service", name, item.span_of("backend"), path))
    name, holder = _backend(spec.map("defaultBackend") or spec.map("backend"))
    if name and holder is not None:
        span = spec.span_of("defaultBackend" if "defaultBackend" in spec else "backend")
        found.append(attribute("spec.defaultBackend.service", name, span, path))
    return found


def network_policy_attributes(spec: YamlMap, path: str) -> list[IacAttribute]:
    return entry(spec, "podSelector", "spec.podSelector", path) + entry(
        spec, "policyTypes", "spec.policyTypes", path
    )


def autoscaler_attributes(spec: YamlMap, path: str) -> list[IacAttribute]:
    return entry(spec, "scaleTargetRef", "spec.scaleTargetRef", path)


def workload_attributes(kind: str, document: YamlMap, path: str) -> list[IacAttribute]:
    """`spec.replicas` and the pod labels of a workload (a Pod's own labels)."""
    spec = document.map("spec") or YamlMap()
    if kind == "Pod":
        metadata = document.map("metadata") or YamlMap()
        return entry(metadata, "labels", "pod.labels", path)
    found = entry(spec, "replicas", "spec.replicas", path)
    template = spec.map("template")
    labels = template.map("metadata") if template is not None else None
    if labels is not None:
        found += entry(labels, "labels", "pod.labels", path)
    return found
