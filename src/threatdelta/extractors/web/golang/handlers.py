"""From the handler argument of a route to the function whose body runs: inline func
literals, functions and methods of the same file, handler factories returning a func
literal, and middleware wrapping the handler (`auth(http.HandlerFunc(h))`)."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.golang.imports import Imports, is_standard
from threatdelta.extractors.web.golang.middleware import is_auth, is_rate_limit, is_utility
from threatdelta.extractors.web.golang.registrations import guard_name, guard_of, method_name
from threatdelta.extractors.web.golang.routers import Guard
from threatdelta.extractors.web.golang.syntax import (
    arguments,
    callee,
    chain,
    function_name,
    strip,
    text_of,
    walk,
)

_CONVERSIONS = frozenset({"HandlerFunc", "WrapF", "WrapH", "StripPrefix", "WrapHandler"})


class Functions:
    """Top-level functions and methods of the file, by name (the first of each name)."""

    def __init__(self, root: Node) -> None:
        self.functions: dict[str, Node] = {}
        self.methods: dict[str, Node] = {}
        for node in root.named_children:
            if node.type == "function_declaration":
                self.functions.setdefault(function_name(node), node)
            elif node.type == "method_declaration":
                self.methods.setdefault(function_name(node), node)


@dataclass(frozen=True)
class Handler:
    function: Node | None  # the body that runs, when it is in this file
    name: str
    wrappers: tuple[Guard, ...]  # middleware wrapped around it, outermost first
    ref: Node | None = None  # the name of a handler declared elsewhere (`items.Create`)


def resolve_handler(node: Node, functions: Functions, imports: Imports) -> Handler:
    wrappers: list[Guard] = []
    current = strip(node)
    for _ in range(16):
        if current is None:
            break
        if current.type == "func_literal":
            return Handler(current, "", tuple(wrappers))
        if current.type == "identifier":
            name = text_of(current)
            return Handler(functions.functions.get(name), name, tuple(wrappers), current)
        if current.type == "selector_expression":
            names = chain(current)
            if len(names) == 2 and imports.is_package(names[0]):
                return Handler(None, names[-1], tuple(wrappers), current)
            name = text_of(current.child_by_field_name("field"))
            return Handler(functions.methods.get(name), name, tuple(wrappers), current)
        if current.type != "call_expression":
            break
        names, args = callee(current), arguments(current)
        if names[-1:] and names[-1] in _CONVERSIONS and args:
            current = strip(args[-1])
        elif (
            len(names) == 2
            and imports.is_package(names[0])
            and is_standard(imports.paths[names[0]])
        ):
            return Handler(None, names[-1], tuple(wrappers))  # http.FileServer(...)
        elif args and _wraps(current, strip(args[-1]), functions):
            wrappers.append(guard_of(current, imports))
            current = strip(args[-1])
        else:
            name = names[-1] if names else ""
            factory = functions.functions.get(name) or functions.methods.get(name)
            return Handler(_returned_literal(factory), name, tuple(wrappers))
    return Handler(None, "", tuple(wrappers))


def _wraps(call: Node, last: Node | None, functions: Functions) -> bool:
    """Whether `call` is middleware around its last argument rather than a factory given
    a dependency (`makeHandler(db)`)."""
    if last is None:
        return False
    name = guard_name(call)
    if is_auth(name) or is_rate_limit(name) or is_utility(name):
        return True
    if last.type in ("func_literal", "call_expression"):
        return True
    if last.type == "identifier":
        return text_of(last) in functions.functions
    if last.type == "selector_expression":
        return text_of(last.child_by_field_name("field")) in functions.methods
    return False


def _returned_literal(function: Node | None) -> Node | None:
    """The func literal a handler factory returns (`return func(w, r) {...}`)."""
    if function is None:
        return None
    for node in walk(function):
        if node.type == "return_statement":
            for value in walk(node):
                if value.type == "func_literal":
                    return value
    return None


def methods_checked(function: Node | None) -> tuple[str, ...]:
    """Methods a method-less route's handler accepts, from `r.Method != http.MethodPost`
    or `switch r.Method { case "POST": ... }`; empty when it does not look."""
    if function is None:
        return ()
    found: list[str] = []
    for node in walk(function):
        if node.type == "binary_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            for side, other in ((left, right), (right, left)):
                if chain(side)[-1:] == ("Method",):
                    found.append(method_name(other))
        elif node.type == "expression_switch_statement":
            if chain(node.child_by_field_name("value"))[-1:] != ("Method",):
                continue
            for case in (c for c in node.named_children if c.type == "expression_case"):
                values = case.child_by_field_name("value")
                found += [method_name(v) for v in (values.named_children if values else [])]
    return tuple(dict.fromkeys(m for m in found if m))
