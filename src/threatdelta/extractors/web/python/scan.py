"""Walk a function body (or a module or class body) statement by statement, in order,
updating the taint state and handing each call, comparison and literal to the detectors."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from threatdelta.extractors.web.python import authz, responses, settings_facts, sinks, web_settings
from threatdelta.extractors.web.python.assignments import bind
from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.django_sql import django_sql
from threatdelta.extractors.web.python.syntax import FunctionNode, descendants, last_name

CallDetector = Callable[[ast.Call, ScanContext, str], None]

HANDLER_CALLS: tuple[CallDetector, ...] = (
    sinks.sql_raw,
    django_sql,
    sinks.orm_query,
    sinks.nosql_query,
    sinks.outbound_http,
    sinks.file_access,
    sinks.command_exec,
    sinks.deserialization,
    sinks.code_eval,
    sinks.redirect,
    sinks.regex,
    authz.object_lookup,
    authz.ownership_keywords,
    authz.mass_assignment,
    responses.audit_log,
    responses.response_call,
)
# Outside handlers only operations that are a smell whatever their input: SQL built by
# formatting, shell commands, unsafe deserialisation, eval. File paths, URLs and regexes
# in helpers are everyday code; they matter only with request input, which a helper hides.
HELPER_CALLS: tuple[CallDetector, ...] = (
    sinks.sql_raw,
    django_sql,
    sinks.command_exec,
    sinks.deserialization,
    sinks.code_eval,
)
SETTINGS_CALLS: tuple[CallDetector, ...] = (
    settings_facts.secret_call,
    settings_facts.debug_call,
    settings_facts.jwt_call,
    settings_facts.hash_call,
    web_settings.cookie_call,
    web_settings.middleware_call,
)
_CLIENT_FACING_ERRORS = ("Validation", "HTTPException")


def _exception_name(handler: ast.ExceptHandler) -> str | None:
    """The name bound by `except ... as e` when its text can carry internals. Validation
    errors and HTTP exceptions carry messages written for the client."""
    caught = handler.type
    types = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    if any(m in last_name(t) for t in types if t for m in _CLIENT_FACING_ERRORS):
        return None
    return handler.name


def scan_function(fn: FunctionNode, ctx: ScanContext) -> None:
    scan_block(fn.body, ctx)


def scan_block(stmts: list[ast.stmt], ctx: ScanContext) -> None:
    for stmt in stmts:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        _statement(stmt, ctx)
        for block in _blocks(stmt):
            scan_block(block, ctx)
        for handler in getattr(stmt, "handlers", ()):
            name = _exception_name(handler)
            if name:
                ctx.exception_names.add(name)
            scan_block(handler.body, ctx)


def _blocks(stmt: ast.stmt) -> Iterator[list[ast.stmt]]:
    for name in ("body", "orelse", "finalbody"):
        block = getattr(stmt, name, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
    for case in getattr(stmt, "cases", ()):
        yield case.body


def _header(stmt: ast.stmt) -> list[ast.expr]:
    if isinstance(stmt, ast.If | ast.While):
        return [stmt.test]
    if isinstance(stmt, ast.For | ast.AsyncFor):
        return [stmt.iter]
    if isinstance(stmt, ast.With | ast.AsyncWith):
        return [item.context_expr for item in stmt.items]
    if isinstance(stmt, ast.Match):
        return [stmt.subject]
    if isinstance(stmt, ast.Try | ast.TryStar):
        return []
    return [n for n in ast.iter_child_nodes(stmt) if isinstance(n, ast.expr)]


def _statement(stmt: ast.stmt, ctx: ScanContext) -> None:
    settings_facts.assignment(stmt, ctx)
    if ctx.in_handler:
        if isinstance(stmt, ast.Return | ast.Raise):
            responses.returned(stmt, ctx)
        elif isinstance(stmt, ast.If):
            authz.inline_guard(stmt, ctx)
        elif isinstance(stmt, ast.For | ast.AsyncFor):
            authz.setattr_loop(stmt, ctx)
    detectors = HANDLER_CALLS + SETTINGS_CALLS if ctx.in_handler else HELPER_CALLS + SETTINGS_CALLS
    for expr in _header(stmt):
        for node in descendants(expr):
            if isinstance(node, ast.Call):
                name = last_name(node.func)
                for detect in detectors:
                    detect(node, ctx, name)
                if ctx.in_handler and name == "get":
                    responses.request_read(node, ctx)
            elif isinstance(node, ast.Constant):
                settings_facts.token_literal(node, ctx)
            elif ctx.in_handler and isinstance(node, ast.Compare):
                authz.ownership_compare(node, ctx)
            elif ctx.in_handler and isinstance(node, ast.Subscript):
                responses.request_read(node, ctx)
    bind(ctx.env, stmt)
