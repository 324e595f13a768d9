"""Module-level facts of one file, for its service: settings, secrets, token handling,
password hashing, and exception text sent by error-handling middleware."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express import secrets
from threatdelta.extractors.web.express.auth_crypto import jwt_decode, jwt_none, weak_hash
from threatdelta.extractors.web.express.bindings import ModuleIndex
from threatdelta.extractors.web.express.collect import ModuleFacts
from threatdelta.extractors.web.express.context import HandlerContext
from threatdelta.extractors.web.express.data_access import error_text
from threatdelta.extractors.web.express.flow import Flow
from threatdelta.extractors.web.express.settings import SETTINGS
from threatdelta.extractors.web.express.syntax import Code, field, parameter_name, parameters, walk
from threatdelta.model.facts import CodeFact

_ERROR_NAMES = frozenset({"err", "error", "e", "ex", "exc", "exception"})


def module_facts(code: Code, index: ModuleIndex, text: str) -> tuple[CodeFact, ...]:
    out = ModuleFacts(code, index)
    for call in index.calls:
        callee = index.callee(call.child_by_field_name("function"))
        for detect in (*SETTINGS, jwt_decode, weak_hash, secrets.key_argument):
            detect(call, callee, out)
    for pair in index.pairs:
        jwt_none(pair, out)
        secrets.pair(pair, out)
    for node in index.declarators:
        secrets.assigned(node.child_by_field_name("name"), field(node, "value"), node, out)
    for node in index.assignments:
        secrets.assigned(node.child_by_field_name("left"), field(node, "right"), node, out)
    for fn in index.function_nodes:
        _error_middleware(fn, code, index, out)
    secrets.token_patterns(text, out)
    return tuple(out.facts.values())


def _error_middleware(fn: Node, code: Code, index: ModuleIndex, out: ModuleFacts) -> None:
    """`(err, req, res, next) => res.status(500).send(err.stack)`."""
    names = [parameter_name(p) for p in parameters(fn)]
    if len(names) != 4 or names[0] not in _ERROR_NAMES:
        return
    flow = Flow(fn, index)
    flow.req, flow.res, flow.errors = names[1], names[2], {names[0] or ""}
    ctx = HandlerContext(code, index, flow)
    body = fn.child_by_field_name("body")
    for node in walk(body) if body is not None else ():
        if node.type == "call_expression":
            error_text(node, index.callee(node.child_by_field_name("function")), ctx)
    for key, fact in ctx.facts.items():
        out.facts.setdefault(key, fact)
