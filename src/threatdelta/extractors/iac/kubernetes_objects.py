"""One Kubernetes object (a YAML document with `apiVersion` and `kind`) -> an `IacResource`.

The resource's type is `k8s:<kind>` and its name `<namespace>/<name>` (namespace `default`
when not given), preceded by `<folder>:` when the file is not at the repository top, so the
same object in two overlays stays two elements. Attributes by kind:

- every object: `metadata.namespace`, `metadata.annotations.<key>`;
- workloads and pods: their pod spec (`kubernetes_pods`);
- Service: `spec.type`, `spec.loadBalancerSourceRanges` (and `kubernetes_network`'s);
- Ingress: `spec.tls`, `spec.ingressClassName`, `spec.rules[<i>].host` (and its paths);
- NetworkPolicy, HorizontalPodAutoscaler, workload replicas and labels: `kubernetes_network`;
- Role and ClusterRole: `rules[<i>].apiGroups`, `.resources`, `.verbs` (JSON lists);
- RoleBinding and ClusterRoleBinding: `roleRef`, `subjects` (JSON);
- ServiceAccount: `automountServiceAccountToken`.
"""

from __future__ import annotations

from threatdelta.extractors.iac.kubernetes_network import (
    autoscaler_attributes,
    ingress_paths,
    network_policy_attributes,
    service_attributes,
    workload_attributes,
)
from threatdelta.extractors.iac.kubernetes_pods import pod_attributes, pod_spec
from threatdelta.extractors.iac.kubernetes_values import entry
from threatdelta.extractors.openapi.tree import YamlMap
from threatdelta.model.base import Evidence, EvidenceRole, Location
from threatdelta.model.elements import IacAttribute, IacResource

_ROLES = frozenset({"Role", "ClusterRole"})
_BINDINGS = frozenset({"RoleBinding", "ClusterRoleBinding"})


def is_object(document: object) -> bool:
    return (
        isinstance(document, YamlMap)
        and isinstance(document.get("apiVersion"), str)
        and isinstance(document.get("kind"), str)
    )


def resource(document: YamlMap, path: str) -> IacResource | None:
    """The object as a resource; None when it has no `metadata.name` (a List, a patch)."""
    kind = str(document["kind"])
    metadata = document.map("metadata") or YamlMap()
    name = metadata.text("name")
    if not name:
        return None
    namespace = metadata.text("namespace") or "default"
    folder = path.rpartition("/")[0]
    span = Location(path=path, start_line=document.start_line, end_line=document.end_line)
    return IacResource(
        type=f"k8s:{kind}",
        name=f"{folder}:{namespace}/{name}" if folder else f"{namespace}/{name}",
        evidence=(Evidence(location=span, role=EvidenceRole.PRIMARY),),
        attributes=tuple(_metadata(metadata, path) + _by_kind(kind, document, path)),
    )


def _metadata(metadata: YamlMap, path: str) -> list[IacAttribute]:
    found = entry(metadata, "namespace", "metadata.namespace", path)
    annotations = metadata.map("annotations")
    for key in annotations or ():
        found += entry(annotations or YamlMap(), key, f"metadata.annotations.{key}", path)
    return found


def _by_kind(kind: str, document: YamlMap, path: str) -> list[IacAttribute]:
    spec = document.map("spec") or YamlMap()
    pod = pod_spec(kind, document)
    if pod is not None:
        return pod_attributes(pod, path) + workload_attributes(kind, document, path)
    if kind == "Service":
        return [
            *entry(spec, "type", "spec.type", path),
            *entry(spec, "loadBalancerSourceRanges", "spec.loadBalancerSourceRanges", path),
            *service_attributes(spec, path),
        ]
    if kind == "Ingress":
        return _ingress(spec, path) + ingress_paths(spec, path)
    if kind == "NetworkPolicy":
        return network_policy_attributes(spec, path)
    if kind == "HorizontalPodAutoscaler":
        return autoscaler_attributes(spec, path)
    if kind in _ROLES:
        return _rules(document, path)
    if kind in _BINDINGS:
        return entry(document, "roleRef", "roleRef", path) + entry(
            document, "subjects", "subjects", path
        )
    if kind == "ServiceAccount":
        return entry(document, "automountServiceAccountToken", "automountServiceAccountToken", path)
    return []


def _ingress(spec: YamlMap, path: str) -> list[IacAttribute]:
    found = entry(spec, "tls", "spec.tls", path)
    found += entry(spec, "ingressClassName", "spec.ingressClassName", path)
    for index, rule in enumerate(spec.seq("rules") or []):
        if isinstance(rule, YamlMap):
            found += entry(rule, "host", f"spec.rules[{index}].host", path)
    return found


def _rules(document: YamlMap, path: str) -> list[IacAttribute]:
    found: list[IacAttribute] = []
    for index, rule in enumerate(document.seq("rules") or []):
        if isinstance(rule, YamlMap):
            for key in ("apiGroups", "resources", "verbs"):
                found += entry(rule, key, f"rules[{index}].{key}", path)
    return found
