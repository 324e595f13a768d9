"""What a Java handler returns, from its declared type: the fields of a response class or
record declared in the same file, and whether it is a collection."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.spring.params import dto_fields
from threatdelta.extractors.web.spring.syntax import last_name
from threatdelta.model.base import Tri

# wrappers around the body: the type inside is what is sent
_WRAPPERS = frozenset(
    {"ResponseEntity", "HttpEntity", "Mono", "Optional", "CompletableFuture", "Callable",
     "DeferredResult", "CompletionStage", "EntityModel"}
)  # fmt: skip
_COLLECTIONS = frozenset(
    {"List", "Set", "Collection", "Iterable", "Flux", "Stream", "Page", "Slice",
     "CollectionModel", "PagedModel"}
)  # fmt: skip
_PAGES = frozenset({"Page", "Slice", "PagedModel"})
_MAX_DEPTH = 8


@dataclass(frozen=True)
class ResponseShape:
    fields: tuple[str, ...] = ()
    returns_collection: Tri = Tri.UNKNOWN
    paged: bool = False  # a Page / Slice: paginated by construction


def response_shape(root: Node, method: Node) -> ResponseShape:
    kind = method.child_by_field_name("type")
    collection = False
    paged = False
    for _ in range(_MAX_DEPTH):
        if kind is None:
            return ResponseShape()
        if kind.type == "array_type":
            collection, kind = True, kind.child_by_field_name("element")
            continue
        if kind.type != "generic_type":
            break
        name = last_name(kind.named_children[0]) if kind.named_children else ""
        inner = _first_argument(kind)
        if name in _COLLECTIONS:
            collection, paged = True, paged or name in _PAGES
        elif name not in _WRAPPERS:
            break
        kind = inner
    name = last_name(kind) if kind is not None else ""
    if kind is not None and kind.type == "generic_type" and kind.named_children:
        name = last_name(kind.named_children[0])
    fields = dto_fields(root, name)
    known = collection or bool(fields)
    return ResponseShape(
        fields=fields,
        returns_collection=Tri.YES if collection else (Tri.NO if known else Tri.UNKNOWN),
        paged=paged,
    )


def _first_argument(generic: Node) -> Node | None:
    args = next((c for c in generic.named_children if c.type == "type_arguments"), None)
    return args.named_children[0] if args is not None and args.named_children else None
