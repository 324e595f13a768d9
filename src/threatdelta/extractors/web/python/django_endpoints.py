"""One `Endpoint` per route of a Django or DRF view, relative to the view's own router
(`RouterRef(<module>, <view name>)`, a ViewSet action's `<view>.<action>`), which a
URLconf or DRF router mounts.

Handler facts come from the same scan as Flask's: the `request` parameter (and
`self.request`) is the request (`request.GET`/`POST`/`data`/`query_params`/... are input,
`request.user` the principal), other parameters are path values. The class's
`get_queryset`, `get_object` and `perform_*` are scanned for each of its routes; a route a
generic base generates has no function of its own, and a generated detail route
(retrieve, update, destroy) loads the object by the client's id.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.django_routes import ViewRoute
from threatdelta.extractors.web.python.django_views import View
from threatdelta.extractors.web.python.drf_permissions import Policy, ViewSource, policy
from threatdelta.extractors.web.python.drf_serializer_fields import (
    SerializerFields,
    serializer_fields,
)
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.scan import scan_function
from threatdelta.extractors.web.python.syntax import (
    FunctionNode,
    descendants,
    handler_span,
    last_name,
    span,
)
from threatdelta.extractors.web.python.taint import TaintEnv
from threatdelta.model.base import Evidence, Tri
from threatdelta.model.data_classes import classify, classify_all
from threatdelta.model.elements import STATE_CHANGING_METHODS, Endpoint, Parameter, ParamLocation
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import (
    Mount,
    RoutedEndpoint,
    RouterDecl,
    RouterRef,
    StoreAccess,
    SymbolRef,
)

_WRITES = frozenset({"POST", "PUT", "PATCH"})
_CLASS_HOOKS = ("get_queryset", "get_object", "perform_create", "perform_update", "perform_destroy")


@dataclass
class ViewRouting:
    """What one view contributes: its router(s), their mounts and its endpoints."""

    decls: list[RouterDecl] = field(default_factory=list)
    mounts: list[Mount] = field(default_factory=list)
    endpoints: list[RoutedEndpoint] = field(default_factory=list)


@dataclass
class DjangoEndpoints:
    path: str
    index: ModuleIndex
    exempt: frozenset[str] = frozenset()  # session authenticators skipping the CSRF check
    handlers: list[FunctionNode] = field(default_factory=list)  # scanned, for stores
    _scans: dict[int, ScanContext] = field(default_factory=dict)

    def scan(self, fn: FunctionNode) -> ScanContext:
        found = self._scans.get(id(fn))
        if found is not None:
            return found
        env = TaintEnv(index=self.index)
        params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)]
        params = [p for p in params if p not in ("self", "cls")]
        env.request_names.add("self.request")
        if params:
            env.request_names.add(params[0])
        for name in params[1:] + [a.arg for a in (fn.args.vararg, fn.args.kwarg) if a]:
            env.values[name] = Tri.YES
        ctx = ScanContext(path=self.path, index=self.index, env=env, in_handler=True)
        scan_function(fn, ctx)
        self._scans[id(fn)] = ctx
        self.handlers.append(fn)
        return ctx

    def of(self, view: View) -> ViewRouting:
        """The view as a router with its endpoints. A ViewSet's action is a router of its
        own, mounted on the ViewSet at the action's path (`{pk}`, `{pk}/discharge`), so a
        URLconf can also route one action (`as_view({"get": "retrieve"})`)."""
        router = RouterRef(module=self.index.imports.module, name=view.name)
        found = ViewRouting(decls=[self._decl(router, view.node)])
        hooks = self._class_hooks(view)
        mounted: set[str] = set()
        for route in view.routes:
            endpoint = self._endpoint(view, route, hooks)
            if not route.action:
                found.endpoints.append(RoutedEndpoint(router=router, endpoint=endpoint))
                continue
            action = RouterRef(module=router.module, name=f"{view.name}.{route.action}")
            if route.action not in mounted:
                mounted.add(route.action)
                anchor = route.handler or view.node
                found.decls.append(self._decl(action, anchor))
                found.mounts.append(
                    Mount(
                        parent=router,
                        child=action,
                        prefix=route.path,
                        location=span(self.path, anchor),
                        authentication=Tri.NO,
                        rate_limited=Tri.NO,
                    )
                )
            endpoint = endpoint.model_copy(update={"path": ""})
            found.endpoints.append(RoutedEndpoint(router=action, endpoint=endpoint))
        return found

    def _decl(self, ref: RouterRef, node: ast.AST) -> RouterDecl:
        where = span(self.path, node)
        return RouterDecl(ref=ref, location=where, authentication=Tri.NO, rate_limited=Tri.NO)

    def store_access(self, view: View) -> StoreAccess | None:
        """The model of `queryset = Patient.objects...` (or of `Patient.objects` in
        `get_queryset`): the store the class's generated routes use."""
        for node in _queryset_nodes(view):
            for model in descendants(node):
                if not (isinstance(model, ast.Attribute) and model.attr == "objects"):
                    continue
                root = model.value
                if not isinstance(root, ast.Name) or not root.id[:1].isupper():
                    continue
                if self.index.imports.qualify(root).startswith(("django.", "rest_framework.")):
                    continue
                ref = self.index.imports.ref(root, frozenset(self.index.classes))
                if ref is not None:
                    return StoreAccess(
                        handler=span(self.path, view.node),
                        symbol=SymbolRef(module=ref.module, name=ref.name),
                        evidence=(Evidence(location=span(self.path, model)),),
                    )
        return None

    def _class_hooks(self, view: View) -> list[ScanContext]:
        if not isinstance(view.node, ast.ClassDef):
            return []
        return [
            self.scan(n)
            for n in view.node.body
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name in _CLASS_HOOKS
        ]

    def _endpoint(self, view: View, route: ViewRoute, hooks: list[ScanContext]) -> Endpoint:
        fn = route.handler
        hooks = [] if route.library else hooks  # the library's `post` calls none of them
        scans = [self.scan(fn), *hooks] if fn is not None else hooks
        source = view.method_sources.get(fn.name, view.source) if fn is not None else view.source
        rules = policy(source, route.method, self.index)
        handler = handler_span(self.path, fn) if fn is not None else span(self.path, view.node)
        facts = [f for ctx in scans for f in ctx.facts]
        facts += self._own_facts(view, route, source, rules)
        node = source.attrs.get("serializer_class")
        fields = serializer_fields(node, self.index) or SerializerFields((), ())
        return Endpoint(
            method=route.method,
            path=route.path,
            service="",
            handler=handler,
            handler_name=route.name,
            sources=("drf" if source.drf else "django",),
            evidence=(Evidence(location=handler),),
            authentication=rules.authentication,
            auth_schemes=rules.auth_schemes,
            guards=(*_guard_names(source), *rules.defaults),
            rate_limited=rules.rate_limited,
            object_authorization=_object_authorization(rules, facts, scans),
            audit_logged=_audit(route, facts),
            parameters=_parameters(route, scans),
            request_fields=fields.request if route.method in _WRITES else (),
            response_fields=fields.response if route.method != "DELETE" else (),
            request_data=classify_all(fields.request) if route.method in _WRITES else (),
            response_data=classify_all(fields.response) if route.method != "DELETE" else (),
            returns_collection=Tri.YES if route.collection else Tri.UNKNOWN,
            paginated=_paginated(view, route),
            facts=tuple(dict.fromkeys(facts)),
        )

    def _own_facts(
        self, view: View, route: ViewRoute, source: ViewSource, rules: Policy
    ) -> list[CodeFact]:
        env = TaintEnv(index=self.index)
        ctx = ScanContext(path=self.path, index=self.index, env=env, in_handler=True)
        for dec in source.decorators:
            if last_name(dec) == "csrf_exempt" and not source.drf:  # DRF checks CSRF itself
                detail = "view exempted from CSRF checks"
                ctx.add(FactKind.CSRF_DISABLED, dec, "csrf_exempt", Tri.NO, detail)
        authenticators = source.attrs.get("authentication_classes")
        if isinstance(authenticators, ast.List | ast.Tuple) and self.exempt & {
            last_name(e) for e in authenticators.elts
        }:
            anchor = source.anchors["authentication_classes"]
            detail = "an authenticator that skips the CSRF check"
            ctx.add(FactKind.CSRF_DISABLED, anchor, "authentication_classes", Tri.NO, detail)
        _opt_outs(ctx, rules)
        if route.detail:
            anchor = source.anchors.get("queryset", view.node)
            detail = "object loaded by the URL's id"
            ctx.add(FactKind.OBJECT_LOOKUP_BY_ID, anchor, "get_object", Tri.YES, detail)
        return ctx.facts


