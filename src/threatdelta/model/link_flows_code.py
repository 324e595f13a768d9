"""Flows of the code model: how an application is reached when no deployment file says so,
the external services its handlers call, and what the data-store flows of its endpoints
inherit from the connection its deployment configures.

- Each code service with a framework (an app) that a deployed unit runs is a `process`
  boundary (`boundary:process:<name>`), inside that unit's container boundary.
- A code service with a framework (an app) that no compose service builds and no
  Kubernetes workload runs is taken as reachable from the internet (the assumption the
  endpoint rules make too): a flow `external:internet -> service:<name>`, protocol
  `http`, encrypted NO when the service is served over plain HTTP, else unknown.
- An `outbound-http` fact of an endpoint whose `detail` names a literal URL on a public
  host gives `ExternalEntity(kind_of=SERVICE, host=<host>)` and a flow endpoint -> it,
  carrying the endpoint's request data classes (and payment data for a payment provider);
  a URL whose host names a unit of the repository where the endpoint's service runs (a
  compose service, a Kubernetes Service by cluster DNS) gives a flow endpoint -> that unit.
- An endpoint -> data store flow of a service whose deployment unit connects to a store of
  the same family (SQL tables and a postgres/mysql connection, redis, MongoDB) takes that
  connection's `encrypted` and `authenticated`, and crosses what it crosses.
"""

from __future__ import annotations

import re

from threatdelta.model.base import DataClass, Evidence, Tri
from threatdelta.model.connection_urls import Connection, parse_connection, service_host_names
from threatdelta.model.elements import (
    BoundaryKind,
    DataFlow,
    Endpoint,
    ExternalEntity,
    ExternalKind,
    TrustBoundary,
)
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.flow_graph import INTERNET_BOUNDARY, FlowGraph
from threatdelta.model.link_flows_env import is_public_host, payment_classes
from threatdelta.model.threat_model import ThreatModel

_URL = re.compile(r"https?://[^\s'\"`]+")
_FAMILY = {"sql": ("postgres", "mysql"), "redis": ("redis",), "mongodb": ("mongodb",)}


def process_boundaries(graph: FlowGraph, model: ThreatModel) -> None:
    """A `process` boundary around each app service a deployed unit runs, inside its
    container (an app no deployment file places stays outside any boundary of its own)."""
    for service in model.services:
        if not service.framework or service.name not in graph.homes:
            continue
        key = graph.boundary(
            TrustBoundary(
                name=f"process:{service.name}",
                kind_of=BoundaryKind.PROCESS,
                evidence=service.evidence[:1],
                parent=graph.homes[service.name],
            )
        )
        graph.place(service.key, key)


def entry_flows(graph: FlowGraph, model: ThreatModel) -> None:
    for service in model.services:
        if not service.framework or service.name in graph.homes or not service.evidence:
            continue
        plain = service.plain_http is Tri.YES
        graph.flow(
            DataFlow(
                source=graph.internet(),
                target=service.key,
                protocol="http",
                evidence=service.evidence[:1],
                encrypted=Tri.NO if plain else Tri.UNKNOWN,
                # what it crosses unless the model places the service (link_flows checks)
                crosses=(INTERNET_BOUNDARY,),
            )
        )


def _outbound(graph: FlowGraph, endpoint: Endpoint) -> None:
    for fact in endpoint.facts:
        found = _URL.search(fact.detail) if fact.kind is FactKind.OUTBOUND_HTTP else None
        conn = parse_connection(found.group(0)) if found else None
        if conn is None:
            continue
        if not is_public_host(conn.host):
            _to_peer(graph, endpoint, conn, fact)
            continue
        key = graph.external(
            ExternalEntity(
                name=conn.host,
                kind_of=ExternalKind.SERVICE,
                host=conn.host,
                evidence=(Evidence(location=fact.location),),
            )
        )
        data = {*endpoint.request_data, *payment_classes(conn.host)}
        graph.flow(
            DataFlow(
                source=endpoint.key,
                target=key,
                protocol=conn.protocol,
                evidence=(Evidence(location=fact.location),),
                data_classes=tuple(c for c in DataClass if c in data),
                encrypted=conn.encrypted,
            )
        )


def _to_peer(graph: FlowGraph, endpoint: Endpoint, conn: Connection, fact: CodeFact) -> None:
    """A call to a host that names a unit of the repository where the endpoint's service
    runs (`http://orders:8080`, `http://orders.shop.svc.cluster.local`)."""
    resolve = graph.resolvers.get(endpoint.service)
    targets = resolve(*service_host_names(conn.host)) if resolve else []
    for target in targets:
        graph.flow(
            DataFlow(
                source=endpoint.key,
                target=target.key,
                protocol=conn.protocol,
                evidence=(Evidence(location=fact.location),),
                data_classes=endpoint.request_data,
                encrypted=conn.encrypted,
            )
        )


def outbound_flows(graph: FlowGraph, model: ThreatModel) -> None:
    for endpoint in model.endpoints:
        if endpoint.facts:
            _outbound(graph, endpoint)


def connections(graph: FlowGraph) -> dict[str, list[DataFlow]]:
    """Container boundary -> the flows its units make to deployed data stores."""
    by_unit: dict[str, list[DataFlow]] = {}
    for flow in graph.flows.values():
        if flow.target.startswith("datastore:"):
            by_unit.setdefault(flow.source, []).append(flow)
    return {
        container: [f for unit in graph.members.get(container, []) for f in by_unit.get(unit, [])]
        for container in set(graph.homes.values())
    }


def inherited(flow: DataFlow, made: list[DataFlow]) -> DataFlow | None:
    """The connection, among those `made` by the deployment unit of the flow's service,
    to a store of the same family as the flow's target (a SQL table and postgres)."""
    family = _FAMILY.get(flow.target.split(":")[1] if flow.target.count(":") >= 2 else "", ())
    for candidate in made:
        if candidate.target.split(":")[1] in family:
            return candidate
    return None
