"""Flows from the connection settings of one deployed unit (a compose service, a Kubernetes
workload): an environment value that is a URL (`postgres://app@db:5432/app?sslmode=disable`,
`http://orders.shop.svc.cluster.local:8080`) or a bare host (`REDIS_HOST=cache`) naming a
unit of the repository gives a flow to it; a URL naming a public host gives an external
service (`ExternalEntity(kind_of=SERVICE, host=...)`) and a flow to it.

Authentication of a flow: YES when the URL carries user information or the unit has a
secret-named variable sharing the setting's first word (`ORDERS_URL` and `ORDERS_API_TOKEN`,
`DATABASE_URL` and `DATABASE_PASSWORD`); else NO for HTTP (nothing configured to present),
UNKNOWN for anything else (a driver may read a password from elsewhere).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence

from threatdelta.model.base import DataClass, Tri
from threatdelta.model.connection_urls import Connection, parse_connection, service_host_names
from threatdelta.model.data_classes import name_words
from threatdelta.model.deployed_images import default_encryption, store_protocol
from threatdelta.model.elements import DataFlow, ExternalEntity, ExternalKind, IacAttribute
from threatdelta.model.flow_graph import FlowGraph, Resolver, Target
from threatdelta.model.secret_literals import is_secret_name

_BARE_HOST = re.compile(r"^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*(?::\d{1,5})?$")
_HOST_SETTING = ("host", "hostname", "addr", "address", "server", "url", "uri", "endpoint")
_PAYMENT_HOSTS = ("stripe.com", "paypal.com", "adyen.com", "braintreegateway.com", "checkout.com")
_HOST_WORDS = [[word] for word in _HOST_SETTING]
_HTTP = frozenset({"http", "https"})


def env_name(attribute: IacAttribute) -> str:
    return attribute.name.rpartition(".")[2]


def _credential_for(setting: str, env: Sequence[IacAttribute]) -> bool:
    words = name_words(setting)
    first = words[0] if words else ""
    return any(
        is_secret_name(env_name(a)) and (name_words(env_name(a)) or [""])[0] == first
        for a in env
        if a is not None and env_name(a) != setting
    )


def _authenticated(conn: Connection | None, setting: str, env: Sequence[IacAttribute]) -> Tri:
    if (conn is not None and conn.authenticated is Tri.YES) or _credential_for(setting, env):
        return Tri.YES
    return Tri.NO if conn is not None and conn.protocol in _HTTP else Tri.UNKNOWN


def is_public_host(host: str) -> bool:
    """A name on the public internet: dotted, not a cluster or local name, not a private,
    loopback or link-local address."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return (
            "." in host
            and service_host_names(host) == ("", "")
            and not host.endswith((".local", ".internal", ".localhost", ".svc"))
        )
    return address.is_global


def payment_classes(host: str) -> tuple[DataClass, ...]:
    return (DataClass.PAYMENT,) if any(host.endswith(p) for p in _PAYMENT_HOSTS) else ()


def _to_external(
    graph: FlowGraph, caller: str, conn: Connection, attr: IacAttribute, auth: Tri
) -> None:
    key = graph.external(
        ExternalEntity(
            name=conn.host, kind_of=ExternalKind.SERVICE, host=conn.host, evidence=attr.evidence
        )
    )
    creds = (DataClass.CREDENTIALS,) if conn.authenticated is Tri.YES else ()
    graph.flow(
        DataFlow(
            source=caller,
            target=key,
            protocol=conn.protocol,
            evidence=attr.evidence,
            data_classes=(*creds, *payment_classes(conn.host)),
            encrypted=conn.encrypted,
            authenticated=auth,
        )
    )


def _to_targets(
    graph: FlowGraph,
    caller: str,
    *,
    targets: list[Target],
    attr: IacAttribute,
    conn: Connection | None,
    auth: Tri,
) -> None:
    for target in targets:
        if target.key == caller:
            continue
        creds = (
            (DataClass.CREDENTIALS,) if conn is not None and conn.authenticated is Tri.YES else ()
        )
        protocol = conn.protocol if conn is not None else store_protocol(target.kind) or "tcp"
        encrypted = conn.encrypted if conn is not None else default_encryption(target.kind)
        graph.flow(
            DataFlow(
                source=caller,
                target=target.key,
                protocol=protocol,
                evidence=attr.evidence,
                data_classes=(*creds, *target.data_classes),
                encrypted=encrypted,
                authenticated=auth,
            )
        )


def env_flows(
    graph: FlowGraph, caller: str, env: Sequence[IacAttribute], resolve: Resolver
) -> None:
    """Flows from `caller` for each connection setting in `env` (in the order written)."""
    for attr in env:
        if ".envFrom." in attr.name:
            continue  # a reference (`secretKeyRef`): counts as a credential only
        setting = env_name(attr)
        conn = parse_connection(attr.value)
        if conn is None:
            bare = attr.value.strip().lower()
            if (
                not _BARE_HOST.match(bare)
                or name_words(setting)[-1:] == []
                or name_words(setting)[-1] not in _HOST_SETTING
            ):
                continue
            targets = resolve(*service_host_names(bare.split(":", 1)[0]))
            _to_targets(
                graph,
                caller,
                targets=targets,
                attr=attr,
                conn=None,
                auth=_authenticated(None, setting, env),
            )
            continue
        auth = _authenticated(conn, setting, env)
        targets = resolve(*service_host_names(conn.host))
        if targets:
            _to_targets(graph, caller, targets=targets, attr=attr, conn=conn, auth=auth)
        elif is_public_host(conn.host):
            _to_external(graph, caller, conn, attr, auth)
