"""WebFlux / WebMvc functional routes in Java: `route(GET("/x"), h::get)`, `.andRoute(...)`,
`RouterFunctions.route().GET("/x", h::get)`, with `nest(path("/p"), ...)` and
`.path("/p", b -> ...)` prefixes. A handler given as a method reference to a method of the
same file is analysed like an annotated handler."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.spring.handler import HandlerFacts, handler_facts
from threatdelta.extractors.web.spring.project import EXTRACTOR
from threatdelta.extractors.web.spring.syntax import (
    Code,
    arguments,
    call_name,
    string_value,
    text,
    walk,
)
from threatdelta.model.base import Evidence, Location, Tri
from threatdelta.model.elements import STATE_CHANGING_METHODS, Endpoint, normalize_path
from threatdelta.model.fragment import RoutedEndpoint

_VERBS = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH"})
_ROUTES = frozenset({"route", "andRoute"})


def functional_endpoints(code: Code, root: Node, service: str) -> list[RoutedEndpoint]:
    if b"RouterFunction" not in code.source:
        return []
    methods = _methods_by_name(root)
    out: list[RoutedEndpoint] = []
    for node in walk(root):
        if node.type != "method_invocation" or call_name(node) not in _VERBS:
            continue
        args = arguments(node)
        path = string_value(args[0]) if args else None
        if path is None:
            continue
        handler = args[1] if len(args) > 1 else _predicate_handler(node)
        out.append(_endpoint(code, node, service, (path, handler), methods))
    return out


def _endpoint(
    code: Code,
    verb: Node,
    service: str,
    route: tuple[str, Node | None],
    methods: dict[str, Node],
) -> RoutedEndpoint:
    path, handler = route
    method = call_name(verb)
    target = methods.get(_referenced(handler)) if handler is not None else None
    writes = method in STATE_CHANGING_METHODS
    found = (
        handler_facts(code, target, frozenset(), writes)
        if target is not None
        else HandlerFacts((), Tri.UNKNOWN, Tri.UNKNOWN)
    )
    registration = _registration(code, verb)
    where = code.location(target) if target is not None else registration
    evidence: tuple[Evidence, ...] = (Evidence(location=where),)
    if target is not None:
        evidence += (Evidence(location=registration),)
    return RoutedEndpoint(
        endpoint=Endpoint(
            method=method,
            path=normalize_path(_prefix(verb) + "/" + path),
            service=service,
            handler=where,
            handler_name=text(handler) if handler is not None else "",
            sources=(EXTRACTOR,),
            evidence=evidence,
            audit_logged=found.audit_logged,
            object_authorization=found.object_authorization,
            facts=found.facts,
        )
    )


def _registration(code: Code, verb: Node) -> Location:
    """From the verb's name (`.DELETE(`, not the start of the builder chain) to its end."""
    name = verb.child_by_field_name("name") or verb
    whole = code.location(verb)
    start = name.start_point.row + 1
    return Location(path=code.path, start_line=start, end_line=max(start, whole.end_line))


def _predicate_handler(verb: Node) -> Node | None:
    """`route(GET("/x").and(...), h::get)`: the argument after the predicate."""
    current = verb
    while current.parent is not None:
        parent = current.parent
        if parent.type == "argument_list" and parent.parent is not None:
            call = parent.parent
            if call.type == "method_invocation" and call_name(call) in _ROUTES:
                args = arguments(call)
                return args[1] if len(args) > 1 and args[0] == current else None
            return None
        current = parent
    return None


def _prefix(verb: Node) -> str:
    """Prefixes of the `nest(path("/p"), ...)` / `.path("/p", b -> ...)` around the route,
    outermost first."""
    prefixes: list[str] = []
    current = verb
    while current.parent is not None:
        parent = current.parent
        call = parent.parent if parent.type == "argument_list" else None
        if call is not None and call.type == "method_invocation":
            args = arguments(call)
            if args and args[0] != current:
                prefixes += _prefix_of(call, args[0])
        current = parent
    return "/".join(reversed(prefixes))


def _prefix_of(call: Node, first: Node) -> list[str]:
    name = call_name(call)
    if name == "path":
        value = string_value(first)
        return [value] if value is not None else []
    if name == "nest" and first.type == "method_invocation" and call_name(first) == "path":
        inner = arguments(first)
        value = string_value(inner[0]) if inner else None
        return [value] if value is not None else []
    return []


def _referenced(handler: Node) -> str:
    """`h::get` -> `get`; `this::get` -> `get`; a lambda gives none."""
    if handler.type != "method_reference" or not handler.named_children:
        return ""
    return text(handler.named_children[-1])


def _methods_by_name(root: Node) -> dict[str, Node]:
    """Methods of the file's classes taking a `ServerRequest`, by name (first wins)."""
    found: dict[str, Node] = {}
    for node in walk(root):
        if node.type == "method_declaration" and b"ServerRequest" in (
            (node.child_by_field_name("parameters") or node).text or b""
        ):
            found.setdefault(text(node.child_by_field_name("name")), node)
    return found
