"""Request input inside one Go handler, with simple intra-procedural flow: the request's
query, form, path and header values, bound bodies, and the local variables assigned from
them (in document order), plus strings built by formatting or concatenation."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.golang.syntax import (
    arguments,
    assigned_names,
    callee,
    chain,
    is_literal,
    parameters,
    strip,
    text_of,
    walk,
)
from threatdelta.model.base import Tri

_REQUEST_TYPES = frozenset(
    {"*http.Request", "*gin.Context", "gin.Context", "echo.Context", "*fiber.Ctx"}
)
_REQUEST_INPUT = frozenset(
    {
        "URL",
        "Form",
        "PostForm",
        "FormValue",
        "PostFormValue",
        "Header",
        "Body",
        "PathValue",
        "Cookie",
        "Cookies",
        "MultipartForm",
        "FormFile",
        "RequestURI",
        "Host",
        "Referer",
        "UserAgent",
    }
)
_CONTEXT_INPUT = frozenset(
    {
        "Param",
        "Params",
        "Query",
        "DefaultQuery",
        "QueryArray",
        "QueryMap",
        "GetQuery",
        "PostForm",
        "DefaultPostForm",
        "GetPostForm",
        "PostFormArray",
        "GetHeader",
        "QueryParam",
        "QueryParams",
        "FormValue",
        "FormParams",
        "Cookie",
        "FormFile",
        "GetRawData",
        "Body",
        "ParamValues",
        "QueryString",
    }
)
_BINDERS = frozenset(
    {
        "Bind",
        "BindJSON",
        "ShouldBind",
        "ShouldBindJSON",
        "ShouldBindQuery",
        "ShouldBindUri",
        "BindQuery",
        "BindUri",
        "ShouldBindWith",
        "MustBindWith",
        "BodyParser",
        "Decode",
        "Unmarshal",
    }
)
_BINDER_CALLS = frozenset((b,) for b in _BINDERS)
_ROUTE_PARAMS = frozenset({("mux", "Vars"), ("chi", "URLParam"), ("chi", "URLParamFromCtx")})


class Taint:
    """Which expressions of a handler carry request input."""

    def __init__(self, function: Node) -> None:
        self.requests = {name for name, kind in parameters(function) if kind in _REQUEST_TYPES}
        self.writers = {
            name for name, kind in parameters(function) if kind == "http.ResponseWriter"
        }
        self.tainted: set[str] = set()
        self.built: dict[str, Tri] = {}  # variables holding formatted/concatenated strings
        body = function.child_by_field_name("body")
        if body is not None:
            self._flow(body)

    def _flow(self, body: Node) -> None:
        for node in walk(body):
            if node.type in ("short_var_declaration", "assignment_statement", "var_spec"):
                self._assign(node)
            elif (
                node.type == "call_expression"
                and callee(node)[-1:] in _BINDER_CALLS
                and self._binds_input(node)
            ):
                self.tainted.update(_pointed(a) for a in arguments(node) if _pointed(a))

    def _assign(self, statement: Node) -> None:
        names, values = assigned_names(statement)
        compound = statement.type == "assignment_statement" and any(
            text_of(c) == "+=" for c in statement.children
        )
        for index, name in enumerate(names):
            value = values[index] if len(values) == len(names) else (values[0] if values else None)
            if value is None or name in ("_", "err"):
                continue
            if self.is_input(value):
                self.tainted.add(name)
            if compound or self.is_built(value):
                previous = self.built.get(name, Tri.NO) if compound else Tri.NO
                self.built[name] = (
                    Tri.any_of(previous, self.origin(value)) if compound else (self.origin(value))
                )

    def _binds_input(self, call: Node) -> bool:
        """`c.ShouldBindJSON(&x)`, `json.NewDecoder(r.Body).Decode(&x)`,
        `json.Unmarshal(body, &x)` with `body` read from the request."""
        names = callee(call)
        if names[:1] and names[0] in self.requests:
            return True
        function = strip(call.child_by_field_name("function"))
        return (function is not None and self.is_input(function)) or any(
            self.is_input(a) for a in arguments(call)[:1]
        )

    def is_input(self, node: Node | None) -> bool:
        node = strip(node)
        if node is None:
            return False
        for part in walk(node):
            if part.type == "identifier" and text_of(part) in self.tainted:
                return True
            if part.type in ("selector_expression", "call_expression") and self._source(part):
                return True
        return False

    def _source(self, node: Node) -> bool:
        names = chain(node)
        if len(names) < 2:
            return False
        if names[0] in self.requests:
            if names[1] in ("Request",) and len(names) > 2:
                return names[2] in _REQUEST_INPUT
            return names[1] in _REQUEST_INPUT or names[1] in _CONTEXT_INPUT
        return node.type == "call_expression" and (names[0], names[-1]) in _ROUTE_PARAMS

    def is_built(self, node: Node | None) -> bool:
        """A string made by `fmt.Sprintf` or `+` from something that is not a literal."""
        node = strip(node)
        if node is None:
            return False
        if node.type == "identifier":
            return text_of(node) in self.built
        if (
            node.type == "binary_expression"
            and text_of(node.child_by_field_name("operator")) == "+"
        ):
            return not _all_literal(node)
        if node.type == "call_expression" and callee(node) in (
            ("fmt", "Sprintf"),
            ("strings", "Join"),
        ):
            return not all(is_literal(a) for a in arguments(node))
        return False

    def origin(self, node: Node | None) -> Tri:
        """YES when request input reaches the value, NO for a literal, else UNKNOWN."""
        node = strip(node)
        if node is None:
            return Tri.UNKNOWN
        if self.is_input(node):
            return Tri.YES
        if node.type == "identifier" and text_of(node) in self.built:
            return self.built[text_of(node)]
        if is_literal(node) or _all_literal(node):
            return Tri.NO
        return Tri.UNKNOWN


def _all_literal(node: Node) -> bool:
    if node.type == "binary_expression":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        return all(n is not None and (is_literal(n) or _all_literal(n)) for n in (left, right))
    return is_literal(node)


def _pointed(given: Node) -> str:
    """`&x` -> x."""
    node = strip(given)
    if node is not None and node.type == "unary_expression":
        operand = strip(node.child_by_field_name("operand"))
        return text_of(operand) if operand is not None and operand.type == "identifier" else ""
    return ""
