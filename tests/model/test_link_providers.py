"""The linker carries provider-method facts to the endpoints whose handlers call them, and
keeps a route's own value for a control it opted out of."""

from __future__ import annotations

from threatdelta.model.base import Location, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import (
    ModelFragment,
    ProviderCall,
    ProviderMethod,
    RoutedEndpoint,
    RouterDecl,
    RouterRef,
    SymbolRef,
)
from threatdelta.model.link import link

HANDLER = Location(path="src/a.controller.ts", start_line=5, end_line=9)
SQL = CodeFact(
    kind=FactKind.SQL_RAW,
    location=Location(path="src/a.service.ts", start_line=7, end_line=7),
    name="this.db.query",
    from_input=Tri.YES,
)
AUDIT = SQL.model_copy(update={"kind": FactKind.AUDIT_LOG, "name": "this.audit.log"})


def _controller(call_input: Tri, method_module: str = "src/a.service") -> ModelFragment:
    ep = Endpoint(method="POST", path="/a", service="src", handler=HANDLER)
    call = ProviderCall(
        handler=HANDLER,
        method=SymbolRef(module=method_module, name="AService.run"),
        from_input=call_input,
        location=Location(path=HANDLER.path, start_line=7, end_line=7),
    )
    return ModelFragment(
        path=HANDLER.path,
        extractor="nestjs",
        endpoints=(RoutedEndpoint(endpoint=ep),),
        provider_calls=(call,),
    )


def _service(path: str = "src/a.service.ts", module: str = "src/a.service") -> ModelFragment:
    method = ProviderMethod(
        method=SymbolRef(module=module, name="AService.run"), facts=(SQL, AUDIT)
    )
    return ModelFragment(path=path, extractor="nestjs", provider_methods=(method,))


def _only(fragments: list[ModelFragment]) -> Endpoint:
    model, _ = link(fragments)
    (ep,) = model.endpoints
    return ep


def test_input_reaching_the_call_and_the_sink_is_input_at_the_endpoint() -> None:
    ep = _only([_controller(Tri.YES), _service()])
    sql = [f for f in ep.facts if f.kind is FactKind.SQL_RAW]
    assert [(f.location.path, f.from_input) for f in sql] == [("src/a.service.ts", Tri.YES)]
    assert ep.audit_logged is Tri.YES


def test_a_constant_argument_does_not_reach_the_sink() -> None:
    ep = _only([_controller(Tri.NO), _service()])
    assert [f.from_input for f in ep.facts if f.kind is FactKind.SQL_RAW] == [Tri.NO]


def test_an_import_matched_by_suffix_in_two_places_is_not_guessed() -> None:
    fragments = [
        _controller(Tri.YES, method_module="a.service"),
        _service("x/a.service.ts", "x/a.service"),
        _service("y/a.service.ts", "y/a.service"),
    ]
    assert _only(fragments).facts == ()


def test_route_opting_out_of_authentication_keeps_its_own_value() -> None:
    ref = RouterRef(module="src/app", name="app")
    bypass = CodeFact(kind=FactKind.AUTH_BYPASS, location=HANDLER, name="Public")
    skip = CodeFact(kind=FactKind.THROTTLE_SKIPPED, location=HANDLER, name="SkipThrottle")
    ep = Endpoint(
        method="POST",
        path="/a",
        service="",
        handler=HANDLER,
        authentication=Tri.NO,
        rate_limited=Tri.NO,
        facts=(bypass, skip),
    )
    app = RouterDecl(
        ref=ref,
        is_app=True,
        service="src",
        location=HANDLER,
        authentication=Tri.YES,
        rate_limited=Tri.YES,
    )
    frag = ModelFragment(
        path="src/app.ts",
        extractor="nestjs",
        routers=(app,),
        endpoints=(RoutedEndpoint(router=ref, endpoint=ep),),
    )
    placed = _only([frag])
    assert (placed.authentication, placed.rate_limited) == (Tri.NO, Tri.NO)
