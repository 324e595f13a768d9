"""What a handler reads from the request and sends back: request and response field
names, query/header/cookie inputs, exception text in responses, and audit logging."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.syntax import (
    callee,
    const_str,
    descendants,
    dotted,
    last_name,
)
from threatdelta.model.base import Tri
from threatdelta.model.elements import ParamLocation
from threatdelta.model.facts import FactKind

_LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log", "msg"}
)
_LOGGERS = frozenset(
    {"logger", "log", "logging", "_logger", "_log", "audit", "audit_log", "audit_logger", "auditor"}
)
_RESPONSE_CALLS = frozenset(
    {
        "jsonify",
        "make_response",
        "abort",
        "JSONResponse",
        "Response",
        "PlainTextResponse",
        "HTMLResponse",
        "HTTPException",
    }
)
_TRACEBACK = frozenset({"format_exc", "format_exception", "format_tb", "print_exc"})
_INPUT_PLACES = {
    "args": ParamLocation.QUERY,
    "values": ParamLocation.QUERY,
    "query_params": ParamLocation.QUERY,
    "headers": ParamLocation.HEADER,
    "cookies": ParamLocation.COOKIE,
    "GET": ParamLocation.QUERY,  # Django
    "COOKIES": ParamLocation.COOKIE,
}


def audit_log(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in _LOG_METHODS and not name.lower().startswith("audit"):
        return
    text = callee(call.func)
    receiver = text.rpartition(".")[0].rsplit(".", 1)[-1].lower()
    is_logger = name in _LOG_METHODS and (receiver in _LOGGERS or receiver.endswith("logger"))
    if is_logger or name.lower().startswith("audit"):
        ctx.add(FactKind.AUDIT_LOG, call, text, Tri.UNKNOWN)


def error_text(node: ast.expr | None, ctx: ScanContext, anchor: ast.AST) -> None:
    """Exception text (`str(e)`, `f"{e}"`, `traceback.format_exc()`) in a response."""
    if node is None or not (ctx.exception_names or ctx.index.imports.uses("traceback")):
        return
    found = _exception_text(node, ctx.exception_names)
    if found is not None:
        detail = "stack trace" if found.startswith("traceback") else "exception text"
        ctx.add(
            FactKind.ERROR_TEXT_RETURNED, anchor, found, Tri.UNKNOWN, f"{detail} sent to the client"
        )


def _exception_text(node: ast.AST, names: set[str]) -> str | None:
    class_only: set[int] = set()  # under type(e) / e.__class__: only the class name
    for sub in descendants(node):
        if id(sub) in class_only:
            class_only.update(id(n) for n in ast.iter_child_nodes(sub))
        elif isinstance(sub, ast.Call) and last_name(sub.func) in _TRACEBACK:
            return callee(sub.func)
        elif (isinstance(sub, ast.Call) and dotted(sub.func) == "type") or (
            isinstance(sub, ast.Attribute) and sub.attr == "__class__"
        ):
            class_only.update(id(n) for n in ast.iter_child_nodes(sub))
        elif isinstance(sub, ast.Name) and sub.id in names:
            return sub.id
    return None


def response_call(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name == "paginate":
        ctx.paginates = True
    if name not in _RESPONSE_CALLS:
        return
    for value in (*call.args, *(k.value for k in call.keywords)):
        error_text(value, ctx, call)
    if name in ("jsonify", "JSONResponse"):
        body = call.args[0] if call.args else None
        response_fields(body, ctx)
        ctx.response_fields.extend(k.arg for k in call.keywords if k.arg and name == "jsonify")


def response_fields(node: ast.expr | None, ctx: ScanContext) -> None:
    if isinstance(node, ast.Tuple) and node.elts:
        node = node.elts[0]
    if isinstance(node, ast.Dict):
        ctx.response_fields.extend(k for k in (const_str(k) for k in node.keys) if k)
    elif isinstance(node, ast.Call) and last_name(node.func) in ("jsonify", "JSONResponse"):
        response_fields(node.args[0] if node.args else None, ctx)


def returned(stmt: ast.Return | ast.Raise, ctx: ScanContext) -> None:
    value = stmt.value if isinstance(stmt, ast.Return) else stmt.exc
    error_text(value, ctx, stmt)
    if isinstance(stmt, ast.Return):
        response_fields(stmt.value, ctx)


def request_read(node: ast.Subscript | ast.Call, ctx: ScanContext) -> None:
    """`request.args["q"]`, `request.json.get("email")`, `data["password"]`."""
    if isinstance(node, ast.Subscript):
        base, key = node.value, const_str(node.slice)
    elif isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
        base, key = node.func.value, const_str(node.args[0])
    else:
        return
    if key is None:
        return
    source = ctx.env.raw_source(base)
    if source is None and isinstance(base, ast.Attribute) and ctx.env.is_request(base.value):
        source = base.attr
    if source in ("json", "get_json", "form", "data", "POST"):
        ctx.request_fields.append(key)
    elif source in _INPUT_PLACES:
        ctx.inputs.append((key, _INPUT_PLACES[source]))
