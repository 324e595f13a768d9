"""Reading a connection setting (an environment value such as `DATABASE_URL` or
`ORDERS_URL`) as a network connection: scheme, host, port, whether it uses TLS and whether
it carries credentials. Nothing is resolved or contacted; a value that is not a URL with a
literal host (`${DB_URL}`, `db:5432` with no scheme) gives None; a reference in the user
information (`postgres://app:${DB_PASSWORD}@db/app`) is fine.

The protocol is the application protocol (`https://` and `http://` are both `http`, `rediss`
is `redis`); whether it runs over TLS is `encrypted`, so a URL moved to TLS changes the flow
rather than replacing it. TLS by scheme: `https`, `rediss`, `amqps`, `mongodb+srv`, `wss`,
`grpcs` and `ftps` yes; `http`, `redis`, `amqp`, `mqtt`, `nats`, `ws`, `ftp` and `mongodb`
(without `tls=true` / `ssl=true`) no; PostgreSQL (`sslmode=disable` no, `require`/`verify-*`
yes, otherwise unknown: libpq's default `prefer` falls back to plaintext), MySQL
(`ssl-mode`/`sslmode` alike) and any other scheme unknown.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from threatdelta.model.base import Frozen, Tri

# a `${VAR}` or `$(VAR)` reference (a password set at deployment) stands in as a placeholder;
# a host made of one is not a literal host
_VARIABLE = re.compile(r"\$\{[^}]*\}|\$\([^)]*\)")
_PLACEHOLDER = "variable-reference"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s]+$")
_TLS = frozenset({"https", "rediss", "amqps", "mongodb+srv", "wss", "grpcs", "ftps", "mqtts"})
_PLAIN = frozenset({"http", "redis", "amqp", "mqtt", "nats", "ws", "ftp", "grpc"})
_POSTGRES = frozenset({"postgres", "postgresql", "postgresql+psycopg2", "postgresql+asyncpg"})
_MYSQL = frozenset({"mysql", "mysql+pymysql", "mariadb", "mysql+mysqldb"})
_PROTOCOL = {
    **dict.fromkeys(_POSTGRES, "postgres"),
    **dict.fromkeys(_MYSQL, "mysql"),
    "mongodb": "mongodb",
    "mongodb+srv": "mongodb",
    "redis": "redis",
    "rediss": "redis",
    "amqp": "amqp",
    "amqps": "amqp",
    "wss": "websocket",
    "ws": "websocket",
    "https": "http",
    "grpcs": "grpc",
    "ftps": "ftp",
    "mqtts": "mqtt",
}
_SECURE_SSLMODES = frozenset(
    {"require", "verify-ca", "verify-full", "verify_ca", "verify_identity"}
)


class Connection(Frozen):
    scheme: str  # lower-case, as written (`postgresql+psycopg2`)
    protocol: str  # the application protocol: http, postgres, mysql, redis, mongodb, amqp, ...
    host: str  # lower-case, without port
    port: int | None = None
    encrypted: Tri = Tri.UNKNOWN
    authenticated: Tri = Tri.UNKNOWN  # YES: user information in the URL
    path: str = ""


def _query_flag(query: dict[str, list[str]], *names: str) -> str:
    for name in names:
        if name in query:
            return query[name][-1].lower()
    return ""


def _encryption(scheme: str, query: dict[str, list[str]]) -> Tri:
    if scheme in _TLS:
        return Tri.YES
    if scheme == "mongodb":
        flag = _query_flag(query, "tls", "ssl")
        return Tri.YES if flag == "true" else Tri.NO
    if scheme in _PLAIN:
        return Tri.NO
    if scheme in _POSTGRES or scheme in _MYSQL:
        mode = _query_flag(query, "sslmode", "ssl-mode", "ssl_mode")
        if mode in ("disable", "disabled", "false"):
            return Tri.NO
        return Tri.YES if mode in _SECURE_SSLMODES else Tri.UNKNOWN
    return Tri.UNKNOWN


def parse_connection(value: str) -> Connection | None:
    """The connection a setting names, or None when it is not a URL with a literal host."""
    text = _VARIABLE.sub(_PLACEHOLDER, value.strip().strip("\"'"))
    if not _URL.match(text) or "{{" in text:
        return None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host or "$" in host or _PLACEHOLDER in host:
        return None
    scheme = parts.scheme.lower()
    query = parse_qs(parts.query)
    return Connection(
        scheme=scheme,
        protocol=_PROTOCOL.get(scheme, scheme),
        host=host,
        port=port,
        encrypted=_encryption(scheme, query),
        authenticated=Tri.YES if parts.username else Tri.UNKNOWN,
        path=parts.path,
    )


def service_host_names(host: str) -> tuple[str, str]:
    """(service, namespace) a cluster or compose host name refers to: `orders` ->
    (`orders`, ""), `orders.shop`, `orders.shop.svc` and `orders.shop.svc.cluster.local` ->
    (`orders`, `shop`); a dotted public name (`api.stripe.com`) -> ("", "")."""
    labels = host.split(".")
    if len(labels) == 1:
        return labels[0], ""
    if len(labels) == 2 and labels[1] not in _PUBLIC_SUFFIXES:
        return labels[0], labels[1]
    if len(labels) >= 3 and labels[2] == "svc":
        return labels[0], labels[1]
    return "", ""


_PUBLIC_SUFFIXES = frozenset({"com", "net", "org", "io", "dev", "app", "co", "cloud", "local"})
