"""The Next.js extractor: API routes of the Pages Router (`pages/api/**`) and the App
Router (`app/**/route.ts`), path from the file's place, parsed once with tree-sitter (never
run); handler facts come from the Express handler analysis."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.express.bindings import ModuleIndex, build_index
from threatdelta.extractors.web.express.flow import Flow
from threatdelta.extractors.web.express.handler import HandlerFacts, analyse_handler
from threatdelta.extractors.web.express.syntax import Code
from threatdelta.extractors.web.js_source import ALL_SUFFIXES, JsParsers, Parsed, is_test_file
from threatdelta.extractors.web.next.branches import Ranges, method_branches, own_facts
from threatdelta.extractors.web.next.exports import Exported, default_export, method_exports
from threatdelta.extractors.web.next.flow import AppRouterFlow
from threatdelta.extractors.web.next.handlers import auth_schemes, methods_checked, rate_limited
from threatdelta.extractors.web.next.middleware import MIDDLEWARE_FILE, middleware_rules
from threatdelta.extractors.web.next.paths import ApiRoute, Router, api_route
from threatdelta.model.base import Evidence, Level, Notification, Tri
from threatdelta.model.data_classes import classify_all
from threatdelta.model.elements import STATE_CHANGING_METHODS, Endpoint, Parameter, ParamLocation
from threatdelta.model.facts import FactKind
from threatdelta.model.fragment import ModelFragment, RoutedEndpoint

EXTRACTOR = "nextjs"
_NOT_BODY = (ParamLocation.QUERY, ParamLocation.HEADER, ParamLocation.COOKIE)


class NextExtractor:
    """Next.js API route files, recognised by where they are."""

    def __init__(self) -> None:
        self._parsers = JsParsers()

    @property
    def name(self) -> str:
        return EXTRACTOR

    @property
    def version(self) -> str:
        return "3"

    @property
    def suffixes(self) -> frozenset[str]:
        return ALL_SUFFIXES

    def claims(self, source: SourceFile) -> bool:
        """Files under `pages/api/` and `app/**/route.*`, and a `middleware.ts` importing
        from Next.js, outside tests."""
        if is_test_file(source.path):
            return False
        if MIDDLEWARE_FILE.search(source.path):
            return "next" in source.text
        return api_route(source.path) is not None

    def extract(self, source: SourceFile) -> ModelFragment:
        route = api_route(source.path)
        parsed = self._parsers.parse(source, EXTRACTOR)
        if not isinstance(parsed, Parsed):
            return ModelFragment(path=source.path, extractor=EXTRACTOR, notifications=(parsed,))
        code = Code(source.path, parsed.data)
        index = build_index(parsed.root)
        if route is None:
            rules, notes = middleware_rules(code, parsed.root, index, source.text)
            return ModelFragment(
                path=source.path,
                extractor=EXTRACTOR,
                access_rules=tuple(rules),
                notifications=(*parsed.notes, *notes),
            )
        if route.router is Router.PAGES:
            found = default_export(parsed.root, index)
            handlers = [found] if found is not None else []
        else:
            handlers = method_exports(parsed.root, index)
        endpoints = [ep for h in handlers for ep in _endpoints(code, index, route, h)]
        notes = list(parsed.notes)
        if not handlers:
            notes.append(_no_handler(source.path, route))
        return ModelFragment(
            path=source.path,
            extractor=EXTRACTOR,
            endpoints=tuple(RoutedEndpoint(endpoint=ep) for ep in endpoints),
            notifications=tuple(notes),
        )


def _endpoints(code: Code, index: ModuleIndex, route: ApiRoute, h: Exported) -> list[Endpoint]:
    fn = h.function
    location = code.location(fn if fn is not None else h.node)
    facts, methods, branches = _analyse(code, index, route, h)
    schemes = auth_schemes(fn, h.wrappers) if fn is not None else ()
    limited = fn is not None and rate_limited(fn, h.wrappers)
    fields = facts.fields if facts is not None else {}
    request_fields = fields.get(ParamLocation.BODY, ())
    params = _parameters(route.path, fields)
    handler_facts = facts.facts if facts is not None else ()
    return [
        Endpoint(
            method=method,
            path=route.path,
            service=route.project or "root",
            handler=location,
            handler_name=h.method or "default",
            sources=(EXTRACTOR,),
            evidence=(Evidence(location=location),),
            authentication=Tri.YES if schemes else Tri.UNKNOWN,
            auth_schemes=schemes,
            guards=h.wrappers,
            rate_limited=Tri.YES if limited else Tri.UNKNOWN,
            audit_logged=_audit(facts, method),
            parameters=params,
            request_fields=request_fields,
            response_fields=facts.response_fields if facts is not None else (),
            request_data=classify_all((*request_fields, *(p.name for p in params))),
            response_data=classify_all(facts.response_fields if facts is not None else ()),
            facts=own_facts(handler_facts, method, branches),
        )
        for method in methods or ("ANY",)
    ]


def _analyse(
    code: Code, index: ModuleIndex, route: ApiRoute, h: Exported
) -> tuple[HandlerFacts | None, tuple[str, ...], Ranges]:
    """The handler's facts, the methods it answers and the lines each method runs alone."""
    fn = h.function
    methods: tuple[str, ...] = (h.method,) if h.method else ()
    if fn is None:
        return None, methods, {}
    flow = AppRouterFlow(fn, index) if route.router is Router.APP else Flow(fn, index)
    facts = analyse_handler(fn, index, code, flow=flow)
    if methods:
        return facts, methods, {}
    return facts, methods_checked(fn, flow.req), method_branches(fn, flow.req)


def _parameters(path: str, fields: dict[ParamLocation, tuple[str, ...]]) -> tuple[Parameter, ...]:
    out = [
        Parameter(name=name, location=ParamLocation.PATH, required=True)
        for name in Endpoint(method="GET", path=path, service="").path_params
    ]
    seen = {p.name for p in out}
    for where in _NOT_BODY:
        for name in fields.get(where, ()):
            if name not in seen:  # `req.query.id` is the `[id]` segment in the Pages Router
                out.append(Parameter(name=name, location=where, data_classes=classify_all([name])))
    return tuple(out)


def _audit(facts: HandlerFacts | None, method: str) -> Tri:
    if facts is None:
        return Tri.UNKNOWN
    if any(f.kind is FactKind.AUDIT_LOG for f in facts.facts):
        return Tri.YES
    return Tri.NO if method in STATE_CHANGING_METHODS and not facts.delegates else Tri.UNKNOWN


def _no_handler(path: str, route: ApiRoute) -> Notification:
    wanted = "a default export" if route.router is Router.PAGES else "an exported GET/POST/..."
    return Notification(
        level=Level.NOTE,
        code="no-route-handler",
        path=path,
        message=f"{EXTRACTOR}: API route file without {wanted} handler; not modelled",
    )
