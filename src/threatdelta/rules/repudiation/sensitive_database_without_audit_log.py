"""Database holding sensitive data deployed without statement or audit logging.

What it flags:
    A database deployed by the repository (a compose service or Kubernetes workload
    running PostgreSQL, MySQL/MariaDB or MongoDB, see `model/deployed_images.py`) that
    holds sensitive data, and whose command, arguments and environment configure no
    record of data changes: no `log_statement=mod|all` or `pgaudit` for PostgreSQL, no
    `general_log`, `audit_log` or `server_audit` for MySQL, no `auditLog` for MongoDB.
    It holds sensitive data when a code service run by a unit connecting to it declares
    tables (or collections) with personal, health, payment or credential fields.

Why it matters:
    Changes made straight in the database (by an administrator, a leaked application
    password, an SQL injection) bypass the application's audit log. Without a database
    record of who changed which sensitive rows, such a change cannot be traced,
    attributed or scoped, and the people responsible can deny it.

Evidence used:
    The flows of `model/link_flows.py` (unit -> deployed store), the container
    boundaries tying units to code services, the code data stores and their data
    classes, and the store unit's `command`/`args`/environment/volumes.

Does not fire when:
    A logging setting above is present; a configuration file is mounted into the
    database (`*.conf`, `my.cnf`, `/etc/postgresql`, `/etc/mysql`: it may enable it);
    the tables hold no sensitive data or are not tied to the database.

Known false positives:
    Settings applied by `ALTER SYSTEM`, an init script, a ConfigMap-mounted file in
    Kubernetes (volumes are not read there) or a managed service's parameter group.

Remediation:
    Enable change logging on the server: `pgaudit` (or `log_statement=mod`) for
    PostgreSQL, the audit plugin for MySQL/MariaDB, `auditLog` for MongoDB; ship the log
    off the host where database administrators cannot alter it.

References:
    CWE-778 Insufficient Logging; CAPEC-268 Audit Log Manipulation; OWASP API8:2023
    Security Misconfiguration.
"""

from __future__ import annotations

from collections.abc import Iterator

from threatdelta.findings.threat import Confidence, Fix, Stride
from threatdelta.model.base import DataClass, ElementKind
from threatdelta.model.elements import BoundaryKind, DataStore, IacResource
from threatdelta.model.threat_model import ThreatModel
from threatdelta.rules.spec import FixAvailability, Match, RuleSpec

SPEC = RuleSpec(
    id="TD-R006",
    name="sensitive-database-without-audit-log",
    title="Database holding sensitive data deployed without audit logging",
    stride=(Stride.REPUDIATION,),
    cwe=(778,),
    capec=(268,),
    owasp=("API8:2023",),
    cvss_vector="CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:L/A:N",
    confidence=Confidence.LOW,
    applies_to=(ElementKind.DATASTORE,),
    fix=FixAvailability.DISPLAY_ONLY,
)

_FAMILY = {"postgres": "sql", "mysql": "sql", "mongodb": "mongodb"}
_MARKERS = {
    "postgres": ("log_statement=mod", "log_statement=all", "pgaudit"),
    "mysql": ("general_log", "audit_log", "server_audit"),
    "mongodb": ("auditlog", "auditdestination"),
}
_CONFIG_MOUNTS = (".conf", "my.cnf", "/etc/postgresql", "/etc/mysql", "/docker-entrypoint")
_SENSITIVE = frozenset({DataClass.PII, DataClass.HEALTH, DataClass.PAYMENT, DataClass.CREDENTIALS})


def _code_services(model: ThreatModel, store: str) -> set[str]:
    """Code services run by a unit that connects to the deployed store."""
    units = {f.source for f in model.flows if f.target == store and f.source.startswith("iac:")}
    return {
        member.removeprefix("service:")
        for b in model.boundaries
        if b.kind_of is BoundaryKind.CONTAINER and units & set(b.members)
        for member in b.members
        if member.startswith("service:")
    }


def _held(model: ThreatModel, services: set[str], family: str) -> set[DataClass]:
    """Sensitive data classes of the code stores of `family` those services declare."""
    found: set[DataClass] = set()
    for table in model.datastores:
        path = table.evidence[0].location.path if table.evidence else ""
        mine = any(s == "root" or path.startswith(s + "/") for s in services)
        if table.kind_of == family and mine:
            found |= set(table.data_classes) & _SENSITIVE
    return found


def _configured(resource: IacResource, kind: str) -> bool:
    """Does the unit configure change logging, or mount a file that may?"""
    text = " ".join(a.value for a in resource.attributes).lower()
    if any(m in text for m in _MARKERS[kind]):
        return True
    volumes = (a.value for a in resource.attributes if a.name == "volumes")
    return any(mount in v for v in volumes for mount in _CONFIG_MOUNTS)


def _unit(model: ThreatModel, store: DataStore) -> IacResource | None:
    where = store.evidence[0].location if store.evidence else None
    return next((r for r in model.iac if r.evidence and r.evidence[0].location == where), None)


def check(model: ThreatModel) -> Iterator[Match]:
    for store in model.datastores:
        family = _FAMILY.get(store.kind_of)
        unit = _unit(model, store) if family else None
        if family is None or unit is None or _configured(unit, store.kind_of):
            continue
        held = _held(model, _code_services(model, store.key), family)
        if not held:
            continue
        classes = ", ".join(c.value for c in DataClass if c in held)
        yield Match(
            element=store.key,
            evidence=store.evidence[:1],
            message=f"The {store.kind_of} database `{store.name}` holds {classes} data and "
            "is deployed with no statement or audit logging.",
            attack_vector="Someone with database access (an administrator, a leaked "
            "application password, an injection) changes sensitive rows directly, "
            "bypassing the application's audit trail.",
            impact="Changes to sensitive data that cannot be traced or attributed.",
            fix=Fix(
                summary="Enable pgaudit / log_statement=mod (PostgreSQL), the audit "
                "plugin (MySQL) or auditLog (MongoDB), shipped off the host."
            ),
        )
