"""Injected providers: the constructor parameters of a class (`private readonly orders:
OrdersService`), the calls a route method makes on them (`this.orders.find(status)`), and
the facts of each method of an `@Injectable()` class, read with its parameters as input,
for the linker to carry across files."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.flow import Flow
from threatdelta.extractors.web.express.handler import analyse_handler
from threatdelta.extractors.web.express.syntax import (
    Code,
    arguments,
    chain,
    identifier,
    parameter_name,
    parameters,
    walk,
)
from threatdelta.extractors.web.nest import decorators as deco
from threatdelta.extractors.web.nest.modules import class_ref
from threatdelta.extractors.web.nest.params import type_name
from threatdelta.model.base import Location
from threatdelta.model.fragment import ProviderCall, ProviderMethod, SymbolRef
from threatdelta.model.link import module_of


def injected(cls: Node, code: Code, index: ModuleIndex) -> dict[str, SymbolRef]:
    """Field name -> the provider class it holds, from constructor parameter properties."""
    out: dict[str, SymbolRef] = {}
    for member in deco.members(cls):
        name = member.child_by_field_name("name")
        if member.type != "method_definition" or name is None or name.text != b"constructor":
            continue
        params = member.child_by_field_name("parameters")
        for param in params.named_children if params is not None else ():
            if not any(c.type == "accessibility_modifier" for c in param.named_children):
                continue
            field = identifier(param.child_by_field_name("pattern"))
            provider = type_name(param)
            ref = class_ref(provider, code, index) if provider else None
            if field is not None and ref is not None:
                out[field] = SymbolRef(module=ref.module, name=ref.name)
    return out


def provider_calls(
    method: Node, handler: Location, fields: dict[str, SymbolRef], flow: Flow
) -> list[ProviderCall]:
    """`this.<field>.<method>(args)` calls on injected providers in a route method."""
    out: list[ProviderCall] = []
    body = method.child_by_field_name("body")
    for node in walk(body) if body is not None else ():
        if node.type != "call_expression":
            continue
        names = chain(node.child_by_field_name("function"))
        provider = fields.get(names[1]) if len(names) == 3 and names[0] == "this" else None
        if provider is None:
            continue
        target = SymbolRef(module=provider.module, name=f"{provider.name}.{names[2]}")
        args = arguments(node)
        reach = flow.from_input(*args)
        location = Location(
            path=handler.path, start_line=node.start_point.row + 1, end_line=node.end_point.row + 1
        )
        out.append(
            ProviderCall(handler=handler, method=target, from_input=reach, location=location)
        )
    return out


def provider_methods(cls: Node, code: Code, index: ModuleIndex) -> list[ProviderMethod]:
    """The facts of each method of an `@Injectable()` class, its parameters as input."""
    if not any(d.name == "Injectable" for d in deco.of_class(cls)):
        return []
    out: list[ProviderMethod] = []
    module = module_of(code.path)
    for member in deco.members(cls):
        name = member.child_by_field_name("name")
        if member.type != "method_definition" or name is None or name.text == b"constructor":
            continue
        flow = Flow(member, index)
        flow.req = flow.res = None
        flow.labels.clear()
        flow.whole.clear()
        for param in parameters(member):
            local = parameter_name(param)
            if local is not None:
                flow.labels[local] = frozenset({"body"})
        found = analyse_handler(member, index, code, flow=flow)
        symbol = SymbolRef(
            module=module, name=f"{deco.class_name(cls)}.{(name.text or b'').decode()}"
        )
        if found.facts:
            out.append(ProviderMethod(method=symbol, facts=found.facts))
    return out
