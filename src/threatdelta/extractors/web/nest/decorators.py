"""Reading TypeScript decorators: those of a class (also when written before `export`), of
a method (the decorators just before it in the class body) and of a parameter."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from threatdelta.extractors.web.express.syntax import arguments, chain, strip


@dataclass(frozen=True, slots=True)
class Decorator:
    """`@UseGuards(AuthGuard('jwt'))`: name `UseGuards`, its argument nodes, the node."""

    name: str
    args: tuple[Node, ...]
    node: Node

    @property
    def line(self) -> int:
        return self.node.start_point.row + 1


def read(node: Node) -> Decorator | None:
    """The decorator node `@X(...)` or `@X` as a `Decorator` (the last name of a chain)."""
    inner = next((c for c in node.named_children if c.type != "comment"), None)
    inner = strip(inner)
    if inner is None:
        return None
    if inner.type == "call_expression":
        names = chain(inner.child_by_field_name("function"))
        return Decorator(names[-1], tuple(arguments(inner)), node) if names else None
    names = chain(inner)
    return Decorator(names[-1], (), node) if names else None


def _all(nodes: list[Node]) -> list[Decorator]:
    return [d for d in map(read, nodes) if d is not None]


def of_class(cls: Node) -> list[Decorator]:
    """Decorators on a class declaration, also those placed before `export`."""
    own = [c for c in cls.named_children if c.type == "decorator"]
    parent = cls.parent
    if parent is not None and parent.type == "export_statement":
        own = [c for c in parent.named_children if c.type == "decorator"] + own
    return _all(own)


def of_member(member: Node) -> list[Decorator]:
    """The decorators written just before a class member (method or field)."""
    found: list[Node] = [c for c in member.named_children if c.type == "decorator"]
    sibling = member.prev_named_sibling
    while sibling is not None and sibling.type in ("decorator", "comment"):
        if sibling.type == "decorator":
            found.insert(0, sibling)
        sibling = sibling.prev_named_sibling
    return _all(found)


def of_parameter(param: Node) -> list[Decorator]:
    return _all([c for c in param.named_children if c.type == "decorator"])


def class_name(cls: Node) -> str:
    name = cls.child_by_field_name("name")
    return (name.text or b"").decode() if name is not None else ""


def classes(root: Node) -> list[Node]:
    """Class declarations at the top of the module (exported or not)."""
    out: list[Node] = []
    for child in root.named_children:
        target = child
        if child.type == "export_statement":
            target = next((c for c in child.named_children if c.type == "class_declaration"), child)
        if target.type == "class_declaration":
            out.append(target)
    return out


def members(cls: Node) -> list[Node]:
    body = cls.child_by_field_name("body")
    return [] if body is None else [c for c in body.named_children if c.type != "decorator"]
