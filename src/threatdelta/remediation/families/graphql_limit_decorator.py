"""Rate limiting for a Graphene or Ariadne resolver: a decorator, declared in the module,
that counts the calls of each client address in a moving window with the `limits` library
and raises a `GraphQLError` once the client is over the limit; it goes right above the
resolver's `def` (under Ariadne's `@mutation.field(...)`, which then binds the limited
function). Each decorated resolver gets its own window.

The decorator (`write_rate_limit`, `attempt_rate_limit`, `list_rate_limit`) is reused when
an earlier patch of the module declared it. The client address is read the way the server
integration the repository uses exposes the request: graphene-django (`info.context` is
Django's request: `META["REMOTE_ADDR"]`) and Ariadne's ASGI app (`info.context["request"]`
is Starlette's: `client.host`); any other server, or several: no patch. A resolver that is
a `classmethod` (its first parameter is the class) gets none either. An `async` resolver
keeps working: the wrapper returns its coroutine, which GraphQL awaits."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.graphql_limit_setup import (
    LIMITS_IMPORTS,
    Insertion,
    definition_place,
    from_imports,
    stdlib_import,
    uses_limits,
)
from threatdelta.remediation.families.handler_source import HandlerSource
from threatdelta.remediation.families.python_source import (
    handler_function,
    imported_modules,
    insertions,
    module_names,
    parse,
)

_INTEGRATIONS = (
    (re.compile(r"^\s*(?:from|import)\s+graphene_django\b", re.M), "graphene", "django"),
    (re.compile(r"^\s*(?:from|import)\s+ariadne\.asgi\b", re.M), "ariadne", "asgi"),
)
_CLIENTS = {
    "django": ('address = info.context.META.get("REMOTE_ADDR", "")',),
    "asgi": ('client = info.context["request"].client', 'address = client.host if client else ""'),
}


@dataclass(frozen=True)
class DecoratorLimit:
    edits: tuple[TextEdit, ...]
    new_dependency: bool
    decorator: str


def decorator_limit(
    source: HandlerSource, name: str, rate: str, others: Mapping[str, str]
) -> DecoratorLimit | None:
    """`@name` on the resolver, and the decorator's definition when the module lacks it."""
    tree = parse(source.text)
    function = handler_function(tree, source) if tree is not None else None
    if tree is None or function is None or _unsuitable(function, name):
        return None
    wanted: list[Insertion] = []
    if not _declares(tree, name):
        setup = _setup(source, tree, name, rate, others)
        if setup is None:
            return None
        wanted = setup
    indent = indentation(source.line(function.lineno))
    wanted.append((function.lineno, (f"{indent}@{name}",)))
    new = not uses_limits((source.text, *others.values()))
    return DecoratorLimit(insertions(source.path, wanted), new, name)


def _unsuitable(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    names = {ast.unparse(d.func if isinstance(d, ast.Call) else d) for d in function.decorator_list}
    return bool(names & {"classmethod", name})


def _declares(tree: ast.Module, name: str) -> bool:
    return any(isinstance(n, ast.FunctionDef) and n.name == name for n in tree.body)


def _setup(
    source: HandlerSource, tree: ast.Module, name: str, rate: str, others: Mapping[str, str]
) -> list[Insertion] | None:
    client = _client(source, tree, others)
    place = definition_place(tree, name)
    imports = from_imports(tree, (*LIMITS_IMPORTS, ("graphql", "GraphQLError")))
    functools = module_names(tree).get("functools")
    if client is None or place is None or imports is None:
        return None
    if functools is None:
        imports.insert(0, stdlib_import(tree, "import functools"))
    elif not isinstance(functools, ast.Import):
        return None
    unit = source.style.indent_unit
    count, period = rate.split("/")
    body = (
        f"def {name}(resolve):",
        f'{unit}"""At most {count} calls a {period} to the resolver from one client address."""',
        f"{unit}limiter = MovingWindowRateLimiter(MemoryStorage())",
        f'{unit}rate = parse("{rate}")',
        "",
        f"{unit}@functools.wraps(resolve)",
        f"{unit}def limited(root, info, **kwargs):",
        *(f"{unit * 2}{line}" for line in client),
        f"{unit * 2}if not limiter.hit(rate, info.field_name, address):",
        f'{unit * 3}raise GraphQLError("Too many requests, try again later")',
        f"{unit * 2}return resolve(root, info, **kwargs)",
        "",
        f"{unit}return limited",
        "",
        "",
    )
    return [*imports, (place, body)]


def _client(
    source: HandlerSource, tree: ast.Module, others: Mapping[str, str]
) -> tuple[str, ...] | None:
    """How the resolver reads the client address, from the one server integration the
    repository uses for this module's library."""
    modules = {m.split(".")[0] for m in imported_modules(tree)}
    library = "graphene" if modules & {"graphene", "graphene_django"} else "ariadne"
    kinds = {
        kind
        for pattern, owner, kind in _INTEGRATIONS
        for text in (source.text, *others.values())
        if owner == library and pattern.search(text)
    }
    return _CLIENTS[kinds.pop()] if len(kinds) == 1 else None
