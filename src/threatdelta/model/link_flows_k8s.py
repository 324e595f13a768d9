"""Kubernetes objects as deployed units and entry points.

Each workload (Pod, Deployment, StatefulSet, ...) is a node: its IaC key, or for a data
store image (`deployed_images`) a `DataStore(kind_of=<kind>)` named like the workload's IaC
resource (`datastore:postgres:shop/db`, `datastore:postgres:deploy:shop/db`). A Service
selects the workloads of its namespace whose pod labels match `spec.selector`; an Ingress
routes to the Services its paths and default backend name. Flows: the internet to every
Ingress (`http`, encrypted YES when `spec.tls` is set, else NO) and to every Service of type
LoadBalancer or NodePort not made internal by a cloud annotation; Ingress -> Service
(`http`; encrypted only with a `backend-protocol` annotation of HTTPS/GRPCS); Service ->
each workload it selects; and the connection settings of each workload's containers
(`link_flows_env`), a host resolved as `svc`, `svc.ns`, `svc.ns.svc[.cluster.local]` to the
workloads behind that Service. Boundaries: a `cluster` per folder (`boundary:k8s:<folder>`),
a `network` per namespace (`boundary:k8s:<folder>:<namespace>`) holding its Services,
Ingresses and workloads, and a `container` per workload holding its node and the code
services whose folder names its image (`ghcr.io/acme/orders:1` -> a code service `orders` or
`services/orders/...`).
"""

from __future__ import annotations

from collections import defaultdict

from threatdelta.model.base import Tri
from threatdelta.model.deployed_images import image_basename, store_kind, store_protocol
from threatdelta.model.elements import (
    BoundaryKind,
    DataFlow,
    DataStore,
    IacAttribute,
    IacResource,
    Service,
    TrustBoundary,
)
from threatdelta.model.flow_graph import FlowGraph, Resolver, Target
from threatdelta.model.kubernetes_layout import (
    first_image,
    is_workload,
    kind_of,
    mapping,
    placement,
    selects,
)
from threatdelta.model.kubernetes_pods import setting
from threatdelta.model.link_flows_env import env_flows

_EXPOSED_TYPES = frozenset({"LoadBalancer", "NodePort"})
# annotations that make a cloud load balancer internal (annotation -> value that does)
_INTERNAL_LB = {
    "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
    "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
    "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
    "networking.gke.io/load-balancer-type": "internal",
    "cloud.google.com/load-balancer-type": "internal",
}


def _internal(service: IacResource) -> bool:
    for name, value in _INTERNAL_LB.items():
        found = setting(service, f"metadata.annotations.{name}")
        if found is not None and found.value.strip().lower() == value:
            return True
    return False


_BACKEND_TLS = frozenset({"HTTPS", "GRPCS"})


class _Namespace:
    def __init__(self, folder: str, name: str) -> None:
        self.folder, self.name = folder, name
        self.workloads: dict[str, tuple[IacResource, Target]] = {}
        self.services: dict[str, IacResource] = {}
        self.ingresses: list[IacResource] = []


class _Cluster:
    def __init__(self, iac: tuple[IacResource, ...]) -> None:
        self.namespaces: dict[tuple[str, str], _Namespace] = {}
        for resource in iac:
            if not resource.type.startswith("k8s:"):
                continue
            folder, namespace, name = placement(resource)
            ns = self.namespaces.setdefault((folder, namespace), _Namespace(folder, namespace))
            if is_workload(resource):
                kind = store_kind(first_image(resource))
                key = DataStore(kind_of=kind, name=resource.name).key if kind else resource.key
                ns.workloads[name] = (resource, Target(key=key, kind=kind))
            elif kind_of(resource) == "Service":
                ns.services[name] = resource
            elif kind_of(resource) == "Ingress":
                ns.ingresses.append(resource)

    def backends(self, ns: _Namespace, service: IacResource) -> list[Target]:
        selector = mapping(service, "spec.selector")
        return [t for w, t in ns.workloads.values() if selects(selector, mapping(w, "pod.labels"))]

    def resolver(self, ns: _Namespace) -> Resolver:
        def resolve(service: str, namespace: str) -> list[Target]:
            other = self.namespaces.get((ns.folder, namespace or ns.name))
            found = other.services.get(service) if other else None
            if other is None or found is None:
                return []
            return self.backends(other, found) or [Target(key=found.key)]

        return resolve