def _queryset_nodes(view: View) -> list[ast.AST]:
    found: list[ast.AST] = []
    if "queryset" in view.source.anchors:
        found.append(view.source.anchors["queryset"])
    if isinstance(view.node, ast.ClassDef):
        found += [
            n
            for n in view.node.body
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == "get_queryset"
        ]
    return found


def _opt_outs(ctx: ScanContext, rules: Policy) -> None:
    """`@login_not_required`: the view opts out of the app's login middleware."""
    if rules.opened is not None:
        detail = "exempt from the login middleware"
        ctx.add(FactKind.AUTH_BYPASS, rules.opened, "login_not_required", Tri.NO, detail)


def _guard_names(source: ViewSource) -> tuple[str, ...]:
    names = [last_name(d) for d in source.decorators]
    names += [b.rsplit(".", 1)[-1] for b in source.bases if b.endswith("Mixin")]
    for attr in ("permission_classes", "throttle_classes", "authentication_classes"):
        node = source.attrs.get(attr)
        if isinstance(node, ast.List | ast.Tuple):
            names += [last_name(e) for e in node.elts]
    return tuple(dict.fromkeys(n for n in names if n))


def _object_authorization(rules: Policy, facts: list[CodeFact], scans: list[ScanContext]) -> Tri:
    if rules.permission or any(c.permission_guard for c in scans):
        return Tri.YES
    if any(f.kind is FactKind.OWNERSHIP_CHECK for f in facts):
        return Tri.YES
    lookup = any(f.kind is FactKind.OBJECT_LOOKUP_BY_ID and f.from_input is Tri.YES for f in facts)
    return Tri.NO if lookup else Tri.UNKNOWN


