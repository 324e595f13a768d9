"""Reading names, literals and spans from Python AST nodes."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from threatdelta.model.base import Location
from threatdelta.model.data_classes import name_words

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def dotted(node: ast.expr) -> str | None:
    """`a.b.c` for a chain of names and attributes, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def callee(node: ast.expr) -> str:
    """A readable, stable name for what is called: `cursor.execute`, `get_db().execute`."""
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            inner = callee(node.func)
            parts.append(inner + "()")
            break
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            break
        elif isinstance(node, ast.Subscript):
            parts.append("[]")
            node = node.value
        else:
            parts.append("<expr>")
            break
    return ".".join(reversed(parts))


def last_name(node: ast.expr) -> str:
    """The final attribute or name of an expression (`x.y.limit` -> `limit`)."""
    if isinstance(node, ast.Call):
        return last_name(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def const_str(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def const_value(node: ast.expr | None) -> object:
    """The Python value of a literal constant, or `...` (Ellipsis) when not a constant."""
    if isinstance(node, ast.Constant):
        return node.value
    return ...


def str_items(node: ast.expr | None) -> tuple[str, ...] | None:
    """Literal strings of a list/tuple/set literal (or one string), None when not literal."""
    single = const_str(node)
    if single is not None:
        return (single,)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        items = [const_str(e) for e in node.elts]
        if all(i is not None for i in items):
            return tuple(i for i in items if i is not None)
    return None


def kwarg(call: ast.Call, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def arg(call: ast.Call, index: int, name: str) -> ast.expr | None:
    """A call argument given by position or by keyword."""
    if len(call.args) > index and not isinstance(call.args[index], ast.Starred):
        return call.args[index]
    return kwarg(call, name)


def is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def is_false(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is False


def words(name: str) -> list[str]:
    """camelCase, dotted and snake_case names to lower-case words."""
    return name_words(name)


def span(path: str, node: ast.AST) -> Location:
    start = getattr(node, "lineno", 1)
    end = getattr(node, "end_lineno", None) or start
    return Location(path=path, start_line=start, end_line=max(start, end))


def handler_span(path: str, fn: FunctionNode) -> Location:
    """From the first decorator (or the `def`) to the function's last line."""
    start = min([fn.lineno, *(d.lineno for d in fn.decorator_list)])
    return Location(path=path, start_line=start, end_line=max(start, fn.end_lineno or start))


def int_value(node: ast.expr | None) -> int | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return int(node.value)
    if isinstance(node, ast.Attribute):  # status.HTTP_401_UNAUTHORIZED
        match = re.match(r"HTTP_(\d{3})_", node.attr)
        return int(match.group(1)) if match else None
    return None


_LEAF_FIELDS = frozenset(
    {
        "ctx",
        "id",
        "attr",
        "arg",
        "name",
        "names",
        "module",
        "level",
        "type_comment",
        "kind",
        "conversion",
        "is_async",
        "simple",
        "op",
        "ops",
    }
)
_CHILD_FIELDS: Mapping[type, tuple[str, ...]] = MappingProxyType(
    {
        cls: () if cls is ast.Constant else tuple(f for f in cls._fields if f not in _LEAF_FIELDS)
        for cls in vars(ast).values()
        if isinstance(cls, type) and issubclass(cls, ast.AST)
    }
)


def descendants(node: ast.AST) -> list[ast.AST]:
    """`node` and every expression or statement under it, parents before children (a faster
    `ast.walk` that skips contexts and operators)."""
    out: list[ast.AST] = []
    stack = [node]
    fields = _CHILD_FIELDS
    while stack:
        current = stack.pop()
        out.append(current)
        for name in fields.get(type(current), current._fields):
            value = getattr(current, name, None)
            if isinstance(value, list):
                stack.extend(v for v in reversed(value) if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append(value)
    return out


@dataclass(frozen=True)
class ModuleNodes:
    """The nodes of a module that later passes look at, gathered in one walk."""

    imports: list[ast.Import | ast.ImportFrom]
    functions: list[FunctionNode]
    classes: list[ast.ClassDef]
    calls: list[ast.Call]
    assigns: list[ast.Assign | ast.AnnAssign]

    @classmethod
    def of(cls, tree: ast.Module) -> ModuleNodes:
        nodes = cls([], [], [], [], [])
        for node in descendants(tree):
            if isinstance(node, ast.Call):
                nodes.calls.append(node)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                nodes.assigns.append(node)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                nodes.functions.append(node)
            elif isinstance(node, ast.ClassDef):
                nodes.classes.append(node)
            elif isinstance(node, ast.Import | ast.ImportFrom):
                nodes.imports.append(node)
        return nodes
