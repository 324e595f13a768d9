"""Python structure the rate-limiting and audit-logging families edit: the handler function
of a threat, the module's imports and top-level names, and insertions at the right place."""

from __future__ import annotations

import ast
import sys
from collections.abc import Mapping

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.handler_source import HandlerSource

Function = ast.FunctionDef | ast.AsyncFunctionDef
STDLIB = sys.stdlib_module_names


def parse(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return None


def first_line(node: Function | ast.ClassDef) -> int:
    return min([node.lineno, *(d.lineno for d in node.decorator_list)])


def handler_function(tree: ast.Module, source: HandlerSource) -> Function | None:
    """The function the threat's evidence names: by the endpoint's handler name inside the
    span, else the first function that starts inside the span."""
    functions = [n for n in ast.walk(tree) if isinstance(n, Function)]
    inside = [f for f in functions if source.start <= first_line(f) <= source.end]
    name = source.endpoint.handler_name.rsplit(".", 1)[-1]
    named = [f for f in inside if f.name == name]
    if named:
        return named[0]
    return None if name and inside and not named else (inside[0] if inside else None)


def body_insertion(source: HandlerSource, node: Function | ast.ClassDef) -> tuple[int, str] | None:
    """The line before which a statement goes at the top of the body (after a docstring),
    and the body's indentation; None when the body shares the `def` line."""
    body = node.body
    first = body[0]
    if _is_docstring(first) and len(body) > 1:
        first = body[1]
    elif _is_docstring(first):
        return None
    line = source.line(first.lineno)
    indent = indentation(line)
    if first.lineno == node.lineno or len(indent) != first.col_offset:
        return None
    start = first.lineno  # before the comments that lead the first statement
    while start - 1 > node.lineno and source.line(start - 1).startswith(indent + "#"):
        start -= 1
    return start, indent


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def module_names(tree: ast.Module) -> dict[str, ast.stmt]:
    """Top-level names the module binds (assignments and imports) and the binding statement."""
    names: dict[str, ast.stmt] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                names[(alias.asname or alias.name).split(".")[0]] = node
    return names


def imported_modules(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def last_import_line(tree: ast.Module) -> int:
    """The last line of the leading block of imports (after docstring and `__future__`)."""
    last = 0
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom) or (last == 0 and _is_docstring(node)):
            last = node.end_lineno or node.lineno
        else:
            break
    return last


def import_insertion(tree: ast.Module, statement: str) -> tuple[int, tuple[str, ...]]:
    """Where `statement` (an `import x` or `from x import y` line) goes: in name order among
    the imports of its kind (a `from` import among those of its own top-level package, else
    after the last absolute one), else after the last import, else after the docstring."""
    if statement.startswith("import "):
        same: list[ast.stmt] = [n for n in tree.body if isinstance(n, ast.Import)]
        froms = [n for n in tree.body if isinstance(n, ast.ImportFrom) and not _is_future(n)]
        if not same and froms:  # the standard library's section comes first
            first = froms[0]
            stdlib = first.level == 0 and (first.module or "").split(".")[0] in STDLIB
            return first.lineno, ((statement,) if stdlib else (statement, ""))
    else:
        package = statement.split()[1].split(".", maxsplit=1)[0]
        absolute = [
            n
            for n in tree.body
            if isinstance(n, ast.ImportFrom) and n.level == 0 and not _is_future(n)
        ]
        family = [n for n in absolute if (n.module or "").split(".")[0] == package]
        same = list(family or absolute)
        if not family and same:
            return (same[-1].end_lineno or same[-1].lineno) + 1, (statement,)
    later = [n for n in same if ast.unparse(n) > statement]
    if later:
        return later[0].lineno, (statement,)
    if same:
        return (same[-1].end_lineno or same[-1].lineno) + 1, (statement,)
    last = last_import_line(tree)
    return last + 1, (("", statement) if last else (statement, ""))


def _is_future(node: ast.stmt) -> bool:
    return isinstance(node, ast.ImportFrom) and node.module == "__future__"


def insertions(path: str, wanted: list[tuple[int, tuple[str, ...]]]) -> tuple[TextEdit, ...]:
    """Insertion edits, merging the ones that fall before the same line (in the given order)."""
    merged: dict[int, list[str]] = {}
    for start, lines in wanted:
        merged.setdefault(start, []).extend(lines)
    return tuple(
        TextEdit(path=path, start=start, end=start - 1, lines=tuple(lines))
        for start, lines in sorted(merged.items())
    )


def limiter_name(tree: ast.Module) -> str | None:
    """The rate limiter instance the module has: `limiter = Limiter(...)`, else an imported
    lower-case name such as `limiter` (never the `Limiter` class itself)."""
    names = module_names(tree)
    for name, node in names.items():
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if getattr(func, "id", getattr(func, "attr", "")) == "Limiter":
                return name
    for name, node in names.items():
        if isinstance(node, ast.ImportFrom) and "limiter" in name.lower() and name[0].islower():
            return name
    return None


def missing_imports(tree: ast.Module, *statements: str) -> list[tuple[int, tuple[str, ...]]]:
    """Insertions of the `from x import a, b` statements whose names the module lacks."""
    names = module_names(tree)
    wanted = []
    for statement in statements:
        imported = statement.partition(" import ")[2].split(",")
        if not all(n.strip() in names for n in imported):
            wanted.append(import_insertion(tree, statement))
    return wanted


def repository_limiter(
    path: str, tree: ast.Module, others: Mapping[str, str]
) -> tuple[str, list[tuple[int, tuple[str, ...]]], bool] | None:
    """A route module without a limiter: import the one another module of its package sets
    up (`limiter = Limiter(...)`), named by its import path (a `src/` folder is not part of
    it)."""
    package = path.split("/", maxsplit=1)[0]
    for other_path, text in sorted(others.items()):
        if not other_path.endswith(".py") or other_path == path:
            continue
        if "/" in path and not other_path.startswith(package + "/"):
            continue
        other = parse(text)
        name = limiter_name(other) if other is not None else None
        node = module_names(other).get(name or "") if other is not None and name else None
        if name and isinstance(node, ast.Assign):
            module = other_path.removesuffix(".py").removesuffix("/__init__")
            dotted = module.removeprefix("src/").replace("/", ".")
            return name, [import_insertion(tree, f"from {dotted} import {name}")], False
    return None
