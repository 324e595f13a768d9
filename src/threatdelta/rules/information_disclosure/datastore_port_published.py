"""Data store port published on every host interface.

What it flags:
    A docker-compose `ports` entry whose container port is a well-known data store port
    (PostgreSQL 5432, MySQL/MariaDB 3306, MongoDB 27017, Redis 6379, Elasticsearch
    9200/9300, CouchDB 5984, Cassandra 9042, Memcached 11211, SQL Server 1433, Oracle 1521,
    InfluxDB 8086, Neo4j 7474/7687, etcd 2379) published without a host address or on
    `0.0.0.0`/`::` (`"5432:5432"`, `"5432"`, long syntax without `host_ip`).

Why it matters:
    Docker publishes such a port on every interface of the host and inserts its own
    firewall rules ahead of the host's (ufw, firewalld), so the store is reachable from
    the network the host is on, often the internet. Scanners find open Redis,
    Elasticsearch and MongoDB ports within minutes, and several of them accept
    unauthenticated connections by default.

Evidence used:
    The port entry of the service, as written.

Does not fire when:
    The port is bound to a loopback address (`127.0.0.1:5432:5432`, `host_ip: 127.0.0.1`)
    or to an interpolated address (`${DB_HOST_IP}:5432:5432`, set at deployment);
    the port is only `expose`d (reachable on the compose network only); the container port
    is not a known data store port or is a range.

Known false positives:
    The container port is matched, not the image: a web service that listens on 9200 is
    reported too. A host behind a firewall that Docker does not bypass (a cloud security
    group) limits who can connect; the exposure still depends on that.

Remediation:
    Remove the `ports` entry and let the application reach the store by its service name
    on the compose network; when the host needs it (local tools), bind it to loopback:
    `"127.0.0.1:5432:5432"`.

References:
    CWE-668 Exposure of Resource to Wrong Sphere; CAPEC-1 Accessing Functionality Not
    Properly Constrained by ACLs; Docker documentation, "Packet filtering and firewalls"
    (published ports bypass host firewall rules).
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.container_settings import COMPOSE_SERVICE, named, of_type
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I014",
    name="datastore-port-published",
    title="Data store port published on every host interface",
    stride=(Stride.INFORMATION_DISCLOSURE,),
    cwe=(668,),
    capec=(1,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.IAC,),
    fix=FixAvailability.DISPLAY_ONLY,
)

DATASTORE_PORTS = {
    5432: "PostgreSQL",
    3306: "MySQL",
    27017: "MongoDB",
    6379: "Redis",
    9200: "Elasticsearch",
    9300: "Elasticsearch",
    5984: "CouchDB",
    9042: "Cassandra",
    11211: "Memcached",
    1433: "SQL Server",
    1521: "Oracle",
    8086: "InfluxDB",
    7474: "Neo4j",
    7687: "Neo4j",
    2379: "etcd",
}
_LOOPBACK = ("127.", "localhost", "::1", "[::1]")


def _published_store(port: str) -> str:
    """The data store whose port the entry publishes on every interface, else ""."""
    spec = port.strip().split("/", 1)[0]
    if "[" in spec:  # [::1]:5432:5432 or [::]:5432:5432
        host, _, rest = spec.partition("]")
        host, spec = host + "]", rest.lstrip(":")
    else:
        parts = spec.rsplit(":", 2)
        host = parts[0] if len(parts) == 3 else ""
    if host.startswith(_LOOPBACK) or "$" in host:
        return ""
    container = spec.rsplit(":", 1)[-1]
    return DATASTORE_PORTS.get(int(container), "") if container.isdigit() else ""


def check(model: ThreatModel) -> Iterator[Match]:
    for service in of_type(model, COMPOSE_SERVICE):
        for port in named(service, "ports"):
            store = _published_store(port.value)
            if not store:
                continue
            yield Match(
                element=service.key,
                evidence=port.evidence,
                qualifier=port.value,
                message=f"Compose service `{service.name}` publishes the {store} port "
                f"(`{port.value}`) on every interface of the host.",
                attack_vector=f"Anyone on the host's network (the internet for a public "
                f"host) connects to {store} directly, bypassing the application; Docker's "
                "rules take precedence over the host firewall.",
                impact="Reading, changing or deleting the stored data where the store "
                "accepts the connection (no or weak authentication, a leaked password).",
                fix=Fix(
                    summary="Remove the published port (services reach the store by name), or "
                    f'bind it to loopback: `"127.0.0.1:{port.value.rsplit(":", 1)[-1]}"`.'
                ),
            )
