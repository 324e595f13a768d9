"""The handler functions a Next.js route file exports: the default export of a
`pages/api` file, the `GET`/`POST`/... exports of an App Router `route.ts`, each seen
through wrappers (`withAuth(handler)`, `withIronSessionApiRoute(handler, options)`)."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    arguments,
    chain,
    field,
    identifier,
    strip,
)
from threatdelta.model.elements import HTTP_METHODS

_MAX_UNWRAP = 4


@dataclass(frozen=True, slots=True)
class Exported:
    """An exported handler: the method it answers ("" for a default export), its function
    (None when defined elsewhere), the names of wrappers around it, and its line node."""

    method: str
    function: Node | None
    wrappers: tuple[str, ...]
    node: Node


def unwrap(node: Node | None, index: ModuleIndex) -> tuple[Node | None, tuple[str, ...]]:
    """The function behind an exported value and the wrappers called around it."""
    wrappers: list[str] = []
    for _ in range(_MAX_UNWRAP):
        node = strip(node)
        if node is None:
            break
        if node.type in FUNCTION_TYPES:
            return node, tuple(wrappers)
        name = identifier(node)
        if name is not None:
            return index.functions.get(name), tuple(wrappers)
        if node.type != "call_expression":
            break
        called = chain(node.child_by_field_name("function"))
        wrappers.extend(called[-1:])
        candidates = [a for a in arguments(node) if _callable(a)]
        node = candidates[0] if candidates else None
    return None, tuple(wrappers)


def _callable(node: Node) -> bool:
    inner = strip(node)
    return inner is not None and inner.type in (*FUNCTION_TYPES, "identifier", "call_expression")


def default_export(root: Node, index: ModuleIndex) -> Exported | None:
    """`export default function handler(req, res)`, `export default withAuth(handler)`,
    `module.exports = handler`."""
    for child in root.named_children:
        if child.type == "export_statement" and any(c.type == "default" for c in child.children):
            value = child.child_by_field_name("value") or child.child_by_field_name("declaration")
            fn, wrappers = unwrap(value, index)
            return Exported("", fn, wrappers, value or child)
    for node in index.assignments:
        if chain(node.child_by_field_name("left")) == ("module", "exports"):
            value = field(node, "right")
            fn, wrappers = unwrap(value, index)
            return Exported("", fn, wrappers, value or node)
    return None


def method_exports(root: Node, index: ModuleIndex) -> list[Exported]:
    """`export async function POST(request)`, `export const GET = ...`,
    `export { handler as GET }`."""
    out: list[Exported] = []
    for child in root.named_children:
        if child.type != "export_statement":
            continue
        for node in child.named_children:
            out.extend(_declared(node, index))
    return out


def _declared(node: Node, index: ModuleIndex) -> list[Exported]:
    if node.type == "function_declaration":
        name = identifier(node.child_by_field_name("name")) or ""
        return [Exported(name, node, (), node)] if name in HTTP_METHODS else []
    if node.type in ("lexical_declaration", "variable_declaration"):
        out = []
        for decl in node.named_children:
            name = identifier(decl.child_by_field_name("name")) or ""
            if decl.type == "variable_declarator" and name in HTTP_METHODS:
                fn, wrappers = unwrap(decl.child_by_field_name("value"), index)
                out.append(Exported(name, fn, wrappers, decl))
        return out
    if node.type == "export_clause":
        out = []
        for spec in node.named_children:
            alias = identifier(spec.child_by_field_name("alias"))
            local = identifier(spec.child_by_field_name("name"))
            if alias in HTTP_METHODS and local is not None:
                out.append(Exported(alias, index.functions.get(local), (), spec))
        return out
    return []
