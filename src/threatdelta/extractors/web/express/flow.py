"""Simple intra-procedural taint for one Express handler: which local names hold request
input (`req.body/query/params/headers/cookies`), the whole body, the principal
(`req.user`), SQL text built by templates or concatenation, constants and loaded models."""

from __future__ import annotations

import re
from typing import TypeVar

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.syntax import (
    arguments,
    chain,
    field,
    identifier,
    is_literal,
    parameter_name,
    parameters,
    pattern_names,
    property_name,
    string_value,
    strip,
    walk,
)
from threatdelta.model.base import Tri
from threatdelta.model.elements import ParamLocation

T = TypeVar("T")
SOURCES = {
    "body": ParamLocation.BODY,
    "query": ParamLocation.QUERY,
    "params": ParamLocation.PATH,
    "headers": ParamLocation.HEADER,
    "cookies": ParamLocation.COOKIE,
    "signedCookies": ParamLocation.COOKIE,
}
_GETTERS = {"get": "headers", "header": "headers", "param": "params"}
_CONSTANT_NAMES = frozenset({"__dirname", "__filename", "undefined", "NaN", "Infinity"})
_SANITISER = re.compile(
    r"(escape|saniti[sz]e|encode|quote|basename|parseInt|parseFloat|Number$|isValid|toNumber)",
    re.IGNORECASE,
)
_DATA_ACCESS = re.compile(
    r"(find|create|update|upsert|delete|destroy|remove|save|query|execute|count|exists|"
    r"aggregate|insert|load|lookup)",
)
_MAX_DEPTH = 32
_PURE_MODULES = frozenset({"path", "node:path"})
LOOKUPS = frozenset(
    {"findById", "findByPk", "findOne", "findUnique", "findFirst", "findOneBy", "findOneOrFail"}
)


