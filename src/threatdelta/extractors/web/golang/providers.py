"""Handlers declared in another file: a route naming `items.Create` or `h.Create` gives a
`ProviderCall` from its registration, and every handler-shaped function or method gives a
`ProviderMethod` with its facts; the linker carries the facts to the endpoint."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tree_sitter import Node

from threatdelta.extractors.web.golang.handlers import Handler
from threatdelta.extractors.web.golang.imports import Imports, is_standard
from threatdelta.extractors.web.golang.sinks import handler_facts
from threatdelta.extractors.web.golang.syntax import (
    Code,
    assigned_names,
    chain,
    composite_type,
    function_name,
    parameters,
    strip,
)
from threatdelta.extractors.web.golang.taint import Taint
from threatdelta.model.base import Location, Tri
from threatdelta.model.fragment import ProviderCall, ProviderMethod, SymbolRef

_HANDLER_PARAMS = frozenset({"*http.Request", "*gin.Context", "echo.Context"})


def provider_methods(code: Code, root: Node) -> Iterator[ProviderMethod]:
    """Top-level functions and methods taking a request or a gin/echo context, named by
    the file's folder (the Go package) and their own name."""
    folder = code.path.rpartition("/")[0]
    for node in root.named_children:
        if node.type not in ("function_declaration", "method_declaration"):
            continue
        if not any(kind in _HANDLER_PARAMS for _, kind in parameters(node)):
            continue
        facts = tuple(dict.fromkeys(handler_facts(code, node, Taint(node))))
        if facts:
            yield ProviderMethod(
                method=SymbolRef(module=folder, name=function_name(node)), facts=facts
            )


def receiver_packages(nodes: Sequence[Node], imports: Imports) -> dict[str, str]:
    """Variables holding a value made by an imported package (`h := items.NewHandler(db)`,
    `h := &items.Handler{}`) -> that package's import path."""
    out: dict[str, str] = {}
    for node in nodes:
        if node.type not in ("short_var_declaration", "var_spec", "assignment_statement"):
            continue
        names, values = assigned_names(node)
        for name, given in zip(names, values, strict=False):
            value = strip(given)
            made = composite_type(value).split(".")[0]
            if not made and value is not None and value.type == "call_expression":
                made = next(iter(chain(value.child_by_field_name("function"))), "")
            if made and imports.is_package(made) and not is_standard(imports.paths[made]):
                out[name] = imports.paths[made]
    return out


def provider_call(
    handler: Handler, span: Location, folder: str, imports: Imports, receivers: dict[str, str]
) -> ProviderCall | None:
    """The call from a route's registration to a handler declared in another file."""
    if handler.function is not None or handler.ref is None or not handler.name:
        return None
    names = chain(handler.ref)
    if not names:
        return None
    module = folder
    if len(names) >= 2 and imports.is_package(names[0]):
        if is_standard(imports.paths[names[0]]) or imports.framework(names[0]) is not None:
            return None
        module = imports.paths[names[0]]
    elif len(names) >= 2 and names[0] in receivers:
        module = receivers[names[0]]
    return ProviderCall(
        handler=span,
        method=SymbolRef(module=module, name=names[-1]),
        from_input=Tri.YES,
        location=span,
    )
