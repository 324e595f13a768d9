"""What one extractor returns for one file: a model fragment, linked later across files.

Routes are declared relative to a router (a Flask blueprint, a FastAPI `APIRouter`, an
Express `Router()` or the app itself). Mounts say where a router is attached to another
(`register_blueprint(bp, url_prefix=...)`, `include_router(r, prefix=...)`,
`app.use('/api', router)`), possibly in another file. `model.link` resolves them into full
paths, so every fragment depends on its own file only and can be cached by blob id.
"""

from __future__ import annotations

from enum import StrEnum

from threatdelta.model.access_rules import AccessRule
from threatdelta.model.base import Evidence, Frozen, Location, Notification, Tri
from threatdelta.model.elements import (
    DataFlow,
    DataStore,
    Endpoint,
    ExternalEntity,
    IacResource,
    Service,
    TrustBoundary,
)
from threatdelta.model.facts import CodeFact
from threatdelta.model.imported import ImportedThreat


class RouterRef(Frozen):
    """A router variable in a module. `module` is the repo-relative path of the defining file
    without its extension (`app/api/users`); a package's `__init__`/`index` module is the
    folder. For an import the extractor cannot place exactly, it gives its best candidate and
    the linker matches it by path suffix."""

    module: str
    name: str


class RouterDecl(Frozen):
    ref: RouterRef
    prefix: str = ""  # own prefix: APIRouter(prefix=...), Blueprint(url_prefix=...)
    is_app: bool = False  # a root: Flask(), FastAPI(), express()
    service: str = ""  # service name when is_app
    location: Location
    authentication: Tri = Tri.UNKNOWN  # applied to every route of this router
    auth_schemes: tuple[str, ...] = ()
    auth_evidence: tuple[Evidence, ...] = ()
    rate_limited: Tri = Tri.UNKNOWN
    guards: tuple[str, ...] = ()  # names of hooks / middleware / dependencies on the router


class Mount(Frozen):
    parent: RouterRef
    child: RouterRef
    prefix: str = ""
    replaces_prefix: bool = False  # Flask: register_blueprint(url_prefix=) overrides the bp's own
    location: Location
    authentication: Tri = Tri.UNKNOWN  # guard applied at the mount
    auth_schemes: tuple[str, ...] = ()
    rate_limited: Tri = Tri.UNKNOWN
    guards: tuple[str, ...] = ()  # names of middleware / dependencies given at the mount


class RoutedEndpoint(Frozen):
    """An endpoint whose `path` is relative to `router` (None: already a full path)."""

    router: RouterRef | None = None
    endpoint: Endpoint


class OperationBinding(Frozen):
    """A handler bound to a spec operation by operationId (connexion style)."""

    operation_id: str
    endpoint: Endpoint  # method/path are placeholders; code facts and handler are real


class SymbolRef(Frozen):
    """A module-level name (an ORM model class, a database client) in a module; `module` is
    given as for `RouterRef` and matched the same way (by path suffix, nearest first)."""

    module: str
    name: str


class StoreSymbol(Frozen):
    """The name `symbol` stands for the data store whose key is `datastore`: a model class
    mapped to a table, a client or database handle bound at module level."""

    symbol: SymbolRef
    datastore: str  # a DataStore key: datastore:sql:patients


class StoreAccess(Frozen):
    """A handler reads or writes a data store through `symbol` (`Patient.query`,
    `session.get(Patient, id)`, `Patient(...)`, `cache.set(...)`). The linker resolves the
    symbol to a data store and adds a flow from every endpoint whose handler is `handler`
    (the endpoint's full path is known only after mounts are resolved)."""

    handler: Location
    symbol: SymbolRef
    evidence: tuple[Evidence, ...] = ()  # first: the line in the handler (or its helper)


class ProviderMethod(Frozen):
    """What a method of an injected provider does (a NestJS `@Injectable()` service), read
    with its parameters as request input. `method` is the provider's module and
    `Class.method`; `facts` are its handler facts."""

    method: SymbolRef
    facts: tuple[CodeFact, ...] = ()


class ProviderCall(Frozen):
    """A handler calls a provider method in another module (`this.orders.find(status)` with
    `orders: OrdersService` injected). The linker copies the method's facts onto every
    endpoint whose handler is `handler`; `from_input` says whether request input reaches
    the call's arguments."""

    handler: Location
    method: SymbolRef
    from_input: Tri = Tri.UNKNOWN
    location: Location  # the call


class IacValueKind(StrEnum):
    """Where a Terraform value comes from (see `IacVariable`)."""

    DEFAULT = "default"  # a `variable` block's default
    TFVARS = "tfvars"  # `terraform.tfvars` / `*.auto.tfvars` of the folder
    LOCAL = "local"  # an entry of a `locals` block (`local.<name>`)
    INPUT = "input"  # an argument of a `module` call; `module` is the called folder


class IacVariable(Frozen):
    """A Terraform `variable` block. `module` is the folder of its file (`infra`, `""` at the
    top): a `var.<name>` reference resolves to the variable of the same folder. `default` is
    rendered like an attribute value; None when the variable has no default. `kind` says
    whether it is a default, a tfvars value, a local or a module call's input (then
    `module` is the called folder, `caller` the calling one and `call` the call's name)."""

    module: str
    name: str
    default: str | None = None
    structured: bool = False  # a list or map default (never spliced into a string template)
    location: Location  # the `default` argument's lines, else the block's
    kind: IacValueKind = IacValueKind.DEFAULT
    caller: str = ""
    call: str = ""


class ModelFragment(Frozen):
    path: str
    extractor: str
    services: tuple[Service, ...] = ()
    routers: tuple[RouterDecl, ...] = ()
    mounts: tuple[Mount, ...] = ()
    endpoints: tuple[RoutedEndpoint, ...] = ()
    bindings: tuple[OperationBinding, ...] = ()
    datastores: tuple[DataStore, ...] = ()
    externals: tuple[ExternalEntity, ...] = ()
    flows: tuple[DataFlow, ...] = ()
    boundaries: tuple[TrustBoundary, ...] = ()
    iac: tuple[IacResource, ...] = ()
    iac_variables: tuple[IacVariable, ...] = ()
    store_symbols: tuple[StoreSymbol, ...] = ()
    store_accesses: tuple[StoreAccess, ...] = ()
    imported_threats: tuple[ImportedThreat, ...] = ()  # from an existing threat model file
    access_rules: tuple[AccessRule, ...] = ()  # service-wide path matchers (Spring Security)
    provider_methods: tuple[ProviderMethod, ...] = ()
    provider_calls: tuple[ProviderCall, ...] = ()
    notifications: tuple[Notification, ...] = ()
