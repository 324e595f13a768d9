"""Audit logging for Python handlers: one `logger.info("audit: ...")` call at the top of the
handler body with the module's own logger, or a new `logging.getLogger(__name__)` logger
when the module has none."""

from __future__ import annotations

import ast

from threatdelta.findings.edit import TextEdit
from threatdelta.remediation.families.drf_token_view import routed_subclass
from threatdelta.remediation.families.handler_source import HandlerSource
from threatdelta.remediation.families.python_source import (
    Function,
    body_insertion,
    first_line,
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
_COLUMNS = 99


_HOOKS = {
    "POST": ("perform_create", "serializer"),
    "PUT": ("perform_update", "serializer"),
    "PATCH": ("perform_update", "serializer"),
    "DELETE": ("perform_destroy", "instance"),
}
Wanted = list[tuple[int, tuple[str, ...]]]


def audit_edits(source: HandlerSource, *, principal: bool) -> tuple[TextEdit, ...] | None:
    """The edits that make the handler log an audit line, or None when there is no place."""
    tree = parse(source.text)
    if tree is None:
        return None
    function = handler_function(tree, source)
    if function is None:
        return _viewset_hook(source, tree)
    place = body_insertion(source, function)
    setup = logger_setup(tree, function)
    if place is None or setup is None:
        return None
    logger, wanted = setup
    who = _principal(tree, function) if principal else None
    line, indent = place
    wanted.append((line, _call(logger, source, who, indent)))
    return insertions(source.path, wanted)


def logger_setup(tree: ast.Module, function: Function | None) -> tuple[str, Wanted] | None:
    """The module's logger, or `logger` with the edits that declare it."""
    names = module_names(tree)
    logger = _module_logger(names) or _flask_logger(names)
    if logger is not None:
        return logger, []
    if "logger" in names or (function is not None and _binds_locally(function, "logger")):
        return None
    wanted: Wanted = []
    if "logging" not in names:
        wanted.append(import_insertion(tree, "import logging"))
    last = last_import_line(tree)
    declaration = "logger = logging.getLogger(__name__)"
    wanted.append((last + 1, ("", declaration) if last else (declaration, "")))
    return "logger", wanted


def _viewset_hook(source: HandlerSource, tree: ast.Module) -> tuple[TextEdit, ...] | None:
    """A DRF view class whose action is inherited: override its `perform_*` hook to log and
    call the inherited one."""
    hook = _HOOKS.get(source.endpoint.method)
    view = next(
        (
            n
            for n in tree.body
            if isinstance(n, ast.ClassDef) and source.start <= first_line(n) <= source.end
        ),
        None,
    )
    setup = logger_setup(tree, None)
    if hook is None or view is None or setup is None or "rest_framework" not in source.text:
        return None
    if routed_subclass(tree, source.endpoint) is not None:
        return None  # a library token view's `post` calls no hook: `audit_drf_token`'s
    name, argument = hook
    defined = {n.name: n for n in view.body if isinstance(n, Function)}
    place = body_insertion(source, defined.get(name) or view)
    if place is None:
        return None
    logger, wanted = setup
    if name in defined:
        wanted.append((place[0], _call(logger, source, "self.request.user", place[1])))
        return insertions(source.path, wanted)
    indent = place[1]
    unit = source.style.indent_unit
    end = view.end_lineno or view.lineno
    call = _call(logger, source, "self.request.user", indent + unit)
    body = (*call, f"{indent}{unit}super().{name}({argument})")
    wanted.append((end + 1, ("", f"{indent}def {name}(self, {argument}):", *body)))
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


def _flask_logger(names: dict[str, ast.stmt]) -> str | None:
    """Flask's own logger: `app.logger` of the module's app, or `current_app.logger`."""
    for name, node in names.items():
        call = node.value if isinstance(node, ast.Assign) else None
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Flask":
            return f"{name}.logger"
    current = names.get("current_app")
    if isinstance(current, ast.ImportFrom) and current.module == "flask":
        return "current_app.logger"
    return None


def _binds_locally(function: Function, name: str) -> bool:
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


def _call(logger: str, source: HandlerSource, who: str | None, indent: str) -> tuple[str, ...]:
    """The log call at `indent`, wrapped as a formatter would past 99 columns: the
    arguments on a line of their own, else one argument a line."""
    endpoint = source.endpoint
    q = "'" if source.text.count("'") > source.text.count('"') else '"'
    message = f"{q}audit: %s %s{q}" if who is None else f"{q}audit: %s %s by %s{q}"
    arguments = [message, f"{q}{endpoint.method}{q}", f"{q}{_escaped(endpoint.path, q)}{q}"]
    arguments += [who] if who is not None else []
    inner = indent + source.style.indent_unit
    for lines in (
        (f"{indent}{logger}.info({', '.join(arguments)})",),
        (f"{indent}{logger}.info(", inner + ", ".join(arguments), f"{indent})"),
    ):
        if all(len(line) <= _COLUMNS for line in lines):
            return lines
    return (f"{indent}{logger}.info(", *(f"{inner}{a}," for a in arguments), f"{indent})")


def _escaped(text: str, quote: str) -> str:
    return text.replace("\\", "\\\\").replace(quote, "\\" + quote)