def _audit(route: ViewRoute, facts: list[CodeFact]) -> Tri:
    if any(f.kind is FactKind.AUDIT_LOG for f in facts):
        return Tri.YES
    return Tri.NO if route.method in STATE_CHANGING_METHODS else Tri.UNKNOWN


def _paginated(view: View, route: ViewRoute) -> Tri:
    if not route.collection:
        return Tri.UNKNOWN
    node = view.source.attrs.get("pagination_class") or view.source.attrs.get("paginate_by")
    if node is None:
        return Tri.UNKNOWN  # DRF's DEFAULT_PAGINATION_CLASS may apply
    return Tri.NO if isinstance(node, ast.Constant) and node.value is None else Tri.YES


def _parameters(route: ViewRoute, scans: list[ScanContext]) -> tuple[Parameter, ...]:
    found: dict[tuple[str, ParamLocation], Parameter] = {}
    names = [(p.split("}")[0], ParamLocation.PATH) for p in route.path.split("{")[1:]]
    names += [i for ctx in scans for i in ctx.inputs]
    for name, where in names:
        data = classify(name)
        found.setdefault(
            (name, where),
            Parameter(
                name=name,
                location=where,
                required=where is ParamLocation.PATH,
                data_classes=(data,) if data else (),
            ),
        )
    return tuple(found.values())
