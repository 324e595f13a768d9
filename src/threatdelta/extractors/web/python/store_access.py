"""Where a handler reads or writes a data store, named by the symbol it goes through.

A model class is used when the handler touches `Model.query` / `Model.objects`, passes the
class to `session.query`, `select`, `session.get`, `get_or_404`, `get_object_or_404`,
`insert` / `update` / `delete`, or constructs it (`Model(...)`, which `session.add` then
writes). A client is used when a call goes through it (`cache.setex(...)`,
`db.patients.find(...)`). Names are kept when this module declares them as stores or
imports them from a module that is not a well-known library; the linker resolves imported
ones and drops those that name no store. Module-level functions a handler calls directly
count too (one level), with the call site as `caller` evidence.

Only calls are looked at, and they come from the module's one gathering walk, sorted once
and sliced per function by line.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import FunctionNode, dotted, handler_span, span
from threatdelta.model.base import Evidence, EvidenceRole
from threatdelta.model.fragment import StoreAccess, SymbolRef

_MODEL_ARG_CALLS = frozenset(
    {
        "query",
        "select",
        "get",
        "get_or_404",
        "one_or_404",
        "get_object_or_404",
        "get_list_or_404",
        "insert",
        "update",
        "delete",
    }
)
_ALL_ARGS = frozenset({"query", "select"})  # select(User.id, User.name): every argument
_MANAGERS = frozenset({"query", "objects"})
_REDIS_METHODS = frozenset(
    {
        "get",
        "set",
        "setex",
        "setnx",
        "getdel",
        "mget",
        "mset",
        "delete",
        "exists",
        "expire",
        "incr",
        "decr",
        "hget",
        "hset",
        "hgetall",
        "hdel",
        "lpush",
        "rpush",
        "lrange",
        "sadd",
        "srem",
        "smembers",
        "zadd",
        "zrange",
        "publish",
        "pipeline",
    }
)
_MONGO_METHODS = frozenset(
    {
        "find",
        "find_one",
        "insert_one",
        "insert_many",
        "update_one",
        "update_many",
        "replace_one",
        "delete_one",
        "delete_many",
        "aggregate",
        "count_documents",
        "find_one_and_update",
        "find_one_and_delete",
    }
)
_LIBRARIES = frozenset(
    {
        "flask",
        "fastapi",
        "starlette",
        "werkzeug",
        "pydantic",
        "sqlalchemy",
        "sqlmodel",
        "django",
        "rest_framework",
        "marshmallow",
        "requests",
        "httpx",
        "datetime",
        "decimal",
        "uuid",
        "json",
        "typing",
        "collections",
        "pathlib",
        "logging",
        "enum",
        "dataclasses",
        "http",
        "flask_login",
        "flask_jwt_extended",
        "jwt",
    }
)
_CLASS_LIKE = re.compile(r"_?[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")


def _model_candidates(call: ast.Call) -> Iterator[ast.expr]:
    """Expressions that may name a model class in this call."""
    node: ast.expr = call.func
    called = True
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        if isinstance(node, ast.Call):
            node, called = node.func, True
            continue
        if isinstance(node, ast.Attribute) and node.attr in _MANAGERS and not called:
            yield node.value  # Patient.query.get(...), Patient.objects.filter(...)
        node, called = node.value, False
    name = call.func.attr if isinstance(call.func, ast.Attribute) else dotted(call.func)
    if name in _MODEL_ARG_CALLS:
        for a in call.args if name in _ALL_ARGS else call.args[:1]:
            yield a
            if isinstance(a, ast.Attribute) and name in _ALL_ARGS:
                yield a.value  # select(User.id): the column's class
    for a in call.args:  # paginate(Patient.query, ...)
        if isinstance(a, ast.Attribute) and a.attr in _MANAGERS:
            yield a.value
    yield call.func  # Patient(...)


def _client_root(call: ast.Call) -> tuple[ast.Name, int] | None:
    """The name a call chain starts from and how many steps it has (`db.users.find` -> 2)."""
    node, depth = call.func, 0
    while isinstance(node, ast.Attribute | ast.Subscript):
        node, depth = node.value, depth + 1
    return (node, depth) if isinstance(node, ast.Name) and depth else None


class StoreAccessFinder:
    """Store accesses of handler functions, given the module's calls and the local names
    that declare stores."""

    def __init__(
        self, path: str, calls: Sequence[ast.Call], index: ModuleIndex, declared: frozenset[str]
    ) -> None:
        self.path = path
        self.index = index
        self.declared = declared
        self.calls = sorted(calls, key=lambda c: (c.lineno, c.col_offset))
        self.lines = [c.lineno for c in self.calls]
        self._direct: dict[int, dict[str, tuple[ast.expr, ast.Call]]] = {}

    def accesses(self, handlers: Sequence[FunctionNode]) -> list[StoreAccess]:
        """One access per handler and symbol: its first use in the handler, else in a
        module-level function the handler calls."""
        out: list[StoreAccess] = []
        for fn in handlers:
            where = handler_span(self.path, fn)
            uses: dict[str, tuple[ast.expr, ast.Call, ast.Call | None]] = {
                name: (node, call, None) for name, (node, call) in self._uses(fn).items()
            }
            for call_site, helper in self._helpers(fn):
                for name, (node, call) in self._uses(helper).items():
                    uses.setdefault(name, (node, call, call_site))
            for node, call, site in uses.values():
                evidence = [Evidence(location=span(self.path, call))]
                if site is not None:
                    evidence.append(
                        Evidence(location=span(self.path, site), role=EvidenceRole.CALLER)
                    )
                out.append(
                    StoreAccess(handler=where, symbol=self._ref(node), evidence=tuple(evidence))
                )
        return out

    def _ref(self, node: ast.expr) -> SymbolRef:
        ref = self.index.imports.ref(node, self.declared)
        assert ref is not None  # only dotted names are kept
        return SymbolRef(module=ref.module, name=ref.name)

    def _calls_in(self, fn: FunctionNode) -> list[ast.Call]:
        first = fn.body[0].lineno if fn.body else fn.lineno
        last = fn.end_lineno or first
        return self.calls[bisect_left(self.lines, first) : bisect_right(self.lines, last)]

    def _uses(self, fn: FunctionNode) -> dict[str, tuple[ast.expr, ast.Call]]:
        """Symbol name -> (the expression naming it, the first call using it)."""
        found = self._direct.get(id(fn))
        if found is not None:
            return found
        found = {}
        for call in self._calls_in(fn):
            for node in self._symbols(call):
                name = dotted(node)
                if name is not None and name not in found:
                    found[name] = (node, call)
        self._direct[id(fn)] = found
        return found

    def _symbols(self, call: ast.Call) -> Iterator[ast.expr]:
        for node in _model_candidates(call):
            name = dotted(node)
            if name and _CLASS_LIKE.fullmatch(name.rsplit(".", 1)[-1]) and self._known(name):
                yield node
        root = _client_root(call)
        if root is None:
            return
        node, depth = root
        method = call.func.attr if isinstance(call.func, ast.Attribute) else ""
        if node.id in self.declared or (
            self._known(node.id)
            and (
                (depth == 1 and method in _REDIS_METHODS)
                or (depth >= 2 and method in _MONGO_METHODS)
            )
        ):
            yield node

    def _known(self, name: str) -> bool:
        """Declared here as a store, or imported from a module that is not a library."""
        root = name.split(".", 1)[0]
        if "." not in name and name in self.declared:
            return True
        if not self.index.imports.imported(root):
            return False
        return self.index.imports.names[root].split(".", 1)[0] not in _LIBRARIES

    def _helpers(self, fn: FunctionNode) -> Iterator[tuple[ast.Call, FunctionNode]]:
        """Module-level functions of this module that the handler calls by name."""
        seen: set[str] = set()
        for call in self._calls_in(fn):
            if not isinstance(call.func, ast.Name) or call.func.id in seen:
                continue
            helper = self.index.functions.get(call.func.id)
            if (
                helper is None
                or helper is fn
                or helper.col_offset  # a method or a nested function, not a module function
                or self.index.imports.imported(call.func.id)
            ):
                continue
            seen.add(call.func.id)
            yield call, helper
