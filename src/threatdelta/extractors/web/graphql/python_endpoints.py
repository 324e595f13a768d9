"""One `Endpoint` per Python resolver: controls from its decorators, permission classes and
body, handler facts from a scan of its body with its arguments as client input."""

from __future__ import annotations

from threatdelta.extractors.web.graphql.operations import endpoint_path
from threatdelta.extractors.web.graphql.python_auth import guard_names, resolver_controls
from threatdelta.extractors.web.graphql.python_fields import PyResolver, function_args
from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.scan import scan_function
from threatdelta.extractors.web.python.syntax import FunctionNode, handler_span, span
from threatdelta.extractors.web.python.taint import LocalKind, TaintEnv
from threatdelta.model.base import Evidence, EvidenceRole, Tri
from threatdelta.model.data_classes import classify, classify_all
from threatdelta.model.elements import STATE_CHANGING_METHODS, Endpoint, Parameter, ParamLocation
from threatdelta.model.facts import CodeFact, FactKind

# Facts the Python web extractor already reports on the service for every function of the
# module (SQL text, shell commands, deserialisation, eval) and settings facts: not repeated.
RESOLVER_KINDS = frozenset(
    {
        FactKind.ORM_QUERY,
        FactKind.NOSQL_QUERY,
        FactKind.OUTBOUND_HTTP,
        FactKind.FILE_ACCESS,
        FactKind.ERROR_TEXT_RETURNED,
        FactKind.AUDIT_LOG,
        FactKind.OBJECT_LOOKUP_BY_ID,
        FactKind.OWNERSHIP_CHECK,
        FactKind.MASS_ASSIGNMENT,
        FactKind.REDIRECT,
        FactKind.REGEX_COMPILE,
    }
)
_WHOLE_INPUT = frozenset({"input", "data", "payload", "kwargs", "args", "fields"})


def scan_resolver(fn: FunctionNode, path: str, index: ModuleIndex) -> ScanContext:
    """Scan a resolver's body: every argument but root/parent/info is client input; an
    `input`/`data` object or `**kwargs` is the whole input."""
    env = TaintEnv(index=index)
    names = list(function_args(fn))
    if fn.args.kwarg is not None:
        names.append(fn.args.kwarg.arg)
    for name in names:
        env.values[name] = Tri.YES
        if name in _WHOLE_INPUT:
            env.kinds[name] = LocalKind.RAW_INPUT
            env.details[name] = "json"
    ctx = ScanContext(path=path, index=index, env=env, in_handler=True)
    scan_function(fn, ctx)
    return ctx


def build_endpoint(
    resolver: PyResolver,
    path: str,
    *,
    index: ModuleIndex,
    mount: str,
    server_schemes: tuple[str, ...],
    type_fields: dict[str, tuple[str, ...]],
) -> Endpoint:
    fn = resolver.function
    ctx = scan_resolver(fn, path, index) if fn is not None else None
    controls = resolver_controls(resolver, index)
    method = resolver.operation.value
    authentication = controls.authentication if fn is not None else Tri.UNKNOWN
    evidence = _evidence(resolver, path)
    facts = tuple(f for f in ctx.facts if f.kind in RESOLVER_KINDS) if ctx is not None else ()
    response, args = type_fields.get(resolver.shape.return_type, ()), resolver.shape.args
    return Endpoint(
        method=method,
        path=endpoint_path(mount, resolver.field),
        service="",
        handler=evidence[0].location,
        handler_name=fn.name if fn is not None else resolver.field,
        sources=("graphql",),
        evidence=evidence,
        authentication=Tri.YES if server_schemes else authentication,
        auth_schemes=(*controls.auth_schemes, *server_schemes),
        guards=guard_names(resolver),
        rate_limited=controls.rate_limited if fn is not None else Tri.UNKNOWN,
        audit_logged=_audit(method, ctx, facts),
        object_authorization=_object_authorization(ctx, facts, controls.permission),
        parameters=tuple(_parameter(a) for a in args),
        request_fields=args,
        response_fields=response,
        request_data=classify_all(args),
        response_data=classify_all(response),
        paginated=resolver.shape.paginated(),
        returns_collection=resolver.shape.returns_collection(),
        facts=facts,
    )


def _evidence(resolver: PyResolver, path: str) -> tuple[Evidence, ...]:
    """The resolver function (where to fix), then the field declaration when it is
    elsewhere (a Graphene `X.Field()` line, a Strawberry `field(resolver=fn)`)."""
    declared = span(path, resolver.anchor)
    fn = resolver.function
    handler = handler_span(path, fn) if fn is not None else declared
    if handler.start_line <= declared.start_line <= handler.end_line:
        return (Evidence(location=handler),)
    return (Evidence(location=handler), Evidence(location=declared, role=EvidenceRole.CONFIG))


def _parameter(name: str) -> Parameter:
    data = classify(name)
    return Parameter(name=name, location=ParamLocation.BODY, data_classes=(data,) if data else ())


def _audit(method: str, ctx: ScanContext | None, facts: tuple[CodeFact, ...]) -> Tri:
    if ctx is None:
        return Tri.UNKNOWN
    if any(f.kind is FactKind.AUDIT_LOG for f in facts):
        return Tri.YES
    return Tri.NO if method in STATE_CHANGING_METHODS else Tri.UNKNOWN


def _object_authorization(
    ctx: ScanContext | None, facts: tuple[CodeFact, ...], permission: bool
) -> Tri:
    if permission:
        return Tri.YES
    if ctx is None:
        return Tri.UNKNOWN
    if ctx.permission_guard or any(f.kind is FactKind.OWNERSHIP_CHECK for f in facts):
        return Tri.YES
    lookup = any(f.kind is FactKind.OBJECT_LOOKUP_BY_ID and f.from_input is Tri.YES for f in facts)
    return Tri.NO if lookup else Tri.UNKNOWN
