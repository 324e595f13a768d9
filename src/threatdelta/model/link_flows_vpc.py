"""Terraform network trust boundaries: a `network` boundary per `aws_vpc` and per `aws_subnet`,
the resources placed in them, and the flows an AWS load balancer forwards (`link_flows`).

- `aws_vpc.<name>` gives `vpc:aws_vpc.<name>`; `aws_subnet.<name>` gives
  `subnet:aws_subnet.<name>` (`...:public` when `map_public_ip_on_launch = true` or a route
  table association ties it to a route table with a route to an `aws_internet_gateway`),
  parent the VPC its `vpc_id` names.
- A resource sits in the subnets its `subnet_id` / `subnet_ids` / `subnets` (also nested:
  `vpc_config.subnet_ids`, `network_configuration.subnets`, `subnet_mapping.subnet_id`) or
  its `db_subnet_group_name`'s `aws_db_subnet_group.subnet_ids` name; without a subnet, in the
  VPC its `vpc_id` or its security groups' (`vpc_security_group_ids`, `security_groups`,
  `security_group_ids`) `vpc_id` name. Entry points are the resources themselves, so they
  sit where the resource sits.
- A listener's `default_action.target_group_arn` ties a load balancer to target groups; an
  `aws_lb_target_group_attachment`'s `target_id`, or a resource's
  `load_balancer.target_group_arn` (ECS services), gives a flow load balancer -> target
  (`http` for an HTTP(S) target group, else `tcp`; encrypted from its `protocol`).

References are read from the rendered values (`${aws_subnet.a.id}`, `[0]`/`[each.key]`
allowed); a module output, variable or data source places nothing. One pass per index.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from threatdelta.model.base import Tri
from threatdelta.model.elements import BoundaryKind, DataFlow, IacResource, TrustBoundary
from threatdelta.model.flow_graph import FlowGraph

_REF = re.compile(r"(?<![\w.])(aws_\w+)\.([A-Za-z_][\w-]*)")
_PLUMBING = ("aws_vpc", "aws_subnet", "aws_route", "aws_security_group", "aws_internet_gateway")
_SUBNET_ARGS = frozenset({"subnet_id", "subnet_ids", "subnets"})
_GROUP_ARGS = frozenset({"vpc_security_group_ids", "security_groups", "security_group_ids"})
_LISTENERS = frozenset({"aws_lb_listener", "aws_alb_listener"})
_TLS = {"HTTPS": Tri.YES, "TLS": Tri.YES, "HTTP": Tri.NO, "TCP": Tri.NO, "UDP": Tri.NO}

Index = dict[str, IacResource]  # `<type>.<name>` -> resource


def _refs(values: Iterable[str], kind: str, index: Index) -> list[str]:
    """The addresses of resources of `kind` the values name that the model holds."""
    found = (f"{t}.{n}" for v in values for t, n in _REF.findall(v) if t == kind)
    return [a for a in dict.fromkeys(found) if a in index]


def _args(resource: IacResource, names: frozenset[str]) -> list[str]:
    return [a.value for a in resource.attributes if a.name.rpartition(".")[2] in names]


def _public_tables(iac: tuple[IacResource, ...], index: Index) -> set[str]:
    public: set[str] = set()
    for r in iac:
        gateway = _refs(_args(r, frozenset({"gateway_id"})), "aws_internet_gateway", index)
        if gateway and r.type == "aws_route_table":
            public.add(f"{r.type}.{r.name}")
        elif gateway and r.type == "aws_route":
            public.update(_refs(_args(r, frozenset({"route_table_id"})), "aws_route_table", index))
    return public


def _public_subnets(iac: tuple[IacResource, ...], index: Index) -> set[str]:
    tables = _public_tables(iac, index)
    found = {
        f"{r.type}.{r.name}"
        for r in iac
        if r.type == "aws_subnet" and "true" in _args(r, frozenset({"map_public_ip_on_launch"}))
    }
    for r in iac:
        if r.type == "aws_route_table_association" and tables.intersection(
            _refs(_args(r, frozenset({"route_table_id"})), "aws_route_table", index)
        ):
            found.update(_refs(_args(r, frozenset({"subnet_id"})), "aws_subnet", index))
    return found


def _network_boundaries(graph: FlowGraph, iac: tuple[IacResource, ...], index: Index) -> None:
    """The VPC and subnet boundaries, keyed in `graph` by `vpc:`/`subnet:` + address."""
    public = _public_subnets(iac, index)
    for r in iac:
        if r.type == "aws_vpc":
            graph.boundary(
                TrustBoundary(
                    name=f"vpc:{r.type}.{r.name}",
                    kind_of=BoundaryKind.NETWORK,
                    evidence=r.evidence[:1],
                )
            )
    for r in iac:
        if r.type != "aws_subnet":
            continue
        address = f"{r.type}.{r.name}"
        vpcs = _refs(_args(r, frozenset({"vpc_id"})), "aws_vpc", index)
        graph.boundary(
            TrustBoundary(
                name=f"subnet:{address}" + (":public" if address in public else ""),
                kind_of=BoundaryKind.NETWORK,
                evidence=r.evidence[:1],
                parent=f"boundary:vpc:{vpcs[0]}" if vpcs else "",
            )
        )


def _homes(resource: IacResource, index: Index, groups: dict[str, list[str]]) -> list[str]:
    """The boundary names a resource sits in: its subnets, else its VPCs."""
    subnets = _refs(_args(resource, _SUBNET_ARGS), "aws_subnet", index)
    for group in _refs(
        _args(resource, frozenset({"db_subnet_group_name"})), "aws_db_subnet_group", index
    ):
        subnets.extend(s for s in groups[group] if s not in subnets)
    if subnets:
        return [f"subnet:{s}" for s in subnets]
    vpcs = _refs(_args(resource, frozenset({"vpc_id"})), "aws_vpc", index)
    for group in _refs(_args(resource, _GROUP_ARGS), "aws_security_group", index):
        vpcs.extend(v for v in groups[group] if v not in vpcs)
    return [f"vpc:{v}" for v in vpcs]


def _place(graph: FlowGraph, iac: tuple[IacResource, ...], index: Index) -> None:
    # subnet group -> its subnets; security group -> its VPC (one map: addresses differ)
    groups: dict[str, list[str]] = defaultdict(list)
    for r in iac:
        if r.type == "aws_db_subnet_group":
            groups[f"{r.type}.{r.name}"] = _refs(_args(r, _SUBNET_ARGS), "aws_subnet", index)
        elif r.type == "aws_security_group":
            groups[f"{r.type}.{r.name}"] = _refs(_args(r, frozenset({"vpc_id"})), "aws_vpc", index)
    keys = {b.name.removesuffix(":public"): k for k, b in graph.boundaries.items()}
    for r in iac:
        if r.type.startswith(_PLUMBING) or r.type == "aws_db_subnet_group":
            continue
        for home in _homes(r, index, groups):
            if home in keys:
                graph.place(r.key, keys[home])


def _forwards(graph: FlowGraph, iac: tuple[IacResource, ...], index: Index) -> None:
    """Load balancer -> target flows through listeners and target groups."""
    balancers: dict[str, list[str]] = defaultdict(list)  # target group -> load balancers
    for r in iac:
        if r.type in _LISTENERS:
            arn = _args(r, frozenset({"load_balancer_arn"}))
            lbs = [a for kind in ("aws_lb", "aws_alb") for a in _refs(arn, kind, index)]
            for group in _refs(
                _args(r, frozenset({"target_group_arn"})), "aws_lb_target_group", index
            ):
                balancers[group].extend(lbs)
    for r in iac:
        if r.type == "aws_lb_target_group_attachment":
            named = " ".join(_args(r, frozenset({"target_id"})))
            targets = [a for t, n in _REF.findall(named) if (a := f"{t}.{n}") in index]
            arns = _args(r, frozenset({"target_group_arn"}))
        else:
            targets = [f"{r.type}.{r.name}"]
            arns = [a.value for a in r.attributes if a.name == "load_balancer.target_group_arn"]
        for group in _refs(arns, "aws_lb_target_group", index):
            protocol = " ".join(_args(index[group], frozenset({"protocol"}))).upper()
            for lb in balancers.get(group, []):
                for target in targets:
                    graph.flow(
                        DataFlow(
                            source=index[lb].key,
                            target=index[target].key,
                            protocol="http" if protocol.startswith("HTTP") else "tcp",
                            evidence=r.evidence[:1],
                            encrypted=_TLS.get(protocol, Tri.UNKNOWN),
                        )
                    )


def link_vpc(graph: FlowGraph, iac: tuple[IacResource, ...]) -> None:
    index: Index = {f"{r.type}.{r.name}": r for r in iac}
    _network_boundaries(graph, iac, index)
    _place(graph, iac, index)
    _forwards(graph, iac, index)
