"""The Koa extractor: apps, `@koa/router` / `koa-router` routers, their prefixes, mounts and
middleware, parsed once with tree-sitter (never run); handler facts come from the Express
handler analysis read through the Koa context."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.express.bindings import ModuleIndex, build_index, resolve_module
from threatdelta.extractors.web.express.handler import analyse_handler, resolve_handler
from threatdelta.extractors.web.express.middleware import (
    authentication_of,
    names_of,
    rate_limit_of,
    schemes_of,
)
from threatdelta.extractors.web.express.syntax import Code
from threatdelta.extractors.web.js_source import ALL_SUFFIXES, JsParsers, Parsed, is_test_file
from threatdelta.extractors.web.koa.flow import KoaFlow
from threatdelta.extractors.web.koa.routes import (
    KoaRouter,
    KoaScanner,
    KoaTable,
    MountReg,
    RouteReg,
)
from threatdelta.model.base import Evidence, Level, Notification, Tri
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import (
    STATE_CHANGING_METHODS,
    Endpoint,
    Parameter,
    ParamLocation,
    Service,
    service_name_for,
)
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import ModelFragment, Mount, RoutedEndpoint, RouterDecl, RouterRef
from threatdelta.model.link import module_of

EXTRACTOR = "koa"
_NOT_BODY = (ParamLocation.QUERY, ParamLocation.HEADER, ParamLocation.COOKIE)


class KoaExtractor:
    """Koa apps and routers in JavaScript/TypeScript files."""

    def __init__(self) -> None:
        self._parsers = JsParsers()

    @property
    def name(self) -> str:
        return EXTRACTOR

    @property
    def version(self) -> str:
        return "1"

    @property
    def suffixes(self) -> frozenset[str]:
        return ALL_SUFFIXES

    def claims(self, source: SourceFile) -> bool:
        """Files outside tests that import koa or a Koa router."""
        text = source.text
        return ("'koa" in text or '"koa' in text or "@koa/" in text) and not is_test_file(
            source.path
        )

    def extract(self, source: SourceFile) -> ModelFragment:
        parsed = self._parsers.parse(source, EXTRACTOR)
        if not isinstance(parsed, Parsed):
            return ModelFragment(path=source.path, extractor=EXTRACTOR, notifications=(parsed,))
        code = Code(source.path, parsed.data)
        index = build_index(parsed.root)
        table = KoaScanner(index).scan()
        return _assemble(code, index, table, parsed.notes)


def _assemble(
    code: Code, index: ModuleIndex, table: KoaTable, notes: tuple[Notification, ...]
) -> ModelFragment:
    service = service_name_for(code.path)
    refs = {name: _ref(code, index, name) for name in table.routers}
    apps = [r for r in table.routers.values() if r.is_app]
    return ModelFragment(
        path=code.path,
        extractor=EXTRACTOR,
        services=tuple(
            Service(
                name=service,
                framework=EXTRACTOR,
                evidence=(Evidence(location=code.location(app.node)),),
                security_headers=Tri.YES if table.helmet else Tri.NO,
            )
            for app in apps[:1]
        ),
        routers=tuple(_router(code, r, refs[r.name], service) for r in table.routers.values()),
        mounts=tuple(
            _mount(code, refs[m.parent], _child(code, index, refs, m.child), m)
            for m in table.mounts
        ),
        endpoints=tuple(
            RoutedEndpoint(router=refs[reg.router], endpoint=_endpoint(code, index, reg))
            for reg in table.routes
        ),
        notifications=(
            *notes,
            *(_unreadable(code, c.start_point.row + 1) for c in table.unreadable),
        ),
    )


def _ref(code: Code, index: ModuleIndex, name: str) -> RouterRef:
    return RouterRef(module=module_of(code.path), name=index.exports.get(name, name))


def _child(code: Code, index: ModuleIndex, refs: dict[str, RouterRef], name: str) -> RouterRef:
    """A router of this module, or one imported from a relative module."""
    if name in refs:
        return refs[name]
    bound = index.imports.get(name)
    module = resolve_module(code.path, bound.spec) if bound is not None else None
    if bound is None or module is None:
        return RouterRef(module=module_of(code.path), name=name)
    return RouterRef(module=module, name="default" if bound.name == "*" else bound.name)


def _router(code: Code, router: KoaRouter, ref: RouterRef, service: str) -> RouterDecl:
    guards = router.guards
    return RouterDecl(
        ref=ref,
        prefix=router.prefix,
        is_app=router.is_app,
        service=service if router.is_app else "",
        location=code.location(router.node),
        authentication=authentication_of(guards),
        auth_schemes=schemes_of(guards),
        rate_limited=rate_limit_of(guards),
        guards=names_of(guards),
    )


def _mount(code: Code, parent: RouterRef, child: RouterRef, mount: MountReg) -> Mount:
    guards = list(mount.guards)
    return Mount(
        parent=parent,
        child=child,
        prefix=mount.prefix,
        location=code.location(mount.call),
        authentication=authentication_of(guards),
        auth_schemes=schemes_of(guards),
        rate_limited=rate_limit_of(guards),
        guards=names_of(guards),
    )


def _endpoint(code: Code, index: ModuleIndex, reg: RouteReg) -> Endpoint:
    handler = resolve_handler(reg.handler, index)
    fn = handler.function
    found = analyse_handler(fn, index, code, flow=KoaFlow(fn, index)) if fn is not None else None
    location = code.location(reg.call)
    evidence = [Evidence(location=location)]
    if fn is not None and not location.contains(code.location(fn)):
        evidence.append(Evidence(location=code.location(fn)))
    guards = list(reg.guards)
    fields = found.fields if found is not None else {}
    request_fields = fields.get(ParamLocation.BODY, ())
    params = _parameters(reg.path, fields)
    facts = found.facts if found is not None else ()
    return Endpoint(
        method=reg.method,
        path=reg.path,
        service="",
        handler=location,
        handler_name=handler.name,
        sources=(EXTRACTOR,),
        evidence=tuple(evidence),
        authentication=authentication_of(guards),
        auth_schemes=schemes_of(guards),
        guards=names_of(guards),
        rate_limited=rate_limit_of(guards),
        audit_logged=_audit(facts, reg.method, analysed=found is not None and not found.delegates),
        parameters=params,
        request_fields=request_fields,
        request_data=classify_all((*request_fields, *(p.name for p in params))),
        facts=facts,
    )


def _parameters(path: str, fields: dict[ParamLocation, tuple[str, ...]]) -> tuple[Parameter, ...]:
    out = [
        Parameter(
            name=n, location=ParamLocation.PATH, required=True, data_classes=classify_all([n])
        )
        for n in Endpoint(method="GET", path=path, service="").path_params
    ]
    for where in _NOT_BODY:
        out += [
            Parameter(name=n, location=where, data_classes=classify_all([n]))
            for n in fields.get(where, ())
        ]
    return tuple(out)


def _audit(facts: tuple[CodeFact, ...], method: str, *, analysed: bool) -> Tri:
    if any(f.kind is FactKind.AUDIT_LOG for f in facts):
        return Tri.YES
    return Tri.NO if analysed and method in STATE_CHANGING_METHODS else Tri.UNKNOWN


def _unreadable(code: Code, line: int) -> Notification:
    return Notification(
        level=Level.NOTE,
        code="unreadable-route-path",
        path=code.path,
        message=f"{EXTRACTOR}: route registered at line {line} has a path that is not a "
        "literal string; it is not modelled",
    )
