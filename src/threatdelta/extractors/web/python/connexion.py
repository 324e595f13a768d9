"""connexion-style handlers: module-level functions bound to an OpenAPI operation by a
dotted `operationId` (`app.api.users.get_user`). A file cannot know which of its functions
a spec names, so a module without route decorators offers a binding for each top-level
function that looks like a handler; the linker keeps the ones a spec operation names."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import FunctionNode, descendants, int_value
from threatdelta.model.link import module_of


def operation_prefix(path: str) -> str:
    """`app/api/users.py` -> `app.api.users`."""
    return module_of(path).replace("/", ".")


def _uses_connexion_request(fn: FunctionNode, index: ModuleIndex) -> bool:
    return any(
        isinstance(n, ast.Attribute | ast.Name)
        and index.imports.qualify(n).startswith(("connexion.request", "connexion.context"))
        for n in descendants(fn)
    )


def _returns_status(fn: FunctionNode, index: ModuleIndex) -> bool:
    """`return body, 201` / `return NoContent, 204`: the connexion / Flask view idiom."""
    for node in descendants(fn):
        if not isinstance(node, ast.Return) or node.value is None:
            continue
        value = node.value
        if isinstance(value, ast.Tuple) and 2 <= len(value.elts) <= 3:
            status = int_value(value.elts[1])
            if status is not None and 100 <= status <= 599:
                return True
        if index.imports.qualify(value).endswith("NoContent"):
            return True
    return False


def _returns_body(fn: FunctionNode) -> bool:
    return any(
        isinstance(n, ast.Return) and isinstance(n.value, ast.Dict | ast.Tuple | ast.List)
        for n in descendants(fn)
    )


def handler_functions(tree: ast.Module, index: ModuleIndex) -> list[FunctionNode]:
    imports_connexion = index.imports.uses("connexion")
    found: list[FunctionNode] = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if node.name.startswith("_") or (node.decorator_list and not imports_connexion):
            continue
        if (
            _uses_connexion_request(node, index)
            or _returns_status(node, index)
            or (imports_connexion and _returns_body(node))
        ):
            found.append(node)
    return found