def _boundaries(
    graph: FlowGraph, ns: _Namespace, services: list[Service], resolve: Resolver
) -> None:
    cluster = graph.boundary(
        TrustBoundary(name=f"k8s:{ns.folder or '.'}", kind_of=BoundaryKind.CLUSTER)
    )
    members = [*ns.workloads.values()]
    evidence = (members[0][0].evidence[:1]) if members else ()
    network = graph.boundary(
        TrustBoundary(
            name=f"k8s:{ns.folder or '.'}:{ns.name}",
            kind_of=BoundaryKind.NETWORK,
            parent=cluster,
            evidence=evidence,
        )
    )
    for resource in (*ns.services.values(), *ns.ingresses):
        graph.place(resource.key, network)
    for resource, target in ns.workloads.values():
        graph.place(target.key, network)
        container = graph.boundary(
            TrustBoundary(
                name=f"container:{resource.name}",
                kind_of=BoundaryKind.CONTAINER,
                parent=network,
                evidence=resource.evidence[:1],
            )
        )
        graph.place(target.key, container)
        base = image_basename(first_image(resource))
        for code in services:
            if code.framework and base and base in code.name.split("/"):
                graph.place(code.key, container)
                graph.homes.setdefault(code.name, container)
                graph.resolvers.setdefault(code.name, resolve)


def _service_flows(graph: FlowGraph, cluster: _Cluster, ns: _Namespace) -> None:
    """internet -> each exposed Service, and Service -> each workload it selects."""
    for service in ns.services.values():
        backends = cluster.backends(ns, service)
        kind = backends[0].kind if backends else ""
        protocol = store_protocol(kind) if kind else "http"
        exposed = setting(service, "spec.type")
        if exposed is not None and exposed.value in _EXPOSED_TYPES and not _internal(service):
            graph.flow(
                DataFlow(
                    source=graph.internet(),
                    target=service.key,
                    protocol=protocol,
                    evidence=exposed.evidence,
                )
            )
        for target in backends:
            graph.flow(
                DataFlow(
                    source=service.key,
                    target=target.key,
                    protocol=protocol,
                    evidence=service.evidence[:1],
                )
            )


def _backend_encryption(ingress: IacResource) -> Tri:
    backend_tls = setting(
        ingress, "metadata.annotations.nginx.ingress.kubernetes.io/backend-protocol"
    )
    secure = backend_tls is not None and backend_tls.value.upper() in _BACKEND_TLS
    return Tri.YES if secure else Tri.UNKNOWN


def _ingress_flows(graph: FlowGraph, ns: _Namespace) -> None:
    """internet -> each Ingress, and Ingress -> each Service it routes to."""
    for ingress in ns.ingresses:
        tls = setting(ingress, "spec.tls")
        secure = tls is not None and tls.value not in ("[]", "null")
        graph.flow(
            DataFlow(
                source=graph.internet(),
                target=ingress.key,
                protocol="http",
                evidence=ingress.evidence[:1],
                encrypted=Tri.YES if secure else Tri.NO,
            )
        )
        encrypted = _backend_encryption(ingress)
        for route in ingress.attributes:
            backend = ns.services.get(route.value) if route.name.endswith(".service") else None
            if backend is not None:
                graph.flow(
                    DataFlow(
                        source=ingress.key,
                        target=backend.key,
                        protocol="http",
                        evidence=route.evidence,
                        encrypted=encrypted,
                    )
                )


def _store(graph: FlowGraph, resource: IacResource, target: Target) -> None:
    if target.kind:
        graph.datastore(
            DataStore(kind_of=target.kind, name=resource.name, evidence=resource.evidence[:1])
        )


def link_kubernetes(
    graph: FlowGraph, iac: tuple[IacResource, ...], services: list[Service]
) -> None:
    cluster = _Cluster(iac)
    for ns in cluster.namespaces.values():
        if not (ns.workloads or ns.services or ns.ingresses):
            continue
        resolve = cluster.resolver(ns)
        _boundaries(graph, ns, services, resolve)
        _service_flows(graph, cluster, ns)
        _ingress_flows(graph, ns)
        for resource, target in ns.workloads.values():
            _store(graph, resource, target)
            env: dict[str, list[IacAttribute]] = defaultdict(list)
            for attribute in resource.attributes:
                head, dot, _ = attribute.name.rpartition(".")
                if dot and head.endswith((".env", ".envFrom")) and head.startswith("container."):
                    env[head.rpartition(".")[0]].append(attribute)
            for variables in env.values():
                env_flows(graph, target.key, variables, resolve)
