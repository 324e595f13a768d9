"""Where a Python module serves GraphQL and how: Graphene/Strawberry/Ariadne views and
apps, `strawberry.Schema(extensions=...)`, their introspection, depth and cost limits,
batching and in-browser IDE settings, the path they are mounted at and an authentication
wrapper around the view (`login_required(GraphQLView.as_view(...))`)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from threatdelta.extractors.web.python.guards import GuardKind, guard_by_name
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import (
    ModuleNodes,
    const_value,
    descendants,
    dotted,
    kwarg,
    last_name,
    span,
)
from threatdelta.model.facts import CodeFact, FactKind

_VIEWS = frozenset({"GraphQLView", "AsyncGraphQLView", "GraphQLRouter", "GraphQL", "GraphQLApp"})
_EXECUTE = frozenset({"graphql_sync", "graphql"})
_PACKAGES = ("graphene", "graphql_server", "flask_graphql", "strawberry", "ariadne", "starlette")
_DEPTH = ("depth",)
_COST = ("cost", "complexity", "maxtokens", "max_tokens", "tokens", "aliases", "querycost")
NO_INTROSPECTION = ("DisableIntrospection", "NoSchemaIntrospectionCustomRule")
# the IDE a server serves when nothing is said: Strawberry and Ariadne serve GraphiQL
_IDE_DEFAULT_ON = ("strawberry", "ariadne")
_MOUNTS = frozenset({"add_url_rule", "path", "re_path", "add_route", "mount", "include_router"})


@dataclass
class ServerSettings:
    facts: list[CodeFact] = field(default_factory=list)
    mount: str = ""
    auth_schemes: list[str] = field(default_factory=list)  # view wrapped by an auth guard
    framework: str = ""  # graphene | strawberry | ariadne, when the module serves GraphQL


def _package(qualified: str) -> str:
    top = qualified.split(".", maxsplit=1)[0]
    return "graphene" if top in ("graphql_server", "flask_graphql", "graphene_django") else top


def is_server_call(call: ast.Call, index: ModuleIndex) -> bool:
    func = _view_class(call)
    qualified = index.imports.qualify(func)
    if not qualified.startswith(_PACKAGES) and not qualified.startswith("graphene_django"):
        return False
    name = qualified.rsplit(".", 1)[-1]
    if name in _EXECUTE and qualified.startswith("ariadne"):
        return True  # `graphql_sync(schema, data, ...)` in a Flask / Django view
    return name in _VIEWS or (name == "Schema" and qualified.startswith("strawberry"))


def _view_class(call: ast.Call) -> ast.expr:
    """`GraphQLView` for `GraphQLView.as_view(...)`, the callee otherwise."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "as_view":
        return func.value
    return func


Add = Callable[[FactKind, str], None]


def server_settings(
    path: str, nodes: ModuleNodes, index: ModuleIndex, disables_introspection: bool
) -> ServerSettings:
    """`disables_introspection`: the module names a rule that turns introspection off."""
    settings = ServerSettings()
    servers = [c for c in nodes.calls if is_server_call(c, index)]
    names = {
        t.id
        for a in nodes.assigns
        if a.value is not None and _holds(a.value, servers, set())
        for t in (a.targets if isinstance(a, ast.Assign) else [a.target])
        if isinstance(t, ast.Name)
    }
    for call in servers:
        _settings_of(call, path, index, settings, disables_introspection)
    for call in nodes.calls if servers else ():
        _mount_or_wrapper(call, servers, names, settings)
    return settings


def _settings_of(
    call: ast.Call, path: str, index: ModuleIndex, out: ServerSettings, disabled: bool
) -> None:
    func = _view_class(call)
    qualified = index.imports.qualify(func)
    package = _package(qualified)
    short = qualified.rsplit(".", 1)[-1]
    name = f"{package}.{short}"
    out.framework = out.framework or package
    where = span(path, call)

    def add(kind: FactKind, detail: str) -> None:
        out.facts.append(CodeFact(kind=kind, location=where, name=name, detail=detail))

    # Strawberry keeps limits on the Schema and serves it with a view or router; Graphene
    # and Ariadne take both on the view / app
    if package != "strawberry" or short == "Schema":
        _limits(call, add, disabled, package)
    if short != "Schema" and short not in _EXECUTE:
        _ide(call, add, package)
    if const_value(kwarg(call, "batch")) is True:
        add(FactKind.GRAPHQL_BATCHING, "batch=True accepts any number of operations per request")
    own_path = const_value(kwarg(call, "path"))
    if isinstance(own_path, str) and own_path.strip("/") and not out.mount:
        out.mount = "/" + own_path.strip("/")


def _limits(call: ast.Call, add: Add, disabled: bool, package: str) -> None:
    add(FactKind.GRAPHQL_SERVER, f"{package} schema served here")
    rules = [
        last_name(n).lower()
        for key in ("validation_rules", "extensions", "middleware")
        for n in descendants(kwarg(call, key) or ast.Constant(None))
        if isinstance(n, ast.Name | ast.Attribute | ast.Call)
    ]
    if any(any(w in r for w in _DEPTH) for r in rules):
        add(FactKind.GRAPHQL_DEPTH_LIMIT, "query depth limited")
    if any(any(w in r for w in _COST) for r in rules):
        add(FactKind.GRAPHQL_COST_LIMIT, "query cost or size limited")
    introspection = kwarg(call, "introspection")
    gated = introspection is not None and const_value(introspection) is not True
    if not disabled and not gated:
        add(FactKind.GRAPHQL_INTROSPECTION, "introspection is on (the default)")


def _ide(call: ast.Call, add: Add, package: str) -> None:
    for key in ("graphiql", "graphql_ide", "explorer", "playground"):
        value = kwarg(call, key)
        if value is None:
            continue
        constant = const_value(value)
        if constant is True or isinstance(constant, str) or isinstance(value, ast.Call):
            add(FactKind.GRAPHQL_IDE, f"{key} serves an in-browser IDE")
        return  # set to something else: off or gated on the environment
    if package in _IDE_DEFAULT_ON:
        add(FactKind.GRAPHQL_IDE, "the in-browser IDE is served by default")


def _mount_or_wrapper(
    call: ast.Call, servers: list[ast.Call], names: set[str], out: ServerSettings
) -> None:
    args = (*call.args, *(k.value for k in call.keywords))
    inner = [a for a in args if _holds(a, servers, names)]
    if not inner or call in servers:
        return
    name = last_name(call.func)
    if name in _MOUNTS:
        first = call.args[0] if call.args else kwarg(call, "prefix")
        value = const_value(first) if first is not None else None
        prefix = const_value(kwarg(call, "prefix"))
        mount = prefix if isinstance(prefix, str) else value
        if isinstance(mount, str) and not out.mount:
            out.mount = "/" + mount.strip("/")
        return
    guard = guard_by_name(dotted(call.func) or name)
    if guard.kind in (GuardKind.AUTH, GuardKind.PERMISSION):
        out.auth_schemes.append(guard.scheme or name)


def _holds(node: ast.expr, servers: list[ast.Call], names: set[str]) -> bool:
    """The expression is (or wraps) a GraphQL server call or a name bound to one."""
    for n in descendants(node):
        if isinstance(n, ast.Name) and n.id in names:
            return True
        if any(n is s for s in servers):
            return True
    return False
