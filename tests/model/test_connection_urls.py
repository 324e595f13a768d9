"""Connection settings read as network connections."""

from __future__ import annotations

import pytest

from threatdelta.model.base import Tri
from threatdelta.model.connection_urls import parse_connection, service_host_names


@pytest.mark.parametrize(
    ("value", "protocol", "host", "encrypted"),
    [
        ("postgres://u@db:5432/x?sslmode=disable", "postgres", "db", Tri.NO),
        ("postgresql://u@db/x?sslmode=verify-full", "postgres", "db", Tri.YES),
        ("postgres://u@db/x", "postgres", "db", Tri.UNKNOWN),
        ("redis://cache:6379/0", "redis", "cache", Tri.NO),
        ("rediss://cache:6380/0", "redis", "cache", Tri.YES),
        ("mongodb://docs/x?tls=true", "mongodb", "docs", Tri.YES),
        ("mongodb://docs/x", "mongodb", "docs", Tri.NO),
        ("https://api.stripe.com/v1", "http", "api.stripe.com", Tri.YES),
        ("amqp://q@queue:5672/", "amqp", "queue", Tri.NO),
    ],
)
def test_scheme_and_parameters_give_protocol_and_tls(
    value: str, protocol: str, host: str, encrypted: Tri
) -> None:
    conn = parse_connection(value)
    assert conn is not None
    assert (conn.protocol, conn.host, conn.encrypted) == (protocol, host, encrypted)


@pytest.mark.parametrize("value", ["${DATABASE_URL}", "http://${HOST}/x", "db:5432", "", "http://"])
def test_values_without_a_literal_host_are_not_connections(value: str) -> None:
    assert parse_connection(value) is None


def test_password_reference_in_user_information_still_parses() -> None:
    conn = parse_connection("postgres://app:${DB_PASSWORD}@db:5432/app")
    assert conn is not None and conn.host == "db" and conn.authenticated is Tri.YES


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("orders", ("orders", "")),
        ("orders.shop", ("orders", "shop")),
        ("orders.shop.svc.cluster.local", ("orders", "shop")),
        ("api.stripe.com", ("", "")),
    ],
)
def test_cluster_host_names(host: str, expected: tuple[str, str]) -> None:
    assert service_host_names(host) == expected
