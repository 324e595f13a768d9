"""slowapi for FastAPI: `@limiter.limit("5/minute")` under the route decorator, the
`request: Request` parameter slowapi reads the client from, and the limiter set-up beside the
app (`app.state.limiter`, the 429 handler) when the module has none."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.edits import indentation
from threatdelta.remediation.families.handler_source import HandlerSource
from threatdelta.remediation.families.python_source import (
    Function,
    import_insertion,
    insertions,
    limiter_name,
    missing_imports,
    module_names,
    repository_limiter,
)

Wanted = list[tuple[int, tuple[str, ...]]]
_FASTAPI_IMPORT = re.compile(r"^from fastapi import (?P<names>[\w, ]+)$")


def slowapi_limit(
    source: HandlerSource,
    tree: ast.Module,
    function: Function,
    route: ast.expr,
    rate: str,
    *,
    others: Mapping[str, str],
) -> tuple[tuple[TextEdit, ...], bool] | None:
    """The edits, and whether a limiter was set up (a new dependency)."""
    request = _request_edit(source, tree, function)
    if request is None:
        return None
    replaced, wanted = request
    limiter = limiter_name(tree)
    new = limiter is None
    if limiter is None:
        shared = repository_limiter(source.path, tree, others)
        setup = (shared[0], shared[1]) if shared else _setup(tree, route)
        if setup is None:
            return None
        limiter, more = setup
        new = shared is None
        wanted.extend(more)
    indent = indentation(source.line(route.lineno))
    wanted.append(
        ((route.end_lineno or route.lineno) + 1, (f'{indent}@{limiter}.limit("{rate}")',))
    )
    edits = [*replaced, *insertions(source.path, wanted)]
    return tuple(sorted(edits, key=lambda e: (e.start, e.end))), new


def _request_edit(
    source: HandlerSource, tree: ast.Module, function: Function
) -> tuple[list[TextEdit], Wanted] | None:
    """`request: Request` as the handler's first parameter (unless it has one), and
    `Request` in the module's `from fastapi import ...` line."""
    params = [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]
    if any(ast.unparse(p.annotation or ast.Constant("")).endswith("Request") for p in params):
        return [], []
    if any(p.arg == "request" for p in params) or function.lineno != function.body[0].lineno - 1:
        return None
    line = source.line(function.lineno)
    head = f"def {function.name}("
    if line.count(head) != 1:
        return None
    empty = line.split(head, 1)[1].startswith(")")
    patched = line.replace(head, head + ("request: Request" if empty else "request: Request, "))
    edits = [
        TextEdit(path=source.path, start=function.lineno, end=function.lineno, lines=(patched,))
    ]
    if "Request" in module_names(tree):
        return edits, []
    for number, text in enumerate(source.lines, start=1):
        found = _FASTAPI_IMPORT.match(text)
        if found and number != function.lineno:
            names = sorted({*(n.strip() for n in found.group("names").split(",")), "Request"})
            new = f"from fastapi import {', '.join(names)}"
            edits.append(TextEdit(path=source.path, start=number, end=number, lines=(new,)))
            return edits, []
    return edits, [import_insertion(tree, "from fastapi import Request")]


def _setup(tree: ast.Module, route: ast.expr) -> tuple[str, Wanted] | None:
    call = route.func if isinstance(route, ast.Call) else None
    app = getattr(getattr(call, "value", None), "id", None)
    node = module_names(tree).get(app or "")
    if app is None or not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
        return None
    if getattr(node.value.func, "id", "") != "FastAPI":
        return None
    end = node.end_lineno or node.lineno
    return "limiter", [
        *missing_imports(
            tree,
            "from slowapi import Limiter, _rate_limit_exceeded_handler",
            "from slowapi.errors import RateLimitExceeded",
            "from slowapi.util import get_remote_address",
        ),
        (
            end + 1,
            (
                "limiter = Limiter(key_func=get_remote_address)",
                f"{app}.state.limiter = limiter",
                f"{app}.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)",
            ),
        ),
    ]
