"""Reading a tree-sitter Java tree: node text, locations, string literals, annotations and
method-call chains, with iterative walks (deep input cannot blow the stack)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from tree_sitter import Node

from threatdelta.model.base import Location


class Code:
    """One parsed file: its path and source bytes, to read node text and locations."""

    def __init__(self, path: str, source: bytes) -> None:
        self.path = path
        self.source = source

    def location(self, node: Node) -> Location:
        start = node.start_point.row + 1
        return Location(
            path=self.path, start_line=start, end_line=max(start, node.end_point.row + 1)
        )


def text(node: Node | None) -> str:
    if node is None:
        return ""
    return (node.text or b"").decode("utf-8", "replace")


def walk(node: Node) -> Iterator[Node]:
    """Pre-order, document-order walk of the named nodes below `node` (itself included)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.named_children))


def walk_body(node: Node) -> Iterator[Node]:
    """Like `walk`, without descending into nested class bodies (anonymous/local classes)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if current is node or current.type != "class_body":
            stack.extend(reversed(current.named_children))


def string_value(node: Node | None) -> str | None:
    """The value of a string literal (or text block), or of `"a" + "b"` of literals.
    Iterative: a deeply parenthesised or concatenated expression cannot blow the stack."""
    pieces: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current is None:
            return None
        if current.type == "parenthesized_expression" and current.named_children:
            stack.append(current.named_children[0])
        elif current.type == "binary_expression":
            if text(current.child_by_field_name("operator")) != "+":
                return None
            stack += [current.child_by_field_name("right"), current.child_by_field_name("left")]
        elif current.type == "string_literal":
            literal = _literal_text(current)
            if literal is None:
                return None
            pieces.append(literal)
        else:
            return None
    return "".join(pieces)


def _literal_text(node: Node) -> str | None:
    if any(c.type == "interpolation" for c in node.named_children):
        return None  # a Kotlin template with `${...}`
    raw = text(node)
    quote = 3 if raw.startswith('"""') else 1
    return raw[quote:-quote] if len(raw) >= 2 * quote else ""


def strings_of(node: Node | None) -> list[str]:
    """Every string value of a literal or an array initializer `{"/a", "/b"}`."""
    if node is None:
        return []
    if node.type in ("element_value_array_initializer", "array_initializer", "collection_literal"):
        return [s for child in node.named_children for s in strings_of(child)]
    value = string_value(node)
    return [] if value is None else [value]


def last_name(node: Node | None) -> str:
    """`RequestMethod.POST` -> `POST`; `org.x.Get` -> `Get`; `id` -> `id`."""
    if node is None:
        return ""
    if node.type == "field_access":
        return text(node.child_by_field_name("field"))
    if node.type == "scoped_identifier":
        return text(node.child_by_field_name("name"))
    if node.type == "navigation_expression" and node.named_children:  # Kotlin `A.B`
        return last_name(node.named_children[-1])
    return text(node)


@dataclass(frozen=True)
class Annotation:
    """One annotation: its simple name, its node, its single value and its named values."""

    name: str
    node: Node
    value: Node | None = None  # `@X("v")`
    pairs: dict[str, Node] = field(default_factory=dict)  # `@X(path = "v")`

    def arg(self, *names: str) -> Node | None:
        """The first of the named values given, `value` also meaning the single value."""
        for name in names:
            if name in self.pairs:
                return self.pairs[name]
            if name == "value" and self.value is not None:
                return self.value
        return None


def annotations_of(node: Node) -> list[Annotation]:
    """The annotations in the `modifiers` of a declaration or a parameter."""
    mods = next((c for c in node.children if c.type == "modifiers"), None)
    if mods is None:
        return []
    return [read_annotation(c) for c in mods.named_children if c.type.endswith("annotation")]


def read_annotation(node: Node) -> Annotation:
    name = last_name(node.child_by_field_name("name"))
    args = node.child_by_field_name("arguments")
    value: Node | None = None
    pairs: dict[str, Node] = {}
    for child in args.named_children if args is not None else []:
        if child.type == "element_value_pair":
            key, val = child.child_by_field_name("key"), child.child_by_field_name("value")
            if key is not None and val is not None:
                pairs[text(key)] = val
        elif child.type not in ("comment", "line_comment", "block_comment"):
            value = child
    return Annotation(name=name, node=node, value=value, pairs=pairs)


def arguments(call: Node) -> list[Node]:
    """The argument expressions of a method invocation or object creation."""
    args = call.child_by_field_name("arguments")
    if args is None:
        return []
    return [a for a in args.named_children if not a.type.endswith("comment")]


def call_name(call: Node) -> str:
    return text(call.child_by_field_name("name"))


def receiver(call: Node) -> Node | None:
    return call.child_by_field_name("object")


def receiver_name(call: Node) -> str:
    """The last name of the object a method is called on (`this.jdbc.query` -> `jdbc`,
    `Runtime.getRuntime().exec` -> `getRuntime`)."""
    obj = receiver(call)
    if obj is None:
        return ""
    if obj.type == "method_invocation":
        return call_name(obj)
    return last_name(obj)


def created_type(node: Node) -> str:
    """The simple type name of `new X<...>(...)`."""
    kind = node.child_by_field_name("type")
    if kind is not None and kind.type == "generic_type":
        kind = kind.named_children[0] if kind.named_children else None
    return last_name(kind)


def identifiers(node: Node) -> Iterator[str]:
    """Every plain identifier used in an expression (not method or field names)."""
    for sub in walk(node):
        if sub.type != "identifier" or sub.parent is None:
            continue
        parent = sub.parent
        if parent.type == "method_invocation" and parent.child_by_field_name("name") == sub:
            continue
        if parent.type == "field_access" and parent.child_by_field_name("field") == sub:
            continue
        yield text(sub)
