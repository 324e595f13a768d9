"""What a Java handler sends back or checks about the caller: exception text returned from a
`catch` block, and an object's owner compared with the principal."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.spring.syntax import (
    Code,
    annotations_of,
    arguments,
    call_name,
    receiver_name,
    text,
    walk,
)
from threatdelta.model.base import Tri
from threatdelta.model.facts import CodeFact, FactKind

_ERROR_TEXT = frozenset(
    {"getMessage", "getLocalizedMessage", "getStackTrace", "getRootCauseMessage"}
)
_CALLER = re.compile(r"principal|authentication|currentUser|getCurrentUser|SecurityContext")
_OWNER = re.compile(r"owner|userId|user|customer|username|getName", re.IGNORECASE)


def exception_handler_facts(code: Code, root: Node) -> list[CodeFact]:
    """`@ExceptionHandler` methods (of a `@ControllerAdvice` or a controller) returning the
    handled exception's text: service-wide, every handler's errors go through them."""
    facts: list[CodeFact] = []
    for method in walk(root):
        if method.type != "method_declaration" or not any(
            a.name == "ExceptionHandler" for a in annotations_of(method)
        ):
            continue
        params = method.child_by_field_name("parameters")
        handled = {
            text(p.child_by_field_name("name"))
            for p in (params.named_children if params is not None else [])
            if p.type == "formal_parameter"
        }
        for node in walk(method):
            if node.type == "return_statement":
                facts += error_text_facts(code, node, handled)
    return facts


def error_text_facts(code: Code, node: Node, handled: set[str] | None = None) -> list[CodeFact]:
    """The caught exception's `getMessage()` / `getLocalizedMessage()` / `getStackTrace()`
    (or `ExceptionUtils.getStackTrace(e)`) in a `return` inside its `catch` block, or of an
    exception handler's parameter (`handled`)."""
    caught = _caught_names(node) | (handled or set())
    if not caught:
        return []
    for sub in _walk_calls(node):
        name, owner = call_name(sub), receiver_name(sub)
        args = arguments(sub)
        passed = text(args[0]) if args else ""
        if name in _ERROR_TEXT and (owner in caught or passed in caught):
            return [
                CodeFact(
                    kind=FactKind.ERROR_TEXT_RETURNED,
                    location=code.location(sub),
                    name=f"{owner}.{name}",
                    detail="exception text returned to the client",
                )
            ]
    return []


def _caught_names(node: Node) -> set[str]:
    """Names of the exceptions caught by the `catch` clauses around `node`."""
    names: set[str] = set()
    current = node.parent
    while current is not None and current.type not in ("method_declaration", "class_body"):
        if current.type == "catch_clause":
            param = next(
                (c for c in current.named_children if c.type == "catch_formal_parameter"), None
            )
            if param is not None:
                names.add(text(param.child_by_field_name("name")))
        current = current.parent
    return names


def _walk_calls(node: Node) -> list[Node]:
    out: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "method_invocation":
            out.append(current)
        if current.type not in ("lambda_expression", "class_body"):
            stack.extend(reversed(current.named_children))
    return out


def ownership_check(code: Code, node: Node) -> CodeFact | None:
    """A comparison of an object's owner with the caller (`principal`, `authentication`)."""
    body = text(node)
    if not _CALLER.search(body) or not _OWNER.search(body):
        return None
    return CodeFact(
        kind=FactKind.OWNERSHIP_CHECK,
        location=code.location(node),
        name="principal",
        from_input=Tri.UNKNOWN,
        detail="owner compared with the caller",
    )
