"""What a container image is, read from its name only: a data store or message broker of a
well-known kind (`postgres:16`, `bitnami/redis`, `docker.io/library/mongo`), and the
base name that ties a deployment to the code in the repository (`ghcr.io/acme/orders:1.2`
-> `orders`)."""

from __future__ import annotations

from threatdelta.model.base import Tri

_STORES = {
    "postgres": "postgres",
    "postgresql": "postgres",
    "postgis": "postgres",
    "mysql": "mysql",
    "mariadb": "mysql",
    "mongo": "mongodb",
    "mongodb": "mongodb",
    "redis": "redis",
    "valkey": "redis",
    "memcached": "memcached",
    "elasticsearch": "elasticsearch",
    "opensearch": "elasticsearch",
    "cassandra": "cassandra",
    "rabbitmq": "rabbitmq",
    "nats": "nats",
    "kafka": "kafka",
    "eclipse-mosquitto": "mqtt",
}
BROKERS = frozenset({"rabbitmq", "nats", "kafka", "mqtt", "amqp"})
# what a client speaks to a store of each kind
STORE_PROTOCOLS = {"rabbitmq": "amqp", "elasticsearch": "http"}
_PLAINTEXT_BY_DEFAULT = frozenset({"redis", "memcached", "mongodb", "nats", "mqtt", "rabbitmq"})


def image_basename(image: str) -> str:
    """`ghcr.io/acme/orders-api:1.2@sha256:...` -> `orders-api`."""
    name = image.strip().split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    return last.split(":", 1)[0].lower()


def store_kind(image: str) -> str:
    """The data store or broker kind an image runs (`bitnami/postgresql:16` -> `postgres`),
    else ""."""
    base = image_basename(image)
    return _STORES.get(base, "")


def store_protocol(kind: str) -> str:
    return STORE_PROTOCOLS.get(kind, kind)


def default_encryption(kind: str) -> Tri:
    """TLS on a connection to a store of `kind` named without a URL (`depends_on`, a
    Service port): off by default for redis, memcached, MongoDB, NATS, MQTT, RabbitMQ."""
    return Tri.NO if kind in _PLAINTEXT_BY_DEFAULT else Tri.UNKNOWN
