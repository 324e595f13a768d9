"""Build a small merged model by hand and compare an export read back with its view."""

from __future__ import annotations

from threatdelta.exporters.projection import DfdView
from threatdelta.model.base import Evidence, Location, Tri
from threatdelta.model.elements import (
    BoundaryKind,
    DataFlow,
    DataStore,
    Endpoint,
    ExternalEntity,
    ExternalKind,
    Service,
    TrustBoundary,
)
from threatdelta.model.fragment import ModelFragment
from threatdelta.model.imported import ImportedThreat, ModelFormat, ThreatStatus
from threatdelta.model.threat_model import ThreatModel

_EV = (Evidence(location=Location(path="app.py", start_line=3, end_line=3)),)


def small_model(*, nested: bool) -> ThreatModel:
    """A shop: a user and a payment provider outside, a service and its database inside a
    VPC (the database, with `nested`, in a subnet of the VPC)."""
    ep = Endpoint(method="POST", path="/orders", service="shop", evidence=_EV)
    orders = DataStore(kind_of="sql", name="orders", evidence=_EV)
    user = ExternalEntity(name="shopper", kind_of=ExternalKind.USER)
    psp = ExternalEntity(name="payments", kind_of=ExternalKind.SERVICE, host="psp.example")
    internet = TrustBoundary(
        name="internet", members=(user.key, psp.key), kind_of=BoundaryKind.INTERNET
    )
    vpc_members = ("service:shop", orders.key) if not nested else ("service:shop",)
    vpc = TrustBoundary(name="vpc", members=vpc_members, kind_of=BoundaryKind.NETWORK)
    boundaries = [internet, vpc]
    if nested:
        boundaries.append(
            TrustBoundary(
                name="db subnet",
                members=(orders.key,),
                kind_of=BoundaryKind.NETWORK,
                parent=vpc.key,
            )
        )
    flows = (
        DataFlow(
            source=user.key,
            target=ep.key,
            protocol="https",
            encrypted=Tri.YES,
            authenticated=Tri.NO,
            crosses=(internet.key, vpc.key),
        ),
        DataFlow(
            source=ep.key,
            target=orders.key,
            protocol="sql",
            encrypted=Tri.NO,
            authenticated=Tri.YES,
        ),
        DataFlow(
            source="service:shop", target=psp.key, protocol="https", crosses=(vpc.key, internet.key)
        ),
    )
    threats = (
        ImportedThreat(
            element=orders.key,
            title="Orders leaked",
            stride=("I",),
            status=ThreatStatus.MITIGATED,
            severity="high",
            mitigation="Encrypt at rest",
            source_format=ModelFormat.OTM,
        ),
        ImportedThreat(
            element=flows[1].key,
            title="SQL in plaintext",
            stride=("I", "T"),
            status=ThreatStatus.ACCEPTED,
            severity="low",
            source_format=ModelFormat.OTM,
        ),
        ImportedThreat(
            element=ep.key,
            title="Order spoofing",
            stride=("S",),
            status=ThreatStatus.NOT_APPLICABLE,
            severity="medium",
            description="Orders are signed.",
            source_format=ModelFormat.OTM,
        ),
        ImportedThreat(
            element=user.key,
            title="Shopper denies order",
            stride=("R",),
            source_format=ModelFormat.OTM,
        ),
    )
    return ThreatModel(
        services=(Service(name="shop", framework="flask", evidence=_EV),),
        endpoints=(ep,),
        datastores=(orders,),
        externals=(user, psp),
        flows=flows,
        boundaries=tuple(boundaries),
        imported_threats=threats,
    )


def view_nodes(view: DfdView) -> set[tuple[str, str]]:
    return {(n.key, n.name) for n in view.nodes}


def fragment_nodes(frag: ModelFragment) -> set[tuple[str, str]]:
    elements = (*frag.services, *frag.datastores, *frag.externals)
    return {(e.key, e.name) for e in elements}


def view_flows(view: DfdView, *, authenticated: bool) -> set[tuple[str, Tri, Tri]]:
    return {
        (f.key, f.encrypted, f.authenticated if authenticated else Tri.UNKNOWN) for f in view.flows
    }


def fragment_flows(frag: ModelFragment, *, authenticated: bool) -> set[tuple[str, Tri, Tri]]:
    return {
        (f.key, f.encrypted, f.authenticated if authenticated else Tri.UNKNOWN) for f in frag.flows
    }


def view_threats(view: DfdView, *, accepted_as_open: bool) -> set[tuple[str, str, str, str]]:
    def status(s: ThreatStatus) -> str:
        return "open" if accepted_as_open and s is ThreatStatus.ACCEPTED else s.value

    return {(t.element, t.title, status(t.status), t.severity) for t in view.threats}


def fragment_threats(frag: ModelFragment) -> set[tuple[str, str, str, str]]:
    return {(t.element, t.title, t.status.value, t.severity) for t in frag.imported_threats}