class Flow:
    """What the local names of one handler hold, updated statement by statement."""

    def __init__(self, fn: Node, index: ModuleIndex) -> None:
        self.index = index
        params = parameters(fn)
        self.req = parameter_name(params[0]) if params else None
        self.res = parameter_name(params[1]) if len(params) > 1 else None
        self.labels: dict[str, frozenset[str]] = {}
        self.whole: dict[str, str] = {}
        self.principal: set[str] = set()
        self.built: dict[str, Node] = {}
        self.constants: set[str] = set()
        self.models: set[str] = set()
        self.errors: set[str] = set()
        self.fields: dict[ParamLocation, dict[str, None]] = {}
        if params and params[0].type == "object_pattern":
            self._bind_request_pattern(params[0])

    # -- what an expression holds -------------------------------------------------------

    def source_of(self, node: Node | None) -> str | None:
        """`req.body` -> 'body' (the request part a member expression reads)."""
        node = strip(node)
        if node is None or node.type not in ("member_expression", "subscript_expression"):
            return None
        obj = identifier(node.child_by_field_name("object"))
        prop = property_name(node)
        return prop if obj is not None and obj == self.req and prop in SOURCES else None

    def labels_of(self, expr: Node | None) -> frozenset[str]:
        """The request parts that reach `expr` (not through a sanitiser such as
        `escapeRegExp(x)`, `parseInt(x)` or `path.basename(x)`, nor through a lookup such
        as `User.findById(x)`, whose result is a stored record)."""
        out: set[str] = set()
        stack = [expr] if expr is not None else []
        while stack:
            node = stack.pop()
            kind = node.type
            if kind in ("member_expression", "subscript_expression"):
                src = self.source_of(node)
                if src is not None:
                    out.add(src)
                    continue
            elif kind in ("identifier", "shorthand_property_identifier"):
                out |= self.labels.get((node.text or b"").decode(), frozenset())
            elif kind == "call_expression":
                names = chain(node.child_by_field_name("function"))
                if len(names) == 2 and names[0] == self.req and names[1] in _GETTERS:
                    out.add(_GETTERS[names[1]])
                if names and (_SANITISER.match(names[-1]) or _DATA_ACCESS.match(names[-1])):
                    continue  # escaped, or a record loaded from a store, not the input
            stack.extend(node.named_children)
        return frozenset(out)

    def constant(self, expr: Node | None, depth: int = 0) -> bool:
        """A literal, a constant name, or an expression of those (depth-bounded)."""
        node = strip(expr)
        if node is None:
            return True
        if depth > _MAX_DEPTH:
            return False
        if is_literal(node):
            return True
        kind = node.type
        if kind == "identifier":
            name = (node.text or b"").decode()
            return (
                name in self.constants
                or name in self.index.strings
                or name in _CONSTANT_NAMES
                or (name.isupper() and name not in self.labels)
            )
        if kind == "member_expression":
            return chain(node)[:2] == ("process", "env")
        if kind == "call_expression":
            callee = self.index.callee(node.child_by_field_name("function"))
            pure = callee.module in _PURE_MODULES or callee.names[:1] == ("path",)
            return pure and all(self.constant(a, depth + 1) for a in arguments(node))
        if kind == "template_string":
            subs = [c for c in node.named_children if c.type == "template_substitution"]
            return all(
                self.constant(s.named_children[0], depth + 1) for s in subs if s.named_children
            )
        if kind in ("binary_expression", "array", "object", "pair"):
            parts = [c for c in node.named_children if c.type not in ("property_identifier",)]
            return all(self.constant(c, depth + 1) for c in parts if c.type != "comment")
        return False

    def from_input(self, *exprs: Node | None) -> Tri:
        if any(self.labels_of(e) for e in exprs):
            return Tri.YES
        return Tri.NO if all(self.constant(e) for e in exprs) else Tri.UNKNOWN

    def is_whole(self, expr: Node | None, source: str = "body") -> bool:
        """`req.body` itself (or a name holding it, or an object spreading it)."""
        node = strip(expr)
        if node is None:
            return False
        if self.source_of(node) == source:
            return True
        name = identifier(node)
        if name is not None:
            return self.whole.get(name) == source
        if node.type == "object":
            spreads = [c for c in node.named_children if c.type == "spread_element"]
            return any(
                self.is_whole(s.named_children[0], source) for s in spreads if s.named_children
            )
        return False

    def is_principal(self, expr: Node | None) -> bool:
        """Does `expr` read the authenticated user (`req.user`, `req.auth`, the session)?"""
        if expr is None:
            return False
        for node in walk(expr):
            if node.type in ("identifier", "shorthand_property_identifier"):
                if (node.text or b"").decode() in self.principal:
                    return True
            elif node.type == "member_expression" and self._principal_chain(chain(node)):
                return True
        return False

    def _principal_chain(self, names: tuple[str, ...]) -> bool:
        if len(names) < 2:
            return False
        if names[0] == self.req:
            if names[1] in ("user", "auth", "userId", "principal"):
                return True
            return names[1] == "session" and len(names) > 2 and "user" in names[2].lower()
        return names[0] == self.res and names[1:3] == ("locals", "user")

    def built_string(self, expr: Node | None) -> Node | None:
        """A template literal with substitutions or a `+` concatenation (or a name for one)."""
        node = strip(expr)
        if node is None:
            return None
        if node.type == "template_string":
            subs = any(c.type == "template_substitution" for c in node.named_children)
            return node if subs else None
        if node.type == "binary_expression":
            op = node.child_by_field_name("operator")
            return node if op is not None and op.text == b"+" else None
        name = identifier(node)
        return self.built.get(name) if name is not None else None

    # -- statements ---------------------------------------------------------------------

    def step(self, node: Node) -> None:
        """Update what names hold after a declaration or an assignment to a name."""
        if node.type == "variable_declarator":
            const = node.parent is not None and (node.parent.child(0) or node).type == "const"
            self.bind(node.child_by_field_name("name"), field(node, "value"), const=const)
        elif node.type == "assignment_expression":
            left = node.child_by_field_name("left")
            if identifier(left) is not None:
                self.bind(left, field(node, "right"), const=False)

    def replay(self, fn: Node, until: Node) -> None:
        """Follow the statements of `fn` that come before `until`."""
        body = fn.child_by_field_name("body")
        for node in walk(body) if body is not None else ():
            if node.start_byte >= until.start_byte:
                break
            self.step(node)

    def bind(self, target: Node | None, value: Node | None, *, const: bool) -> None:
        if target is None:
            return
        name = identifier(target)
        if name is not None:
            self._bind_name(name, value, const=const)
        elif target.type == "object_pattern":
            self._bind_object(target, value)
        elif target.type == "array_pattern":
            labels = self.labels_of(value)
            for node in walk(target):
                if node.type == "identifier" and labels:
                    self.labels[(node.text or b"").decode()] = labels

    def _bind_name(self, name: str, value: Node | None, *, const: bool) -> None:
        labels = self.labels_of(value)
        _set(self.labels, name, labels or None)
        whole = next((s for s in ("body", "query") if self.is_whole(value, s)), None)
        _set(self.whole, name, whole)
        _set(self.built, name, self.built_string(value))
        if self.is_principal(value) and not labels:
            self.principal.add(name)
        else:
            self.principal.discard(name)
        if const and value is not None and self.constant(value):
            self.constants.add(name)
        if self._is_model_load(value):
            self.models.add(name)

    def _is_model_load(self, value: Node | None) -> bool:
        node = strip(value)
        if node is None or node.type != "call_expression":
            return False
        names = chain(node.child_by_field_name("function"))
        return bool(names) and names[-1] in LOOKUPS

    def _bind_object(self, pattern: Node, value: Node | None) -> None:
        source = self.source_of(value)
        if identifier(value) is not None and identifier(value) == self.req:
            self._bind_request_pattern(pattern)
            return
        labels = self.labels_of(value)
        principal = self.is_principal(value)
        for key, local, rest in pattern_names(pattern):
            if source is not None:
                self.labels[local] = frozenset({source})
                if rest:
                    self.whole[local] = source
                else:
                    self.record(source, key)
            elif labels:
                self.labels[local] = labels
            elif principal:
                self.principal.add(local)

    def _bind_request_pattern(self, pattern: Node) -> None:
        """`({ body, params }, res) => ...` or `const { body } = req`."""
        for key, local, _rest in pattern_names(pattern):
            if key in SOURCES:
                self.labels[local] = frozenset({key})
                self.whole[local] = key
            elif key in ("user", "auth"):
                self.principal.add(local)

    def record(self, source: str, name: str) -> None:
        if name:
            self.fields.setdefault(SOURCES[source], {})[name] = None

    def note_access(self, node: Node) -> None:
        """`req.body.email`, `req.headers['x-api-key']`, `req.get('X-Token')`: a field read."""
        if node.type in ("member_expression", "subscript_expression"):
            source = self.source_of(field(node, "object"))
            if source is not None:
                self.record(source, property_name(node))
        elif node.type == "call_expression":
            names = chain(node.child_by_field_name("function"))
            args = arguments(node)
            if len(names) == 2 and names[0] == self.req and names[1] in _GETTERS and args:
                self.record(_GETTERS[names[1]], string_value(args[0]) or "")


def _set(mapping: dict[str, T], key: str, value: T | None) -> None:
    if value is None:
        mapping.pop(key, None)
    else:
        mapping[key] = value
