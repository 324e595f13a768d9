"""Simple intra-procedural taint: does request data reach an expression?

Sources: Flask/connexion `request.*` data attributes, a FastAPI `Request` parameter's data,
path parameters and FastAPI handler parameters, and locals assigned from those (through
f-strings, concatenation, `%`, `.format`, containers and string methods). Values are YES
(input reaches it), NO (a literal or module constant) or UNKNOWN.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import const_str, dotted, last_name
from threatdelta.model.base import Tri

SOURCE_ATTRS = frozenset(
    {
        "args",
        "form",
        "json",
        "values",
        "data",
        "files",
        "cookies",
        "headers",
        "view_args",
        "get_json",
        "get_data",
        "stream",
        "query_string",
        "url",
        "full_path",
        "path",
        "referrer",
        "query_params",
        "path_params",
        "body",
        "authorization",
        # Django: request.GET / POST / FILES / COOKIES / META
        "GET",
        "POST",
        "FILES",
        "COOKIES",
        "META",
    }
)
RAW_BODY_ATTRS = frozenset({"json", "get_json", "form", "values", "args", "data", "POST"})
_REQUESTS = frozenset({"flask.request", "connexion.request", "quart.request"})
_SANITIZERS = frozenset(
    {"secure_filename", "basename", "url_for", "quote", "escape", "uuid4", "len", "bool"}
)
_PROPAGATORS = frozenset(
    {
        "str",
        "int",
        "float",
        "bytes",
        "dict",
        "list",
        "tuple",
        "set",
        "sorted",
        "format",
        "loads",
        "join",
        "normpath",
        "abspath",
        "realpath",
        "Path",
        "PurePath",
        "urljoin",
        "unquote",
        "b64decode",
        "urlsafe_b64decode",
        "fromisoformat",
        "UUID",
    }
)
_PRINCIPAL_CALLS = frozenset(
    {"get_jwt_identity", "get_current_user", "get_jwt", "current_identity", "_get_user"}
)


def binop_leaves(node: ast.BinOp) -> list[ast.expr]:
    """The operands of a chain of binary operations (`a + b + c`), without recursion: long
    concatenations nest as deep as they are long."""
    leaves: list[ast.expr] = []
    stack: list[ast.expr] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.BinOp):
            stack.extend((current.right, current.left))
        else:
            leaves.append(current)
    return leaves


class LocalKind(StrEnum):
    RAW_INPUT = "raw-input"  # the request body / form / query as a whole
    PRINCIPAL = "principal"  # the authenticated user, or something loaded by their id
    SQL_TEXT = "sql-text"  # a string built by formatting
    HTTP_CLIENT = "http-client"
    STR_LITERAL = "str-literal"
    HASHER = "hasher"  # hashlib.md5() and friends; the algorithm is kept in `details`


@dataclass
class TaintEnv:
    index: ModuleIndex
    request_names: set[str] = field(default_factory=set)
    principal_names: set[str] = field(default_factory=set)
    values: dict[str, Tri] = field(default_factory=dict)
    kinds: dict[str, LocalKind] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)

    def is_request(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Name | ast.Attribute) and dotted(node) in self.request_names:
            return True  # a request parameter, or `self.request` of a class-based view
        return self.index.imports.qualify(node) in _REQUESTS

    def is_principal(self, node: ast.expr) -> bool:
        """`current_user`, `g.user`, `get_jwt_identity()`, `session['user_id']`, or a local
        derived from those."""
        while isinstance(node, ast.Attribute | ast.Subscript):
            if isinstance(node, ast.Attribute) and dotted(node) in ("g.user", "g.current_user"):
                return True
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "user"
                and self.is_request(node.value)
            ):
                return True
            node = node.value
        if isinstance(node, ast.Call):
            if last_name(node.func) in _PRINCIPAL_CALLS:
                return True
            return dotted(node.func) == "session.get" and self._flask_session(node.func)
        if isinstance(node, ast.Name):
            if node.id in ("current_user", "current_identity") or node.id in self.principal_names:
                return True
            return self.kinds.get(node.id) is LocalKind.PRINCIPAL or (
                node.id == "session" and self._flask_session(node)
            )
        return False

    def _flask_session(self, node: ast.expr) -> bool:
        root = node
        while isinstance(root, ast.Attribute):
            root = root.value
        return self.index.imports.qualify(root) == "flask.session"

    def of(self, node: ast.expr | None) -> Tri:
        if node is None or isinstance(node, ast.Constant):
            return Tri.NO
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.Attribute):
            if self.is_request(node.value):
                return Tri.YES if node.attr in SOURCE_ATTRS else Tri.UNKNOWN
            return Tri.NO if self.is_principal(node) else self.of(node.value)
        if isinstance(node, ast.Subscript):
            base = self.of(node.value)
            if base is Tri.NO and not self.is_principal(node.value):
                return Tri.NO if self.of(node.slice) is Tri.NO else Tri.UNKNOWN
            return base
        if isinstance(node, ast.Call):
            return self._call(node)
        return self._composite(node)

    def _name(self, node: ast.Name) -> Tri:
        """Locals and parameters as tracked; the request object itself is unknown; other
        names are module globals, imports or builtins, which request data cannot be."""
        if self.is_principal(node):
            return Tri.NO
        if node.id in self.values:
            return self.values[node.id]
        return Tri.UNKNOWN if self.is_request(node) else Tri.NO

    def _composite(self, node: ast.expr) -> Tri:
        if isinstance(node, ast.JoinedStr):
            return self.all_of(v.value for v in node.values if isinstance(v, ast.FormattedValue))
        parts: list[ast.expr | None]
        if isinstance(node, ast.BinOp):
            parts = list(binop_leaves(node))
        elif isinstance(node, ast.BoolOp):
            parts = list(node.values)
        elif isinstance(node, ast.IfExp):
            parts = [node.body, node.orelse]
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            parts = list(node.elts)
        elif isinstance(node, ast.Dict):
            parts = [*node.keys, *node.values]
        elif isinstance(node, ast.UnaryOp):
            parts = [node.operand]
        elif isinstance(node, ast.Await | ast.Starred | ast.NamedExpr | ast.FormattedValue):
            parts = [node.value]
        elif isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            iters = self.all_of(g.iter for g in node.generators)
            return Tri.YES if iters is Tri.YES else Tri.UNKNOWN
        else:
            return Tri.UNKNOWN
        return self.all_of(parts)

    def all_of(self, parts: Iterable[ast.expr | None]) -> Tri:
        """YES if input reaches any part, NO if every part is constant (or there is none)."""
        values = [self.of(p) for p in parts]
        return Tri.any_of(*values) if values else Tri.NO

    def _call(self, node: ast.Call) -> Tri:
        name = last_name(node.func)
        if name in _PRINCIPAL_CALLS or name in _SANITIZERS:
            return Tri.NO
        args = [*node.args, *(k.value for k in node.keywords)]
        if isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            if self.is_request(receiver):
                return Tri.YES if node.func.attr in SOURCE_ATTRS else Tri.UNKNOWN
            if const_str(receiver) is not None:  # "...".format(x), ", ".join(x)
                return self.all_of(args)
            if self.of(receiver) is Tri.YES:
                return Tri.YES
        if name in _PROPAGATORS:
            return self.all_of(args)
        inputs = [*args, node.func.value] if isinstance(node.func, ast.Attribute) else args
        return Tri.NO if self.all_of(inputs) is Tri.NO else Tri.UNKNOWN

    def is_raw_input(self, node: ast.expr | None) -> bool:
        return self.raw_source(node) is not None

    def raw_source(self, node: ast.expr | None) -> str | None:
        """The request attribute (`json`, `form`, `args`, ...) when `node` is that request
        data as a whole (not one field of it), else None."""
        while True:
            if isinstance(node, ast.Await):
                node = node.value
            elif isinstance(node, ast.BoolOp):
                node = node.values[0]
            elif isinstance(node, ast.Call) and last_name(node.func) in ("to_dict", "dict"):
                inner = node.func.value if isinstance(node.func, ast.Attribute) else None
                node = inner if inner is not None else (node.args[0] if node.args else None)
            else:
                break
        if isinstance(node, ast.Call):
            node = node.func
        if isinstance(node, ast.Name):
            is_raw = self.kinds.get(node.id) is LocalKind.RAW_INPUT
            return self.details.get(node.id) or "json" if is_raw else None
        if (
            isinstance(node, ast.Attribute)
            and node.attr in RAW_BODY_ATTRS
            and self.is_request(node.value)
        ):
            return node.attr
        return None
