"""Reading a tree-sitter JavaScript/TypeScript tree: node text, lines, literals, callee
chains, and iterative walks (no recursion, so deeply nested input cannot blow the stack)."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from threatdelta.model.base import Location

FUNCTION_TYPES = frozenset(
    {
        "arrow_function",
        "function_expression",
        "function",
        "function_declaration",
        "generator_function",
        "generator_function_declaration",
        "method_definition",
    }
)
# Wrappers that do not change the value of the expression inside them.
_TRANSPARENT = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
        "type_assertion",
        "await_expression",
    }
)


class Code:
    """One parsed file: its path and source bytes, to read node text and locations."""

    def __init__(self, path: str, source: bytes) -> None:
        self.path = path
        self.source = source

    def text(self, node: Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def location(self, node: Node) -> Location:
        start = node.start_point.row + 1
        return Location(
            path=self.path, start_line=start, end_line=max(start, node.end_point.row + 1)
        )


def line(node: Node) -> int:
    return node.start_point.row + 1


def walk(node: Node) -> Iterator[Node]:
    """Pre-order, document-order walk of the named nodes below `node` (itself included)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.named_children))


def strip(node: Node | None) -> Node | None:
    """The expression inside parentheses, TypeScript casts, `!` and `await`."""
    while node is not None and node.type in _TRANSPARENT:
        inner = [c for c in node.named_children if c.type != "comment"]
        if not inner:
            return None
        node = inner[-1] if node.type == "type_assertion" else inner[0]
    return node


def field(node: Node, name: str) -> Node | None:
    return strip(node.child_by_field_name(name))


def arguments(call: Node) -> list[Node]:
    """The argument expressions of a call or `new` (empty for a tagged template)."""
    args = call.child_by_field_name("arguments")
    if args is None or args.type != "arguments":
        return []
    return [a for a in args.named_children if a.type != "comment"]


def string_value(node: Node | None) -> str | None:
    """The value of a string literal or of a template literal without substitutions."""
    node = strip(node)
    if node is None or node.type not in ("string", "template_string"):
        return None
    if any(c.type == "template_substitution" for c in node.named_children):
        return None
    raw = node.text or b""
    return raw[1:-1].decode("utf-8", "replace")


def identifier(node: Node | None) -> str | None:
    node = strip(node)
    if node is not None and node.type in ("identifier", "shorthand_property_identifier"):
        return (node.text or b"").decode()
    return None


def property_name(node: Node) -> str:
    """The property of `a.b` (`b`) or of `a['b']` (`b`), else an empty string."""
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return (prop.text or b"").decode() if prop is not None else ""
    if node.type == "subscript_expression":
        return string_value(node.child_by_field_name("index")) or ""
    return ""


def chain(node: Node | None) -> tuple[str, ...]:
    """`res.status(500).json` -> ('res', 'status', 'json'); `a['b'].c` -> ('a', 'b', 'c').
    Calls in the middle are skipped; an empty tuple when the root is not a name."""
    names: list[str] = []
    current = strip(node)
    while current is not None:
        if current.type in ("member_expression", "subscript_expression"):
            names.append(property_name(current))
            current = field(current, "object")
        elif current.type == "call_expression":
            current = field(current, "function")
        elif current.type in ("identifier", "this"):
            names.append((current.text or b"").decode())
            return tuple(reversed(names))
        else:
            return ()
    return ()


def object_pairs(node: Node | None) -> dict[str, Node]:
    """Literal keys of an object literal to their value nodes (shorthand `{id}` maps to the
    identifier itself). Spread elements and computed keys are left out."""
    node = strip(node)
    pairs: dict[str, Node] = {}
    if node is None or node.type != "object":
        return pairs
    for child in node.named_children:
        if child.type == "pair":
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            if key is None or value is None:
                continue
            name = string_value(key) if key.type == "string" else (key.text or b"").decode()
            if name is not None and key.type != "computed_property_name":
                pairs[name] = value
        elif child.type == "shorthand_property_identifier":
            pairs[(child.text or b"").decode()] = child
    return pairs


def has_spread(node: Node | None) -> bool:
    node = strip(node)
    return node is not None and any(c.type == "spread_element" for c in node.named_children)


def is_literal(node: Node | None) -> bool:
    """A constant value written in place: number, boolean, null, plain string."""
    node = strip(node)
    if node is None:
        return False
    if node.type in ("number", "true", "false", "null", "undefined", "regex"):
        return True
    return string_value(node) is not None


def parameters(function: Node) -> list[Node]:
    """The parameter patterns of a function (TypeScript annotations removed)."""
    single = function.child_by_field_name("parameter")
    if single is not None:
        return [single]
    params = function.child_by_field_name("parameters")
    if params is None:
        return []
    out: list[Node] = []
    for p in params.named_children:
        if p.type in ("required_parameter", "optional_parameter"):
            pattern = p.child_by_field_name("pattern")
            if pattern is not None:
                out.append(pattern)
        elif p.type != "comment":
            out.append(p)
    return out


def parameter_name(pattern: Node | None) -> str | None:
    """`req`, `req = x` and `req: Request` -> `req`; a destructuring pattern -> None."""
    if pattern is None:
        return None
    if pattern.type == "assignment_pattern":
        pattern = pattern.child_by_field_name("left")
    return identifier(pattern)


def enclosing_function(node: Node) -> Node | None:
    current = node.parent
    while current is not None and current.type not in FUNCTION_TYPES:
        current = current.parent
    return current


def pattern_names(pattern: Node) -> list[tuple[str, str, bool]]:
    """(key, local name, is rest) of each binding of an object pattern."""
    out: list[tuple[str, str, bool]] = []
    for part in pattern.named_children:
        if part.type == "shorthand_property_identifier_pattern":
            name = (part.text or b"").decode()
            out.append((name, name, False))
        elif part.type == "object_assignment_pattern":
            left = (
                identifier(part.child_by_field_name("left"))
                or ((part.child_by_field_name("left") or part).text or b"").decode()
            )
            out.append((left, left, False))
        elif part.type == "pair_pattern":
            key = part.child_by_field_name("key")
            local = part.child_by_field_name("value")
            if local is not None and local.type == "assignment_pattern":
                local = local.child_by_field_name("left")
            local_name = identifier(local)
            if key is not None and local_name is not None:
                out.append(((key.text or b"").decode(), local_name, False))
        elif part.type == "rest_pattern":
            names = [c for c in part.named_children if c.type == "identifier"]
            if names:
                name = (names[0].text or b"").decode()
                out.append((name, name, True))
    return out
