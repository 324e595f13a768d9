"""Reading a tree-sitter Go tree: string literals, call chains, arguments, function
declarations and parameters. Walks are iterative (deep input cannot blow the stack); node
text and locations come from the shared `Code` of the JavaScript reader."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from threatdelta.extractors.web.express.syntax import Code, line, walk

__all__ = ["Code", "line", "walk"]

FUNCTION_TYPES = frozenset({"function_declaration", "method_declaration", "func_literal"})
_STRING_TYPES = frozenset({"interpreted_string_literal", "raw_string_literal"})
_TRANSPARENT = frozenset({"parenthesized_expression", "literal_element"})


def text_of(node: Node | None) -> str:
    return (node.text or b"").decode("utf-8", "replace") if node is not None else ""


def strip(node: Node | None) -> Node | None:
    """The expression inside parentheses and composite-literal element wrappers."""
    while node is not None and node.type in _TRANSPARENT:
        inner = [c for c in node.named_children if c.type != "comment"]
        node = inner[0] if inner else None
    return node


def string_value(node: Node | None) -> str | None:
    """The value of a string literal (`"..."` or a raw `` `...` `` string); escapes are
    kept as written."""
    node = strip(node)
    if node is None or node.type not in _STRING_TYPES:
        return None
    raw = text_of(node)
    return raw[1:-1] if len(raw) >= 2 else ""


def is_literal(node: Node | None) -> bool:
    """A constant written in place: a string, number, rune, `true`/`false`/`nil`."""
    node = strip(node)
    if node is None:
        return False
    return node.type in _STRING_TYPES or node.type in (
        "int_literal",
        "float_literal",
        "rune_literal",
        "true",
        "false",
        "nil",
    )


def arguments(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    if args is None:
        return []
    return [a for a in args.named_children if a.type != "comment"]


def chain(node: Node | None) -> tuple[str, ...]:
    """`c.Request.URL.Query` -> ('c', 'Request', 'URL', 'Query'); calls in the middle are
    skipped (`r.URL.Query().Get` -> ('r', 'URL', 'Query', 'Get')); empty when the root is
    not a name."""
    names: list[str] = []
    current = strip(node)
    while current is not None:
        if current.type == "selector_expression":
            names.append(text_of(current.child_by_field_name("field")))
            current = strip(current.child_by_field_name("operand"))
        elif current.type == "call_expression":
            current = strip(current.child_by_field_name("function"))
        elif current.type == "index_expression":
            current = strip(current.child_by_field_name("operand"))
        elif current.type == "identifier":
            names.append(text_of(current))
            return tuple(reversed(names))
        else:
            return ()
    return ()


def callee(call: Node) -> tuple[str, ...]:
    """The chain of a call's function (`db.QueryRow(...)` -> ('db', 'QueryRow'))."""
    return chain(call.child_by_field_name("function"))


def calls_in(node: Node) -> Iterator[Node]:
    return (n for n in walk(node) if n.type == "call_expression")


def keyed_elements(literal: Node | None) -> dict[str, Node]:
    """Field name -> value of a composite literal (`http.Server{Addr: ":80"}`); unkeyed
    elements are left out."""
    literal = strip(literal)
    if literal is not None and literal.type == "unary_expression":
        literal = strip(literal.child_by_field_name("operand"))
    out: dict[str, Node] = {}
    if literal is None or literal.type != "composite_literal":
        return out
    body = literal.child_by_field_name("body")
    for element in body.named_children if body is not None else []:
        if element.type != "keyed_element":
            continue
        key, value = element.child_by_field_name("key"), element.child_by_field_name("value")
        if key is None or value is None:
            named = [c for c in element.named_children if c.type != "comment"]
            if len(named) != 2:
                continue
            key, value = named
        name = text_of(strip(key))
        out[string_value(key) or name] = value
    return out


def composite_type(node: Node | None) -> str:
    """`http.Cookie` for `&http.Cookie{...}` or `http.Cookie{...}`, else an empty string."""
    node = strip(node)
    if node is not None and node.type == "unary_expression":
        node = strip(node.child_by_field_name("operand"))
    if node is None or node.type != "composite_literal":
        return ""
    return text_of(node.child_by_field_name("type"))


def parameters(function: Node) -> list[tuple[str, str]]:
    """(name, type text) of each named parameter of a function, method or func literal."""
    params = function.child_by_field_name("parameters")
    out: list[tuple[str, str]] = []
    for decl in params.named_children if params is not None else []:
        if decl.type not in ("parameter_declaration", "variadic_parameter_declaration"):
            continue
        kind = text_of(decl.child_by_field_name("type"))
        out.extend(
            (text_of(c), kind)
            for c in decl.children_by_field_name("name")
            if c.type == "identifier"
        )
    return out


def function_name(function: Node) -> str:
    return text_of(function.child_by_field_name("name"))


def enclosing_function(node: Node) -> Node | None:
    current = node.parent
    while current is not None and current.type not in FUNCTION_TYPES:
        current = current.parent
    return current


def declared_in(node: Node) -> str:
    """The top-level function or method a node is written in (`""` at package level), to
    tell apart facts of one kind in one file without their line numbers."""
    current = node.parent
    while current is not None and current.type not in (
        "function_declaration",
        "method_declaration",
    ):
        current = current.parent
    return function_name(current) if current is not None else ""


def assigned_names(statement: Node) -> tuple[list[str], list[Node]]:
    """Left names and right expressions of `a, b := x, y`, `a = x`, `var a = x`."""
    if statement.type in ("short_var_declaration", "assignment_statement"):
        left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
    elif statement.type in ("var_spec", "const_spec"):
        names = [text_of(c) for c in statement.children_by_field_name("name")]
        value = statement.child_by_field_name("value")
        return names, [c for c in value.named_children] if value is not None else []
    else:
        return [], []
    names = [text_of(c) for c in left.named_children] if left is not None else []
    values = [c for c in right.named_children] if right is not None else []
    return names, values
