"""Deployed data store that accepts connections without authentication.

What it flags:
    A data store the repository deploys (a compose service or Kubernetes workload, see
    `model/deployed_images.py`) configured to let any client in without credentials:
    redis/valkey with no `--requirepass` (and no password setting or password in the
    URLs that reach it), memcached without SASL (`-S`), MongoDB with no
    `MONGO_INITDB_ROOT_PASSWORD` and no `--auth`, PostgreSQL with
    `POSTGRES_HOST_AUTH_METHOD=trust`, MySQL/MariaDB with `MYSQL_ALLOW_EMPTY_PASSWORD`
    (or `MARIADB_ALLOW_EMPTY_ROOT_PASSWORD`) set, Elasticsearch with
    `xpack.security.enabled=false`.

Why it matters:
    Network position becomes the only control. Any process that can open a connection
    (another container on the network, a compromised pod, an SSRF in any service, the
    internet when a port is published) reads, changes or wipes the data, and for redis
    can write files to the host through `CONFIG SET`.

Evidence used:
    The store unit's image, command/args, environment and volumes, and the flows of
    `model/link_flows.py` that reach it (a password in a connection URL shows the store
    asks for one).

Does not fire when:
    A password or authentication setting is present; a configuration file is mounted
    (`redis.conf`, `mongod.conf`, ...: it may set one); a connection URL to the store
    carries a password; the store kind needs credentials by default (PostgreSQL, MySQL
    without the settings above, RabbitMQ).

Known false positives:
    A password set by an init script, a Secret-mounted configuration file (Kubernetes
    volumes are not read) or an operator.

Remediation:
    Require authentication: `--requirepass` (from a secret) or ACLs for redis,
    `MONGO_INITDB_ROOT_USERNAME`/`_PASSWORD` for MongoDB, SASL for memcached, remove
    `trust`/empty-password settings; keep the store on an internal network.

References:
    CWE-306 Missing Authentication for Critical Function; CAPEC-1 Accessing
    Functionality Not Properly Constrained by ACLs; OWASP API8:2023 Security
    Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import ElementKind, Tri
from threatdelta.model.elements import DataStore, IacAttribute, IacResource
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-I033",
    name="datastore-without-authentication",
    title="Deployed data store accepts connections without authentication",
    stride=(Stride.INFORMATION_DISCLOSURE, Stride.SPOOFING, Stride.TAMPERING),
    cwe=(306,),
    capec=(1,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    confidence=Confidence.MEDIUM,
    applies_to=(ElementKind.DATASTORE,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_CONFIG_FILES = (".conf", "/etc/redis", "/usr/local/etc/redis", "/etc/mongo")


def _env(unit: IacResource) -> dict[str, IacAttribute]:
    """Environment variable name -> its attribute (compose and Kubernetes spellings)."""
    found: dict[str, IacAttribute] = {}
    for attribute in unit.attributes:
        head, dot, name = attribute.name.rpartition(".")
        if dot and (head == "environment" or head.endswith((".env", ".envFrom"))):
            found.setdefault(name.upper(), attribute)
    return found


def _command(unit: IacResource) -> str:
    names = ("command", "args")
    return " ".join(a.value for a in unit.attributes if a.name.rpartition(".")[2] in names)


def _image(unit: IacResource) -> IacAttribute | None:
    """The compose `image`, or the first Kubernetes container (whose value is its image)."""
    for attribute in unit.attributes:
        if attribute.name == "image":
            return attribute
        if attribute.name.startswith("container.") and attribute.name.count(".") == 1:
            return attribute
    return None


def _is_on(attribute: IacAttribute | None) -> bool:
    return attribute is not None and attribute.value.strip().lower() in ("yes", "true", "1")


def _open_setting(kind: str, unit: IacResource) -> IacAttribute | None:
    """The setting that leaves the store open, or the store's image when its default is
    open and nothing closes it; None when authentication is configured or may be."""
    env, command, image = _env(unit), _command(unit), _image(unit)
    if kind == "redis":
        closed = "requirepass" in command or any("PASSWORD" in name for name in env)
        return None if closed else image
    if kind == "memcached":
        return None if " -S" in f" {command}" or "--enable-sasl" in command else image
    if kind == "mongodb":
        closed = "MONGO_INITDB_ROOT_PASSWORD" in env or "--auth" in command
        return None if closed else image
    if kind == "postgres":
        method = env.get("POSTGRES_HOST_AUTH_METHOD")
        return method if method is not None and method.value.strip() == "trust" else None
    if kind == "mysql":
        names = ("MYSQL_ALLOW_EMPTY_PASSWORD", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD")
        return next((env[n] for n in names if _is_on(env.get(n))), None)
    if kind == "elasticsearch":
        switch = env.get("XPACK.SECURITY.ENABLED")
        return switch if switch is not None and switch.value.strip() == "false" else None
    return None


def _unit(model: ThreatModel, store: DataStore) -> IacResource | None:
    where = store.evidence[0].location if store.evidence else None
    return next((r for r in model.iac if r.evidence and r.evidence[0].location == where), None)


def check(model: ThreatModel) -> Iterator[Match]:
    passworded = {f.target for f in model.flows if f.authenticated is Tri.YES}
    for store in model.datastores:
        unit = _unit(model, store)
        if unit is None or store.key in passworded:
            continue
        volumes = [a.value for a in unit.attributes if a.name == "volumes"]
        if any(config in v for v in volumes for config in _CONFIG_FILES):
            continue
        setting = _open_setting(store.kind_of, unit)
        if setting is None:
            continue
        yield Match(
            element=store.key,
            evidence=(*setting.evidence, *unit.evidence[:1]),
            message=f"The {store.kind_of} store `{store.name}` accepts connections without "
            "authentication.",
            attack_vector="Any process that can reach the store on the network (another "
            "container, a compromised pod, an SSRF in a service) connects without "
            "credentials.",
            impact="Reading, changing or wiping the stored data; for redis, writing files "
            "on the host.",
            fix=Fix(
                summary="Require authentication on the store (a password from a secret, "
                "ACLs) and keep it on an internal network."
            ),
        )
