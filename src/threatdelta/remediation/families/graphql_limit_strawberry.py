"""Rate limiting for a Strawberry resolver: a permission class that counts the calls of each
client address in a moving window with the `limits` library (the one under Flask-Limiter and
slowapi) and refuses the field once the client is over the limit, named in the field's
`permission_classes`.

The class (`WriteRateLimit`, `AttemptRateLimit`, `ListRateLimit`: one per kind of limit,
counting each field apart) is declared before the module's first class or function, or
reused when an earlier patch of the module declared it; `limits` is a new dependency unless
a module of the repository imports it already. The client
address is read the way the server integration the repository uses exposes the request
(`strawberry.asgi` / `strawberry.fastapi`: `request.client.host`, `strawberry.flask`:
`request.remote_addr`, `strawberry.django`: `request.META["REMOTE_ADDR"]`,
`strawberry.aiohttp`: `request.remote`); none or several: no patch. Only one-line field
decorators (`@strawberry.mutation`, `@strawberry.field(description=...)`) are edited."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.graphql_limit_setup import (
    LIMITS_IMPORTS,
    Insertion,
    definition_place,
    from_imports,
    uses_limits,
)
from threatdelta.remediation.families.handler_source import HandlerSource
from threatdelta.remediation.families.python_source import handler_function, insertions, parse

_INTEGRATION = re.compile(r"^\s*(?:from|import)\s+strawberry\.(?P<kind>\w+)", re.M)
_CLIENTS = {
    "asgi": ('client = info.context["request"].client', 'address = client.host if client else ""'),
    "fastapi": (
        'client = info.context["request"].client',
        'address = client.host if client else ""',
    ),
    "flask": ('address = info.context["request"].remote_addr or ""',),
    "django": ('address = info.context["request"].META.get("REMOTE_ADDR", "")',),
    "aiohttp": ('address = info.context["request"].remote or ""',),
}
_FIELD_CALLS = frozenset({"field", "mutation", "subscription"})
_PERMISSION_IMPORT = ("strawberry.permission", "BasePermission")


@dataclass(frozen=True)
class PermissionLimit:
    """The permission class to add: its name and `limits` rate (`10/minute`)."""

    name: str
    rate: str

    @property
    def decorator(self) -> str:
        """The name as a function: `WriteRateLimit` -> `write_rate_limit`."""
        return re.sub(r"(?<!^)([A-Z])", r"_\1", self.name).lower()


@dataclass(frozen=True)
class StrawberryLimit:
    edits: tuple[TextEdit, ...]
    new_dependency: bool
    permission: str


def strawberry_limit(
    source: HandlerSource, wanted: PermissionLimit, others: Mapping[str, str]
) -> StrawberryLimit | None:
    tree = parse(source.text)
    function = handler_function(tree, source) if tree is not None else None
    if tree is None or function is None:
        return None
    decorator = _field_decorator(source, function)
    if decorator is None:
        return None
    existing = _own_permission(tree, wanted.name)
    wanted_lines: list[Insertion] = []
    if not existing:
        setup = _permission_setup(source, tree, wanted, others)
        if setup is None:
            return None
        wanted_lines = setup
    patched = _with_permission(source, decorator, wanted.name)
    if patched is None:
        return None
    edits = (
        *insertions(source.path, wanted_lines),
        TextEdit(path=source.path, start=decorator.lineno, end=decorator.lineno, lines=(patched,)),
    )
    ordered = tuple(sorted(edits, key=lambda e: (e.start, e.end)))
    new = not uses_limits((source.text, *others.values()))
    return StrawberryLimit(ordered, new, wanted.name)


def _field_decorator(source: HandlerSource, function: ast.AST) -> ast.expr | None:
    """The function's own one-line `@strawberry.field` / `.mutation` decorator."""
    for decorator in getattr(function, "decorator_list", []):
        func = decorator.func if isinstance(decorator, ast.Call) else decorator
        called = ast.unparse(func)
        if called.rsplit(".", 1)[-1] not in _FIELD_CALLS or "strawberry" not in called:
            continue
        single = decorator.lineno == decorator.end_lineno
        return (
            decorator
            if single and source.line(decorator.lineno).rstrip().endswith((")", called))
            else None
        )
    return None


def _own_permission(tree: ast.Module, name: str) -> bool:
    """The module already declares the permission class (for another field: it counts
    each field apart, by `info.field_name`)."""
    return any(
        isinstance(node, ast.ClassDef)
        and node.name == name
        and any(ast.unparse(b).endswith("BasePermission") for b in node.bases)
        for node in tree.body
    )


def _with_permission(source: HandlerSource, decorator: ast.expr, name: str) -> str | None:
    """The decorator line with `name` in its permission classes."""
    line = source.line(decorator.lineno)
    if not isinstance(decorator, ast.Call):
        return f"{line.rstrip()}(permission_classes=[{name}])"
    keywords = {k.arg: k.value for k in decorator.keywords}
    if "extensions" in keywords or None in keywords:
        return None  # PermissionExtension or **kwargs: not edited line by line
    current = keywords.get("permission_classes")
    if current is None:
        stripped = line.rstrip()
        separator = ", " if decorator.args or decorator.keywords else ""
        return f"{stripped[:-1]}{separator}permission_classes=[{name}])"
    if not isinstance(current, ast.List) or current.end_col_offset is None or not line.isascii():
        return None
    if any(ast.unparse(e) == name for e in current.elts):
        return None
    items = [ast.unparse(e) for e in current.elts]
    start, end = current.col_offset, current.end_col_offset
    return f"{line[:start]}[{', '.join([*items, name])}]{line[end:]}"


def _permission_setup(
    source: HandlerSource, tree: ast.Module, wanted: PermissionLimit, others: Mapping[str, str]
) -> list[Insertion] | None:
    client = _client(source, others)
    place = definition_place(tree, wanted.name)
    imports = from_imports(tree, (*LIMITS_IMPORTS, _PERMISSION_IMPORT))
    if client is None or place is None or imports is None:
        return None
    unit = source.style.indent_unit
    count, period = wanted.rate.split("/")
    body = [
        f"class {wanted.name}(BasePermission):",
        f'{unit}"""At most {count} calls a {period} from one client address."""',
        "",
        f'{unit}message = "Too many requests, try again later"',
        f"{unit}limiter = MovingWindowRateLimiter(MemoryStorage())",
        f'{unit}rate = parse("{wanted.rate}")',
        "",
        f"{unit}def has_permission(self, source, info, **kwargs) -> bool:",
        *(f"{unit * 2}{line}" for line in client),
        f"{unit * 2}return self.limiter.hit(self.rate, info.field_name, address)",
        "",
        "",
    ]
    return [*imports, (place, tuple(body))]


def _client(source: HandlerSource, others: Mapping[str, str]) -> tuple[str, ...] | None:
    kinds = {
        m.group("kind")
        for text in (source.text, *others.values())
        for m in _INTEGRATION.finditer(text)
        if m.group("kind") in _CLIENTS
    }
    return _CLIENTS[kinds.pop()] if len(kinds) == 1 else None
