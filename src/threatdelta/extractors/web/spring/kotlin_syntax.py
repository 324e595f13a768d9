"""Reading Kotlin annotations from a tree-sitter-kotlin tree into the shared `Annotation`
shape (single value, named values), so mappings and security read Java and Kotlin alike."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.spring.syntax import Annotation, text


def kotlin_annotations(node: Node) -> list[Annotation]:
    """The annotations in a declaration's `modifiers` (or a parameter's modifiers)."""
    mods = node if node.type == "parameter_modifiers" else None
    if mods is None:
        mods = next((c for c in node.named_children if c.type == "modifiers"), None)
    if mods is None:
        return []
    return [_annotation(c) for c in mods.named_children if c.type == "annotation"]


def _annotation(node: Node) -> Annotation:
    call = next((c for c in node.named_children if c.type == "constructor_invocation"), None)
    kind = next((c for c in (call or node).named_children if c.type == "user_type"), None)
    name = text(kind.named_children[-1]) if kind is not None and kind.named_children else ""
    args = next(
        (c for c in (call.named_children if call else []) if c.type == "value_arguments"), None
    )
    value: Node | None = None
    pairs: dict[str, Node] = {}
    for arg in args.named_children if args is not None else []:
        parts = [c for c in arg.named_children if not c.type.endswith("comment")]
        if len(parts) == 2 and parts[0].type == "identifier":
            pairs[text(parts[0])] = parts[1]
        elif parts and value is None:
            value = parts[-1]
    return Annotation(name=name, node=node, value=value, pairs=pairs)
