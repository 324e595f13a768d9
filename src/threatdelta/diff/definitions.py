"""Names of the functions a change touched, so elements that depend on them by name (an auth
decorator, a guard middleware, a dependency) can be re-analysed as dependents."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

_JS_DEF = re.compile(
    r"^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?"
    r"(?:function\s*\*?\s*([A-Za-z_$][\w$]*)|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=)"
)
_JS_SUFFIXES = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")
# a Go function or method at the left margin: `func Name(`, `func (h *Handler) Name(`
_GO_DEF = re.compile(r"^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*[\[(]")


def _python_spans(text: str) -> Iterator[tuple[str, int, int]]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            yield node.name, start, node.end_lineno or node.lineno


def _js_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Top-level definitions, each running to the line before the next one."""
    starts: list[tuple[str, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _JS_DEF.match(line)
        if match and not line.startswith((" ", "\t")):
            starts.append((match.group(1) or match.group(2), number))
    if not starts:  # only classes or statements (a NestJS controller): nothing to name
        return
    ends = [s for _, s in starts[1:]] + [len(text.splitlines()) + 1]
    for (name, start), end in zip(starts, ends, strict=True):
        yield name, start, end - 1


def _go_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Top-level functions and methods, each running to the line before the next one."""
    starts = [
        (match.group(1), number)
        for number, line in enumerate(text.splitlines(), start=1)
        if (match := _GO_DEF.match(line))
    ]
    ends = [s for _, s in starts[1:]] + [len(text.splitlines()) + 1]
    for (name, start), end in zip(starts, ends, strict=True):
        yield name, start, end - 1


def definition_spans(path: str, text: str) -> Iterator[tuple[str, int, int]]:
    """(name, first line, last line) of the functions and classes defined in a file."""
    if path.endswith(".py"):
        yield from _python_spans(text)
    elif path.endswith(_JS_SUFFIXES):
        yield from _js_spans(text)
    elif path.endswith(".go"):
        yield from _go_spans(text)


def _python_bodies(text: str) -> dict[str, str]:
    """Each definition's syntax tree without positions: formatting never changes it."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return {}
    bodies: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bodies[node.name] = ast.dump(node, include_attributes=False)
    return bodies


def definition_bodies(path: str, text: str) -> dict[str, str]:
    """Each definition in a comparable form, so a move or a formatting or comment edit
    compares equal and a real edit does not: Python by syntax tree, JavaScript by text with
    blank lines, comment lines and all white space dropped."""
    if path.endswith(".py"):
        return _python_bodies(text)
    lines = text.splitlines()
    bodies: dict[str, str] = {}
    for name, start, end in definition_spans(path, text):
        kept = (re.sub(r"\s+", "", line) for line in lines[start - 1 : end])
        bodies[name] = "\n".join(k for k in kept if k and not k.startswith("//"))
    return bodies


Bodies = tuple[tuple[str, tuple[str, ...]], ...]  # (name, every body with that name)


def changed_names(base: Bodies, head: Bodies) -> set[str]:
    """Names defined, removed or edited between two sets of definition bodies."""
    before, after = dict(base), dict(head)
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
