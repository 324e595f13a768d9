"""Schema text (SDL) read with graphql-core's parser (parsing only; nothing is executed):
the fields of each object type with their arguments and return types, so a resolver map
that names only functions still gets its field shapes and response fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from threatdelta.extractors.web.graphql.operations import FieldShape

if TYPE_CHECKING:
    from graphql.language import FieldDefinitionNode, TypeNode

MAX_SDL_CHARS = 512 * 1024
_CONNECTION_SUFFIX = "Connection"


@dataclass
class Sdl:
    """Object types by name: field name -> shape; `errors` says why a text was not read."""

    types: dict[str, dict[str, FieldShape]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def fields_of(self, type_name: str) -> tuple[str, ...]:
        return tuple(self.types.get(type_name, {}))

    def shape(self, type_name: str, field_name: str) -> FieldShape | None:
        return self.types.get(type_name, {}).get(field_name)


def looks_like_sdl(text: str) -> bool:
    """Cheap test before parsing a string literal: it declares a type."""
    return "type " in text or "extend " in text or "schema" in text


def read_sdl(texts: list[str], into: Sdl | None = None) -> Sdl:
    """Parse each text; a text that is not SDL adds an error and is skipped."""
    sdl = into if into is not None else Sdl()
    if not texts:
        return sdl
    # graphql-core is imported only when a module holds schema text (CLI start-up time)
    from graphql import GraphQLError, parse  # noqa: PLC0415
    from graphql.language import (  # noqa: PLC0415
        ObjectTypeDefinitionNode,
        ObjectTypeExtensionNode,
    )

    for text in texts:
        if len(text) > MAX_SDL_CHARS:
            sdl.errors.append(f"schema text of {len(text)} characters is too large to read")
            continue
        try:
            document = parse(text, no_location=True)
        except (GraphQLError, RecursionError) as exc:
            sdl.errors.append(f"schema text is not valid GraphQL SDL: {_first_line(exc)}")
            continue
        for definition in document.definitions:
            if isinstance(definition, ObjectTypeDefinitionNode | ObjectTypeExtensionNode):
                fields = sdl.types.setdefault(definition.name.value, {})
                for node in definition.fields or ():
                    fields.setdefault(node.name.value, _shape(node))
    return sdl


def _shape(node: FieldDefinitionNode) -> FieldShape:
    returns_list, name = _unwrap(node.type)
    return FieldShape(
        args=tuple(a.name.value for a in node.arguments or ()),
        returns_list=returns_list,
        connection=name.endswith(_CONNECTION_SUFFIX),
        return_type=name,
    )


def _unwrap(node: TypeNode) -> tuple[bool, str]:
    from graphql.language import ListTypeNode, NamedTypeNode, NonNullTypeNode  # noqa: PLC0415

    returns_list = False
    while not isinstance(node, NamedTypeNode):
        if isinstance(node, ListTypeNode):
            returns_list = True
            node = node.type
        elif isinstance(node, NonNullTypeNode):
            node = node.type
        else:  # pragma: no cover - graphql-core has no other wrapper
            return returns_list, ""
    return returns_list, node.name.value


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
