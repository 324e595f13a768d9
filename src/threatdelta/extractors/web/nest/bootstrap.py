"""The NestJS bootstrap (`main.ts`): `NestFactory.create(AppModule)` is the application,
mounted with `app.setGlobalPrefix('api')`; `useGlobalGuards`, `useGlobalPipes`, helmet and
body-size settings become the application's controls and its service's facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.extractors.web.body_limits import describe, is_raised, limit_bytes
from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.middleware import (
    Guard,
    authentication_of,
    names_of,
    rate_limit_of,
    schemes_of,
)
from threatdelta.extractors.web.express.paths import to_template
from threatdelta.extractors.web.express.syntax import (
    Code,
    arguments,
    chain,
    identifier,
    object_pairs,
    string_value,
    strip,
    walk,
)
from threatdelta.extractors.web.nest.guards import classify
from threatdelta.extractors.web.nest.modules import class_ref
from threatdelta.extractors.web.nest.validation import pipes_facts
from threatdelta.model.base import Evidence, Tri
from threatdelta.model.elements import Service, service_name_for
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.fragment import Mount, RouterDecl, RouterRef
from threatdelta.model.link import module_of

_BODY_PARSERS = frozenset({"json", "urlencoded", "raw", "text"})


@dataclass(slots=True)
class _App:
    create: Node
    name: str
    prefix: str = ""
    guards: list[Guard] = field(default_factory=list)
    facts: list[CodeFact] = field(default_factory=list)
    helmet: bool = False


@dataclass(frozen=True, slots=True)
class Bootstrap:
    router: RouterDecl
    mount: Mount | None
    service: Service


def read_bootstrap(code: Code, index: ModuleIndex, framework: str) -> Bootstrap | None:
    app = _find_app(index)
    if app is None:
        return None
    for call in index.calls:
        _app_call(call, app, code)
    for node in walk(app.create):
        if node.type == "pair":
            _limit_pair(node, app, code)
    ref = RouterRef(module=module_of(code.path), name=app.name)
    service = service_name_for(code.path)
    router = RouterDecl(
        ref=ref,
        is_app=True,
        service=service,
        location=code.location(app.create),
        authentication=authentication_of(app.guards),
        auth_schemes=schemes_of(app.guards),
        rate_limited=rate_limit_of(app.guards),
        guards=names_of(app.guards),
    )
    mount = _root_mount(app, ref, code, index)
    svc = Service(
        name=service,
        framework=framework,
        evidence=(Evidence(location=code.location(app.create)),),
        facts=tuple(dict.fromkeys(app.facts)),
        security_headers=Tri.YES if app.helmet else Tri.NO,
    )
    return Bootstrap(router, mount, svc)


def _root_mount(app: _App, ref: RouterRef, code: Code, index: ModuleIndex) -> Mount | None:
    """The root module `NestFactory.create(AppModule)` mounted under the global prefix."""
    args = arguments(app.create)
    root_name = identifier(args[0]) if args else None
    child = class_ref(root_name, code, index) if root_name is not None else None
    if child is None:
        return None
    return Mount(
        parent=ref,
        child=child,
        prefix=to_template(app.prefix),
        location=code.location(app.create),
        authentication=Tri.NO,
        rate_limited=Tri.NO,
    )


def _find_app(index: ModuleIndex) -> _App | None:
    for call in index.calls:
        if chain(call.child_by_field_name("function"))[-2:] != ("NestFactory", "create"):
            continue
        parent = call.parent
        while parent is not None and parent.type in ("await_expression", "as_expression"):
            parent = parent.parent
        name = "app"
        if parent is not None and parent.type == "variable_declarator":
            name = identifier(parent.child_by_field_name("name")) or name
        return _App(call, name)
    return None


def _app_call(call: Node, app: _App, code: Code) -> None:
    names = chain(call.child_by_field_name("function"))
    if len(names) != 2 or names[0] != app.name:
        return
    args = arguments(call)
    if names[1] == "setGlobalPrefix" and args:
        app.prefix = string_value(args[0]) or app.prefix
    elif names[1] == "useGlobalGuards":
        app.guards.extend(classify(a) for a in args)
    elif names[1] == "useGlobalPipes":
        app.facts.extend(pipes_facts(args, code))
    elif names[1] == "use":
        for arg in args:
            _middleware(arg, app, code)
    elif names[1] == "useBodyParser" and len(args) > 1:
        _limit_of(object_pairs(args[1]).get("limit"), f"{string_value(args[0])}.limit", app, code)


def _middleware(arg: Node, app: _App, code: Code) -> None:
    node = strip(arg)
    if node is None or node.type != "call_expression":
        return
    names = chain(node.child_by_field_name("function"))
    if names[-1:] == ("helmet",):
        app.helmet = True
    elif names and names[-1] in _BODY_PARSERS:
        args = arguments(node)
        limit = object_pairs(args[0]).get("limit") if args else None
        _limit_of(limit, f"{names[-1]}.limit", app, code)


def _limit_pair(pair: Node, app: _App, code: Code) -> None:
    """`bodyLimit: 1e9` in `new FastifyAdapter({...})` or the create options."""
    key = pair.child_by_field_name("key")
    if key is not None and key.text == b"bodyLimit":
        _limit_of(pair.child_by_field_name("value"), "bodyLimit", app, code)


def _limit_of(node: Node | None, name: str, app: _App, code: Code) -> None:
    size = limit_bytes(node)
    if node is None or size is None or not is_raised(size):
        return
    app.facts.append(
        CodeFact(
            kind=FactKind.BODY_LIMIT_RAISED,
            location=code.location(node),
            name=name,
            from_input=Tri.NO,
            detail=f"request body limit {name} set to {describe(size)}",
        )
    )
