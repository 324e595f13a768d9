"""The post-link pass that connects the model into flows across trust boundaries
(`docs/extraction-contract.md`, "Flows and trust boundaries").

Deployed units and entry points come from docker-compose (`link_flows_compose`), Kubernetes
(`link_flows_k8s`) and Terraform (`link_flows_terraform` entry points, `link_flows_vpc` VPC
and subnet boundaries), code services and outbound calls from the code model
(`link_flows_code`). Every flow then gets `crosses`:
the boundaries holding exactly one of its ends. Linear in the model's size (each element and
flow visited a bounded number of times); nothing here reads files. It reads only what a
diff's sub-model also holds for the files it loads (IaC resources and services are in every
skeleton), so a change gives the same flows on both sides of a diff.
"""

from __future__ import annotations

from threatdelta.model.elements import DataFlow, TrustBoundary
from threatdelta.model.flow_graph import FlowGraph, Placement
from threatdelta.model.link_flows_code import (
    connections,
    entry_flows,
    inherited,
    outbound_flows,
    process_boundaries,
)
from threatdelta.model.link_flows_compose import link_compose
from threatdelta.model.link_flows_k8s import link_kubernetes
from threatdelta.model.link_flows_terraform import link_terraform
from threatdelta.model.link_flows_vpc import link_vpc
from threatdelta.model.threat_model import ThreatModel


def _store_flow(
    flow: DataFlow, made: dict[str, list[DataFlow]], homes: dict[str, str], services: dict[str, str]
) -> tuple[DataFlow, str]:
    """A code flow endpoint -> store with its deployment's connection settings, and the
    element whose placement stands for the store's (the deployed store, else itself)."""
    service = services.get(flow.source, "")
    container = homes.get(service.removeprefix("service:"))
    connection = inherited(flow, made.get(container, [])) if container else None
    if connection is None:
        return flow, flow.target
    update = {"encrypted": connection.encrypted, "authenticated": connection.authenticated}
    return flow.model_copy(update=update), connection.target


def _placed_flows(
    model: ThreatModel, graph: FlowGraph, boundaries: dict[str, TrustBoundary]
) -> tuple[DataFlow, ...]:
    """The model's and the graph's flows, each with its `crosses` (when it has none) and
    the endpoint -> store flows with their deployment's connection settings."""
    owners = {ep.key: f"service:{ep.service}" for ep in model.endpoints}
    placement = Placement(boundaries, owners)
    made = connections(graph)
    flows: dict[str, DataFlow] = {}
    ours = set(graph.flows)
    for given in (*model.flows, *graph.flows.values()):
        flow, stand_in = (given, given.target)
        if given.source in owners:
            flow, stand_in = _store_flow(given, made, graph.homes, owners)
        if not flow.crosses or flow.key in ours:
            # copied only when it changes: a large model's flows are not all reallocated
            crossed = placement.crossed(flow.source, stand_in)
            if crossed != flow.crosses:
                flow = flow.model_copy(update={"crosses": crossed})
        flows.setdefault(flow.key, flow)
    return tuple(sorted(flows.values(), key=lambda f: f.key))


def link_flows(model: ThreatModel) -> ThreatModel:
    """The model with the internet, deployed stores, external services, flows and trust
    boundaries added, and every flow's `crosses` set."""
    graph = FlowGraph()
    services = list(model.services)
    link_compose(graph, model.iac, services)
    link_kubernetes(graph, model.iac, services)
    link_terraform(graph, model.iac)
    link_vpc(graph, model.iac)
    process_boundaries(graph, model)
    entry_flows(graph, model)
    outbound_flows(graph, model)
    boundaries = {b.key: b for b in model.boundaries}
    for key, boundary in graph.finished_boundaries().items():
        boundaries.setdefault(key, boundary)
    externals = {e.key for e in model.externals}
    stores = {s.key for s in model.datastores}
    return model.model_copy(
        update={
            "externals": (
                *model.externals,
                *(x for k, x in sorted(graph.externals.items()) if k not in externals),
            ),
            "datastores": (
                *model.datastores,
                *(d for k, d in sorted(graph.datastores.items()) if k not in stores),
            ),
            "flows": _placed_flows(model, graph, boundaries),
            "boundaries": tuple(sorted(boundaries.values(), key=lambda b: b.key)),
        }
    )
