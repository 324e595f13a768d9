"""Elements of the architecture model, each with a stable semantic key."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import Field

from threatdelta.model.base import DataClass, ElementKind, Evidence, Frozen, Location, Tri
from threatdelta.model.facts import CodeFact

STATE_CHANGING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE", "MUTATION"})
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_PARAM = re.compile(r"\{([^}/]+)\}")


def normalize_path(path: str) -> str:
    """One spelling for a path template: leading slash, no trailing slash, no double slashes."""
    path = "/" + "/".join(part for part in path.split("/") if part)
    return path


def service_name_for(path: str) -> str:
    """The service a file belongs to, named by its folder (`app/api/x.py` -> `app/api`);
    files at the top of the repository belong to `root`. The linker folds module-level
    services into the app service of the nearest enclosing folder."""
    folder = path.rpartition("/")[0]
    return folder or "root"


class ParamLocation(StrEnum):
    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    COOKIE = "cookie"
    BODY = "body"


class Parameter(Frozen):
    name: str
    location: ParamLocation
    required: bool = False
    data_classes: tuple[DataClass, ...] = ()


class Service(Frozen):
    name: str
    framework: str = ""  # flask, fastapi, express, openapi, ...
    evidence: tuple[Evidence, ...] = ()
    facts: tuple[CodeFact, ...] = ()  # module-level settings: debug, CORS, cookies, secrets
    security_headers: Tri = Tri.UNKNOWN
    plain_http: Tri = Tri.UNKNOWN  # served or documented over http://

    @property
    def key(self) -> str:
        return f"service:{self.name}"

    @property
    def kind(self) -> ElementKind:
        return ElementKind.SERVICE


class Endpoint(Frozen):
    method: str
    path: str  # full template after router prefixes, params as {name}
    service: str
    handler: Location | None = None
    handler_name: str = ""
    operation_id: str = ""
    sources: tuple[str, ...] = ()  # which extractors saw it: openapi, flask, express, ...
    evidence: tuple[Evidence, ...] = ()  # first is where to fix (the handler)
    authentication: Tri = Tri.UNKNOWN
    auth_schemes: tuple[str, ...] = ()
    # every decorator, dependency, middleware or hook applied to the route at any layer, by
    # name, whatever it does: a change to one of them makes the endpoint a dependent
    guards: tuple[str, ...] = ()
    object_authorization: Tri = Tri.UNKNOWN
    rate_limited: Tri = Tri.UNKNOWN
    audit_logged: Tri = Tri.UNKNOWN
    plain_http: Tri = Tri.UNKNOWN
    parameters: tuple[Parameter, ...] = ()
    request_fields: tuple[str, ...] = ()
    response_fields: tuple[str, ...] = ()
    request_schema: Tri = Tri.UNKNOWN  # does the request body have a schema?
    request_data: tuple[DataClass, ...] = ()
    response_data: tuple[DataClass, ...] = ()
    paginated: Tri = Tri.UNKNOWN
    returns_collection: Tri = Tri.UNKNOWN
    facts: tuple[CodeFact, ...] = ()

    @property
    def key(self) -> str:
        return f"endpoint:{self.method} {self.path}"

    @property
    def kind(self) -> ElementKind:
        return ElementKind.ENDPOINT

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def path_params(self) -> tuple[str, ...]:
        return tuple(_PARAM.findall(self.path))

    @property
    def state_changing(self) -> bool:
        return self.method in STATE_CHANGING_METHODS


class DataStore(Frozen):
    kind_of: str  # sql, mongodb, redis, s3, file, ...
    name: str
    evidence: tuple[Evidence, ...] = ()
    data_classes: tuple[DataClass, ...] = ()
    fields: tuple[str, ...] = ()  # column / field names when known (a changed column is a change)

    @property
    def key(self) -> str:
        return f"datastore:{self.kind_of}:{self.name}"

    @property
    def kind(self) -> ElementKind:
        return ElementKind.DATASTORE


class ExternalKind(StrEnum):
    INTERNET = "internet"  # anonymous clients on the public internet
    USER = "user"  # people using the system (browser, mobile app)
    SERVICE = "service"  # a third-party or other-team service called over the network


class ExternalEntity(Frozen):
    name: str
    evidence: tuple[Evidence, ...] = ()
    kind_of: ExternalKind = ExternalKind.SERVICE
    host: str = ""  # host name for outbound services (`api.stripe.com`), when known

    @property
    def key(self) -> str:
        return f"external:{self.name}"

    @property
    def kind(self) -> ElementKind:
        return ElementKind.EXTERNAL


class DataFlow(Frozen):
    source: str  # element key
    target: str  # element key
    protocol: str = "https"
    evidence: tuple[Evidence, ...] = ()
    data_classes: tuple[DataClass, ...] = ()
    encrypted: Tri = Tri.UNKNOWN  # TLS (or equivalent) on the wire
    authenticated: Tri = Tri.UNKNOWN  # does the target authenticate the source?
    crosses: tuple[str, ...] = ()  # keys of the trust boundaries the flow crosses

    @property
    def key(self) -> str:
        return f"flow:{self.source}->{self.target}:{self.protocol}"

    @property
    def kind(self) -> ElementKind:
        return ElementKind.FLOW

    @property
    def name(self) -> str:
        return f"{self.source} -> {self.target}"


class BoundaryKind(StrEnum):
    INTERNET = "internet"  # the public internet side
    NETWORK = "network"  # VPC, subnet, Kubernetes namespace, compose network
    CLUSTER = "cluster"
    CONTAINER = "container"
    PROCESS = "process"


class TrustBoundary(Frozen):
    name: str
    members: tuple[str, ...] = ()  # element keys inside the boundary
    evidence: tuple[Evidence, ...] = ()
    kind_of: BoundaryKind = BoundaryKind.PROCESS
    parent: str = ""  # key of the enclosing boundary, if any

    @property
    def key(self) -> str:
        return f"boundary:{self.name}"

    @property
    def kind(self) -> ElementKind:
        return ElementKind.BOUNDARY


class IacAttribute(Frozen):
    """One argument of an IaC resource, `name` dotted through nested blocks
    (`website.index_document`); `value` rendered as the extraction contract says (a literal's
    text, JSON for structures, `${...}` for any other expression)."""

    name: str
    value: str
    resource: str = ""  # key of the attached resource that sets it (folded in by the linker)
    variables: tuple[str, ...] = ()  # variables whose defaults the linker substituted
    evidence: tuple[Evidence, ...] = ()  # the argument's lines, then each default used (config)
    # first line of each nested block around the argument, outermost first (`()` for the
    # resource's own arguments): tells repeated blocks of one kind (`ingress`) apart
    blocks: tuple[int, ...] = ()


class IacResource(Frozen):
    type: str
    name: str
    evidence: tuple[Evidence, ...] = ()
    attributes: tuple[IacAttribute, ...] = Field(default=())
    attached_to: str = ""  # key of the resource this one configures (`aws_s3_bucket_acl`)

    @property
    def key(self) -> str:
        return f"iac:{self.type}.{self.name}"

    @property
    def kind(self) -> ElementKind:
        return ElementKind.IAC


Element = Service | Endpoint | DataStore | ExternalEntity | DataFlow | TrustBoundary | IacResource
