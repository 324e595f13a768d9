"""One parsed module to one model fragment: services, routers, mounts, endpoints and
connexion-style operation bindings."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.app_controls import RouterControls, dependency_guards
from threatdelta.extractors.web.python.connexion import handler_functions, operation_prefix
from threatdelta.extractors.web.python.endpoints import HandlerScan, build_endpoints, scan_handler
from threatdelta.extractors.web.python.guard_names import list_dependency_names, uniq
from threatdelta.extractors.web.python.guards import summarize
from threatdelta.extractors.web.python.imports import ImportTable
from threatdelta.extractors.web.python.module_facts import module_facts
from threatdelta.extractors.web.python.module_index import Binding, ModuleIndex, VarKind
from threatdelta.extractors.web.python.routes import (
    RouteSpec,
    decorated_routes,
    registered_routes,
)
from threatdelta.extractors.web.python.syntax import FunctionNode, ModuleNodes, kwarg, span
from threatdelta.model.base import Evidence, Tri
from threatdelta.model.elements import Service, service_name_for
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import (
    Mount,
    OperationBinding,
    RoutedEndpoint,
    RouterDecl,
    RouterRef,
)

EXTRACTOR_NAME = "python-web"
_APPS = {VarKind.FLASK_APP: "flask", VarKind.FASTAPI_APP: "fastapi"}
_ROUTERS = (VarKind.FLASK_APP, VarKind.FASTAPI_APP, VarKind.BLUEPRINT, VarKind.API_ROUTER)


class ModuleAnalysis:
    def __init__(self, path: str, tree: ast.Module) -> None:
        self.path = path
        self.tree = tree
        self.nodes = ModuleNodes.of(tree)
        self.index = ModuleIndex.of(tree, ImportTable.of(path, self.nodes.imports), self.nodes)
        self.routes: list[RouteSpec] = []
        self.mount_calls: list[ast.Call] = []
        self.handler_nodes: list[FunctionNode] = []  # scanned handlers, routed or bound
        for fn in self.nodes.functions:
            if fn.decorator_list:
                self.routes += decorated_routes(fn, self.index)
        for call in self.nodes.calls:
            if not isinstance(call.func, ast.Attribute):
                continue
            if call.func.attr in ("register_blueprint", "include_router") and call.args:
                self.mount_calls.append(call)
            elif call.func.attr in ("add_url_rule", "add_api_route"):
                self.routes += registered_routes(call, self.index)

    def endpoints(self) -> tuple[list[RoutedEndpoint], set[int]]:
        scans: dict[int, HandlerScan] = {}
        routed: list[RoutedEndpoint] = []
        for route in self.routes:
            scan = None
            if route.handler is not None:
                key = id(route.handler)
                if key not in scans:
                    scans[key] = scan_handler(
                        route.handler, route.path, route.framework, self.path, self.index
                    )
                    self.handler_nodes.append(route.handler)
                scan = scans[key]
            for ep in build_endpoints(route, scan, self.path, self.index):
                routed.append(RoutedEndpoint(router=route.router, endpoint=ep))
        return routed, set(scans)

    def routers(self, service: str) -> list[RouterDecl]:
        controls = RouterControls(self.nodes, self.index)
        decls: list[RouterDecl] = []
        for binding in self.index.bindings.values():
            if binding.kind not in _ROUTERS:
                continue
            summary = summarize(controls.guards.get(binding.name, ()))
            decls.append(
                RouterDecl(
                    ref=RouterRef(module=self.index.imports.module, name=binding.name),
                    prefix=_prefix(binding, self.index),
                    is_app=binding.kind in _APPS,
                    service=service if binding.kind in _APPS else "",
                    location=span(self.path, binding.call),
                    authentication=summary.authentication,
                    auth_schemes=summary.auth_schemes,
                    rate_limited=summary.rate_limited,
                    guards=uniq(controls.names.get(binding.name, ())),
                )
            )
        return decls

    def mounts(self) -> list[Mount]:
        local = self.index.local_names()
        mounts: list[Mount] = []
        for call in self.mount_calls:
            assert isinstance(call.func, ast.Attribute)
            parent = self.index.imports.ref(call.func.value, local)
            child = self.index.imports.ref(call.args[0], local)
            if parent is None or child is None:
                continue
            flask = call.func.attr == "register_blueprint"
            prefix = kwarg(call, "url_prefix" if flask else "prefix")
            guards = summarize(dependency_guards(call, self.index))
            mounts.append(
                Mount(
                    parent=parent,
                    child=child,
                    prefix=self.index.literal_str(prefix) or "",
                    replaces_prefix=flask and prefix is not None,
                    location=span(self.path, call),
                    authentication=guards.authentication,
                    auth_schemes=guards.auth_schemes,
                    rate_limited=Tri.NO,
                    guards=list_dependency_names(call, self.index),
                )
            )
        return mounts

    def bindings(self, handlers: set[int]) -> list[OperationBinding]:
        if self.routes or any(b.kind in _ROUTERS for b in self.index.bindings.values()):
            return []
        prefix = operation_prefix(self.path)
        out: list[OperationBinding] = []
        for fn in handler_functions(self.tree, self.index):
            route = RouteSpec(
                methods=("GET",),
                path="/",
                router=None,
                framework="connexion",
                handler=fn,
                handler_name=fn.name,
                anchor=fn,
                guards=tuple(fn.decorator_list),
            )
            scan = scan_handler(fn, "/", "connexion", self.path, self.index)
            handlers.add(id(fn))
            self.handler_nodes.append(fn)
            endpoint = build_endpoints(route, scan, self.path, self.index)[0]
            endpoint = endpoint.model_copy(
                update={
                    "operation_id": f"{prefix}.{fn.name}",
                    "authentication": Tri.UNKNOWN,
                    "rate_limited": Tri.UNKNOWN,
                    "audit_logged": Tri.YES if endpoint.audit_logged is Tri.YES else Tri.NO,
                }
            )
            out.append(OperationBinding(operation_id=f"{prefix}.{fn.name}", endpoint=endpoint))
        return out

    def services(self, facts: list[CodeFact]) -> list[Service]:
        name = service_name_for(self.path)
        apps = [b for b in self.index.bindings.values() if b.kind in _APPS]
        headers = any(f.kind is FactKind.SECURITY_HEADERS for f in facts)
        if apps:
            return [
                Service(
                    name=name,
                    framework=_APPS[apps[0].kind],
                    evidence=tuple(Evidence(location=span(self.path, a.call)) for a in apps),
                    facts=tuple(facts),
                    security_headers=Tri.YES if headers else Tri.UNKNOWN,
                )
            ]
        if facts:
            return [
                Service(
                    name=name,
                    facts=tuple(facts),
                    security_headers=Tri.YES if headers else Tri.UNKNOWN,
                )
            ]
        return []

    def module_facts(self, handlers: set[int]) -> list[CodeFact]:
        return module_facts(self.tree, self.nodes, self.index, self.path, handlers)


def _prefix(binding: Binding, index: ModuleIndex) -> str:
    key = "url_prefix" if binding.kind is VarKind.BLUEPRINT else "prefix"
    return index.literal_str(kwarg(binding.call, key)) or ""
