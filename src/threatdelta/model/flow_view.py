"""Reading the flows and trust boundaries of the model for the flow rules (`rules/*`)
(`model/link_flows.py` builds them): which boundaries a flow crosses by kind, what its ends
are, and how an end is described in a message."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from threatdelta.model.elements import BoundaryKind, DataFlow, Element, ExternalKind, IacResource
from threatdelta.model.threat_model import ThreatModel

INTERNET = "external:internet"
NETWORK_KINDS = frozenset({BoundaryKind.NETWORK, BoundaryKind.CLUSTER, BoundaryKind.INTERNET})


@dataclass(frozen=True)
class FlowView:
    """The model indexed once for the flow rules."""

    elements: dict[str, Element]  # the external entities and IaC resources
    kinds: dict[str, BoundaryKind]

    @staticmethod
    def of(model: ThreatModel) -> FlowView:
        indexed: list[Element] = [*model.externals, *model.iac]
        return FlowView(
            elements={e.key: e for e in indexed},
            kinds={b.key: b.kind_of for b in model.boundaries},
        )

    def network_crossings(self, flow: DataFlow) -> list[str]:
        """The network, cluster and internet boundaries the flow crosses."""
        return [b for b in flow.crosses if self.kinds.get(b) in NETWORK_KINDS]

    def is_external_service(self, key: str) -> bool:
        element = self.elements.get(key)
        return getattr(element, "kind_of", None) is ExternalKind.SERVICE

    def resource(self, key: str) -> IacResource | None:
        element = self.elements.get(key)
        return element if isinstance(element, IacResource) else None


def is_datastore(key: str) -> bool:
    return key.startswith("datastore:")


def is_unit(key: str) -> bool:
    """A deployed application unit or entry point (compose service, Kubernetes object) or
    a code service: neither a data store nor an external entity nor an endpoint."""
    return key.startswith(("iac:", "service:"))


def describe(key: str) -> str:
    """`iac:k8s:Deployment.deploy:web/storefront` -> `Deployment web/storefront`."""
    kind, _, rest = key.partition(":")
    if kind == "iac":
        resource_type, _, name = rest.partition(".")
        short = name.rpartition(":")[2] if resource_type.startswith(("k8s:", "compose:")) else name
        return f"{resource_type.rpartition(':')[2]} {short}"
    if kind == "datastore":
        store_kind, _, name = rest.partition(":")
        return f"{store_kind} store {name}"
    return f"{kind} {rest}"


def flows_from(model: ThreatModel, source: str) -> Iterator[DataFlow]:
    return (f for f in model.flows if f.source == source)


def internet_reached(model: ThreatModel) -> dict[str, DataFlow]:
    """Deployed units the internet reaches through at most two entry points (an Ingress,
    a Service, a published compose port), each with the internet's flow that starts the
    path."""
    onward: dict[str, list[DataFlow]] = {}
    for flow in model.flows:
        if flow.source.startswith("iac:"):
            onward.setdefault(flow.source, []).append(flow)
    reached: dict[str, DataFlow] = {}
    for first in model.flows:
        if first.source != INTERNET:
            continue
        frontier = [first.target]
        for _ in range(3):
            for key in frontier:
                reached.setdefault(key, first)
            frontier = [f.target for key in frontier for f in onward.get(key, [])]
    return reached
