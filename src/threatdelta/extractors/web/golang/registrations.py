"""One route registration call read per framework: which argument is the path, the handler
and the middleware, and which methods it answers; and the name a middleware goes by."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.golang.imports import Framework, Imports, split_pattern
from threatdelta.extractors.web.golang.routers import Guard, Router
from threatdelta.extractors.web.golang.syntax import (
    arguments,
    chain,
    string_value,
    strip,
    text_of,
)

_VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_CHI_VERBS = {verb.capitalize(): verb for verb in _VERBS}
# constructor-like names that say nothing: the package names the middleware instead
_GENERIC = frozenset(
    {"New", "Default", "Handler", "Middleware", "NewMiddleware", "WithConfig", "Config"}
)


@dataclass(frozen=True)
class Registration:
    methods: tuple[str, ...]  # empty: any method
    path: str | None  # None: not a literal
    handler: Node
    guards: tuple[Guard, ...]


def guard_of(node: Node, imports: Imports) -> Guard:
    """`authMiddleware()` -> authMiddleware, `middleware.Logger` -> Logger,
    `cors.New(...)` -> cors, an inline `func(c *gin.Context) {...}` -> ""."""
    return Guard(name=guard_name(node), pos=node.start_byte, node=node)


def guard_name(node: Node | None) -> str:
    node = strip(node)
    if node is not None and node.type == "call_expression":
        node = strip(node.child_by_field_name("function"))
    names = chain(node)
    if not names:
        return ""
    if names[-1] in _GENERIC and len(names) > 1:
        return names[-2]
    return names[-1]


def method_name(node: Node | None) -> str:
    """`"POST"` or `http.MethodPost` -> POST; anything else -> ""."""
    value = string_value(node)
    if value is not None:
        return value.upper() if value.upper() in _VERBS else ""
    names = chain(node)
    if len(names) == 2 and names[1].startswith("Method"):
        verb = names[1].removeprefix("Method").upper()
        return verb if verb in _VERBS else ""
    return ""


def registration(
    router: Router, method: str, call: Node, args: list[Node], imports: Imports
) -> Registration | None:
    framework = router.framework
    if framework in (Framework.GIN, Framework.ECHO):
        return _engine_route(framework, method, args, imports)
    if framework is Framework.CHI:
        return _chi_route(method, args)
    if method not in ("Handle", "HandleFunc") or len(args) < 2:
        return None
    if framework is Framework.GORILLA:
        return Registration(_gorilla_methods(call), string_value(args[0]), args[1], ())
    pattern = string_value(args[0])
    if pattern is None:
        return Registration((), None, args[1], ())
    verb, path = split_pattern(pattern)
    return Registration((verb,) if verb else (), path, args[1], ())


def _engine_route(
    framework: Framework, method: str, args: list[Node], imports: Imports
) -> Registration | None:
    if method in ("Handle", "Add") and len(args) >= 3:
        verb = method_name(args[0])
        return _engine_route(framework, verb, args[1:], imports) if verb else None
    if method not in _VERBS or len(args) < 2:
        return None
    if framework is Framework.GIN:
        handler, middleware = args[-1], args[1:-1]
    else:  # echo: e.GET(path, handler, middleware...)
        handler, middleware = args[1], args[2:]
    guards = tuple(guard_of(n, imports) for n in middleware)
    return Registration((method,), string_value(args[0]), handler, guards)


def _chi_route(method: str, args: list[Node]) -> Registration | None:
    if method in _CHI_VERBS and len(args) >= 2:
        return Registration((_CHI_VERBS[method],), string_value(args[0]), args[1], ())
    if method in ("Method", "MethodFunc") and len(args) >= 3:
        verb = method_name(args[0])
        return Registration((verb,), string_value(args[1]), args[2], ()) if verb else None
    if method in ("Handle", "HandleFunc") and len(args) >= 2:
        return Registration((), string_value(args[0]), args[1], ())
    return None


def _gorilla_methods(call: Node) -> tuple[str, ...]:
    """`r.HandleFunc(path, h).Methods("POST", http.MethodPut)` -> (POST, PUT)."""
    parent = call.parent
    if parent is None or parent.type != "selector_expression":
        return ()
    if text_of(parent.child_by_field_name("field")) != "Methods":
        return ()
    outer = parent.parent
    if outer is None or outer.type != "call_expression":
        return ()
    return tuple(v for v in (method_name(a) for a in arguments(outer)) if v)
