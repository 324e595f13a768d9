"""Terraform entry points: public AWS load balancers, API gateways and Lambda function URLs
get a flow from the internet (`link_flows`).

- `aws_lb` / `aws_alb` / `aws_elb` without `internal = true`: protocol `http` when a
  listener (`aws_lb_listener`, `aws_alb_listener`) naming it in `load_balancer_arn` speaks
  HTTP or HTTPS, else `tcp`; encrypted NO when any of its listeners is plaintext (HTTP,
  TCP, UDP), YES when all use TLS (HTTPS, TLS), unknown without listeners; evidence the
  plaintext listener's `protocol`, else the load balancer.
- `aws_apigatewayv2_api`, `aws_api_gateway_rest_api` (not `PRIVATE`): `http`, encrypted YES.
- `aws_lambda_function_url`: `http`, encrypted YES, authenticated NO for
  `authorization_type = "NONE"`, YES for `AWS_IAM`.
"""

from __future__ import annotations

from collections import defaultdict

from threatdelta.model.base import Tri
from threatdelta.model.elements import DataFlow, IacAttribute, IacResource
from threatdelta.model.flow_graph import FlowGraph

_BALANCERS = frozenset({"aws_lb", "aws_alb", "aws_elb"})
_LISTENERS = frozenset({"aws_lb_listener", "aws_alb_listener"})
_GATEWAYS = frozenset({"aws_apigatewayv2_api", "aws_api_gateway_rest_api"})
_SECURE = frozenset({"HTTPS", "TLS"})


def _own(resource: IacResource, name: str) -> IacAttribute | None:
    return next((a for a in resource.attributes if a.name == name), None)


def _listeners(iac: tuple[IacResource, ...]) -> dict[str, list[IacAttribute]]:
    """`<type>.<name>` of a load balancer -> the `protocol` of each listener naming it."""
    found: dict[str, list[IacAttribute]] = defaultdict(list)
    for resource in iac:
        arn = _own(resource, "load_balancer_arn") if resource.type in _LISTENERS else None
        protocol = _own(resource, "protocol")
        if arn is None or protocol is None:
            continue
        for balancer in _BALANCERS:
            for name in (arn.value.split(f"{balancer}.", 1)[1:] or [])[:1]:
                found[f"{balancer}.{name.split('.', 1)[0]}"].append(protocol)
    return found


def _balancer(graph: FlowGraph, lb: IacResource, protocols: list[IacAttribute]) -> None:
    internal = _own(lb, "internal")
    if internal is not None and internal.value == "true":
        return
    values = [p.value.upper() for p in protocols]
    plain = [p for p in protocols if p.value.upper() not in _SECURE]
    encrypted = Tri.UNKNOWN if not values else Tri.NO if plain else Tri.YES
    web = any(v.startswith("HTTP") for v in values) or not values
    evidence = plain[0].evidence if plain else lb.evidence[:1]
    graph.flow(
        DataFlow(
            source=graph.internet(),
            target=lb.key,
            protocol="http" if web else "tcp",
            evidence=evidence,
            encrypted=encrypted,
        )
    )


def _authenticated(url: IacResource) -> Tri:
    kind = _own(url, "authorization_type")
    if kind is None:
        return Tri.UNKNOWN
    return {"NONE": Tri.NO, "AWS_IAM": Tri.YES}.get(kind.value.upper(), Tri.UNKNOWN)


def link_terraform(graph: FlowGraph, iac: tuple[IacResource, ...]) -> None:
    listeners = _listeners(iac)
    for resource in iac:
        if resource.type in _BALANCERS:
            _balancer(graph, resource, listeners.get(f"{resource.type}.{resource.name}", []))
            continue
        private = "PRIVATE" in " ".join(a.value for a in resource.attributes if "types" in a.name)
        if (
            resource.type in _GATEWAYS and not private
        ) or resource.type == "aws_lambda_function_url":
            graph.flow(
                DataFlow(
                    source=graph.internet(),
                    target=resource.key,
                    protocol="http",
                    evidence=resource.evidence[:1],
                    encrypted=Tri.YES,
                    authenticated=_authenticated(resource),
                )
            )
