"""Facts of injected providers, carried to the endpoints that call them: a NestJS
controller method that hands request input to `this.orders.findByStatus(status)` gets the
raw SQL found in `OrdersService.findByStatus`, with the fact's own location as evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from threatdelta.model.base import Location, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import ModelFragment, ProviderCall, ProviderMethod, SymbolRef

_SINKS = frozenset(
    {
        FactKind.SQL_RAW,
        FactKind.NOSQL_QUERY,
        FactKind.OUTBOUND_HTTP,
        FactKind.FILE_ACCESS,
        FactKind.COMMAND_EXEC,
        FactKind.UNSAFE_DESERIALIZATION,
        FactKind.CODE_EVAL,
        FactKind.REGEX_COMPILE,
        FactKind.AUDIT_LOG,
    }
)


def _matches(declared: SymbolRef, wanted: SymbolRef) -> bool:
    if declared.name != wanted.name:
        return False
    a, b = declared.module, wanted.module
    return a == b or a.endswith("/" + b) or b.endswith("/" + a)


def _resolve(methods: dict[str, list[ProviderMethod]], wanted: SymbolRef) -> ProviderMethod | None:
    found = [m for m in methods.get(wanted.name, []) if _matches(m.method, wanted)]
    return found[0] if len(found) == 1 else None


def _carried(fact: CodeFact, call: ProviderCall) -> CodeFact:
    """The method's fact as seen from the endpoint: input reaches the sink only when it
    reaches the call and the method's parameter reaches the sink."""
    if fact.from_input is Tri.NO or call.from_input is Tri.NO:
        reach = Tri.NO
    elif fact.from_input is Tri.YES and call.from_input is Tri.YES:
        reach = Tri.YES
    else:
        reach = Tri.UNKNOWN
    return fact.model_copy(update={"from_input": reach})


def with_provider_facts(
    fragments: Sequence[ModelFragment], endpoints: list[Endpoint]
) -> list[Endpoint]:
    """Endpoints with the sink and audit facts of the provider methods their handlers call."""
    methods: dict[str, list[ProviderMethod]] = defaultdict(list)
    calls: dict[Location, list[ProviderCall]] = defaultdict(list)
    for frag in fragments:
        for method in frag.provider_methods:
            methods[method.method.name].append(method)
        for call in frag.provider_calls:
            calls[call.handler].append(call)
    if not calls:
        return endpoints
    return [
        _with_calls(ep, calls.get(ep.handler, []), methods) if ep.handler else ep
        for ep in endpoints
    ]


def _with_calls(
    ep: Endpoint, calls: list[ProviderCall], methods: dict[str, list[ProviderMethod]]
) -> Endpoint:
    added: list[CodeFact] = []
    for call in calls:
        method = _resolve(methods, call.method)
        if method is not None:
            added += [_carried(f, call) for f in method.facts if f.kind in _SINKS]
    if not added:
        return ep
    facts = tuple(dict.fromkeys((*ep.facts, *added)))
    logged = any(f.kind is FactKind.AUDIT_LOG for f in added)
    return ep.model_copy(
        update={"facts": facts, "audit_logged": Tri.YES if logged else ep.audit_logged}
    )
