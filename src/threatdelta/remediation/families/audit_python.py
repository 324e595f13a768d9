"""Audit logging for Python handlers: one `logger.info("audit: ...")` call at the top of the
handler body with the module's own logger, or a new `logging.getLogger(__name__)` logger
when the module has none."""

from __future__ import annotations

import ast

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.handler_source import HandlerSource
from threatdelta.remediation.families.python_source import (
    body_insertion,
    handler_function,
    import_insertion,
    imported_modules,
    insertions,
    last_import_line,
    module_names,
    parse,
)

_LOGGER_NAMES = ("logger", "log", "_logger", "_log", "audit_logger", "LOGGER", "LOG")
_FACTORIES = ("getLogger", "get_logger", "getChild")


def audit_edits(source: HandlerSource, *, principal: bool) -> tuple[TextEdit, ...] | None:
    """The edits that make the handler log an audit line, or None when there is no place."""
    tree = parse(source.text)
    if tree is None:
        return None
    function = handler_function(tree, source)
    place = body_insertion(source, function) if function is not None else None
    if function is None or place is None:
        return None
    names = module_names(tree)
    logger = _module_logger(names)
    wanted: list[tuple[int, tuple[str, ...]]] = []
    if logger is None:
        logger = "logger"
        if "logger" in names or _binds_locally(function, "logger"):
            return None
        if "logging" not in names:
            wanted.append(import_insertion(tree, "import logging"))
        last = last_import_line(tree)
        declaration = "logger = logging.getLogger(__name__)"
        wanted.append((last + 1, ("", declaration) if last else (declaration, "")))
    who = _principal(tree, function) if principal else None
    line, indent = place
    wanted.append((line, (indent + _call(logger, source, who),)))
    return insertions(source.path, wanted)


def _module_logger(names: dict[str, ast.stmt]) -> str | None:
    for name in _LOGGER_NAMES:
        bound = names.get(name)
        if isinstance(bound, ast.ImportFrom):
            return name
        if isinstance(bound, ast.Assign) and isinstance(bound.value, ast.Call):
            func = bound.value.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in _FACTORIES:
                return name
    return None


def _binds_locally(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    params = {a.arg for a in (*function.args.posonlyargs, *function.args.args)}
    params.update(a.arg for a in function.args.kwonlyargs)
    stores = {
        n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    return name in params or name in stores


def _principal(tree: ast.Module, function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The authenticated principal in scope: Django's `request.user`, flask-login's
    `current_user`."""
    modules = imported_modules(tree)
    params = [a.arg for a in function.args.args]
    if "request" in params and any(
        m.split(".")[0] in ("django", "rest_framework") for m in modules
    ):
        return "request.user"
    names = module_names(tree)
    if isinstance(names.get("current_user"), ast.ImportFrom):
        return "current_user.get_id()"
    return None


def _call(logger: str, source: HandlerSource, who: str | None) -> str:
    endpoint = source.endpoint
    quote = "'" if source.text.count("'") > source.text.count('"') else '"'
    method = f"{quote}{endpoint.method}{quote}"
    path = f"{quote}{_escaped(endpoint.path, quote)}{quote}"
    if who is None:
        return f"{logger}.info({quote}audit: %s %s{quote}, {method}, {path})"
    return f"{logger}.info({quote}audit: %s %s by %s{quote}, {method}, {path}, {who})"


def _escaped(text: str, quote: str) -> str:
    return text.replace("\\", "\\\\").replace(quote, "\\" + quote)
