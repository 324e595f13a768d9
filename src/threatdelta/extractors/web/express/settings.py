"""Module-level settings of an Express service: helmet, CORS, debug error pages, cookies
and the session cookie."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import Callee
from threatdelta.extractors.web.express.collect import ModuleFacts
from threatdelta.extractors.web.express.syntax import (
    arguments,
    has_spread,
    object_pairs,
    string_value,
    strip,
)
from threatdelta.model.facts import FactKind

_DEV_GUARD = re.compile(r"NODE_ENV|development|production|\bdev\b|isDev|isProd|debug", re.I)
_CONDITIONS = frozenset({"if_statement", "ternary_expression", "binary_expression"})
_HEADER_SETTERS = frozenset({"header", "setHeader", "set", "append"})


def _is(callee: Callee, module: str, name: str) -> bool:
    return callee.module.removeprefix("node:") == module or (
        not callee.module and callee.names == (name,)
    )


def helmet(call: Node, callee: Callee, out: ModuleFacts) -> None:
    if callee.module == "helmet" or (not callee.module and callee.names[:1] == ("helmet",)):
        out.add(FactKind.SECURITY_HEADERS, call, "helmet", "helmet() sets security headers")


def cors(call: Node, callee: Callee, out: ModuleFacts) -> None:
    if _is(callee, "cors", "cors"):
        _cors_options(call, out)
        return
    args = arguments(call)
    if callee.last in _HEADER_SETTERS and len(callee.names) == 2 and len(args) == 2:
        header = (string_value(args[0]) or "").lower()
        if header == "access-control-allow-origin" and string_value(args[1]) == "*":
            detail = "Access-Control-Allow-Origin: * set by hand"
            out.add(FactKind.CORS_WILDCARD, call, "Access-Control-Allow-Origin", detail)


def _cors_options(call: Node, out: ModuleFacts) -> None:
    args = arguments(call)
    if not args:
        out.add(FactKind.CORS_WILDCARD, call, "cors", "cors() without options allows any origin")
        return
    options = out.object_of(args[0])
    if options is None or has_spread(options):
        return
    pairs = object_pairs(options)
    origin = strip(pairs.get("origin"))
    wildcard = origin is None or _any_origin(origin)
    credentials = strip(pairs.get("credentials"))
    if wildcard and credentials is not None and credentials.type == "true":
        detail = "cors() reflects or allows any origin and allows credentials"
        out.add(FactKind.CORS_WILDCARD_CREDENTIALS, call, "cors", detail)
    elif wildcard:
        out.add(FactKind.CORS_WILDCARD, call, "cors", "cors() allows any origin")


def _any_origin(origin: Node) -> bool:
    if origin.type == "true" or string_value(origin) == "*":
        return True
    return origin.type == "array" and any(string_value(v) == "*" for v in origin.named_children)


def debug(call: Node, callee: Callee, out: ModuleFacts) -> None:
    args = arguments(call)
    if _is(callee, "errorhandler", "errorhandler") and not _dev_only(call, out):
        detail = "errorhandler() sends stack traces to the client"
        out.add(FactKind.DEBUG_ENABLED, call, "errorhandler", detail)
    elif (
        callee.last == "set" and len(callee.names) >= 2 and _setting(args) == ("env", "development")
    ):
        out.add(FactKind.DEBUG_ENABLED, call, "env", "the app runs in development mode")


def _setting(args: list[Node]) -> tuple[str | None, str | None]:
    return (string_value(args[0]), string_value(args[1])) if len(args) == 2 else (None, None)


def _dev_only(node: Node, out: ModuleFacts) -> bool:
    """Inside an `if` (or `&&`, `?:`) on the environment: a development-only setting."""
    current = node.parent
    while current is not None:
        if current.type in _CONDITIONS:
            condition = current.child_by_field_name("condition") or current.child_by_field_name(
                "left"
            )
            if condition is not None and _DEV_GUARD.search(out.code.text(condition)):
                return True
        current = current.parent
    return False


def cookies(call: Node, callee: Callee, out: ModuleFacts) -> None:
    args = arguments(call)
    names = callee.names
    if len(names) == 2 and names[1] == "cookie" and names[0] not in ("req", "request"):
        if len(args) >= 2:
            _response_cookie(call, args, out)
    elif _is(callee, "express-session", "session") and args:
        _session_cookie(call, args[0], out)
    elif _is(callee, "cookie-session", "cookieSession") and args:
        options = out.object_of(args[0])
        if options is not None and not has_spread(options):
            pairs = object_pairs(options)
            name = "cookie-session:" + (string_value(pairs.get("name")) or "session")
            _report(call, name, _missing(pairs, secure_default=False), out)


def _response_cookie(call: Node, args: list[Node], out: ModuleFacts) -> None:
    name = out.text_of(args[0]) or out.code.text(args[0])
    pairs: dict[str, Node] = {}
    if len(args) > 2:
        options = out.object_of(args[2])
        if options is None or has_spread(options):
            return
        pairs = object_pairs(options)
    missing = [
        flag
        for flag, key in (("Secure", "secure"), ("HttpOnly", "httpOnly"), ("SameSite", "sameSite"))
        if _off(pairs.get(key))
    ]
    _report(call, name, missing, out)


def _session_cookie(call: Node, arg: Node, out: ModuleFacts) -> None:
    options = out.object_of(arg)
    if options is None or has_spread(options):
        return
    pairs = object_pairs(options)
    name = "express-session:" + (string_value(pairs.get("name")) or "connect.sid")
    cookie: dict[str, Node] = {}
    if "cookie" in pairs:
        cookie_options = out.object_of(pairs["cookie"])
        if cookie_options is None or has_spread(cookie_options):
            return
        cookie = object_pairs(cookie_options)
    _report(call, name, _missing(cookie, secure_default=False), out)


def _missing(pairs: dict[str, Node], *, secure_default: bool) -> list[str]:
    """Flags a session cookie lacks; absent Secure counts when the default is off."""
    missing = []
    secure = strip(pairs.get("secure"))
    if (secure is None and not secure_default) or (secure is not None and secure.type == "false"):
        missing.append("Secure")
    for flag, key in (("HttpOnly", "httpOnly"), ("SameSite", "sameSite")):
        value = strip(pairs.get(key))
        if value is not None and value.type == "false":
            missing.append(flag)
    return missing


def _off(value: Node | None) -> bool:
    value = strip(value)
    return value is None or value.type == "false"


def _report(call: Node, name: str, missing: list[str], out: ModuleFacts) -> None:
    if missing:
        detail = "missing " + ", ".join(missing)
        out.add(FactKind.INSECURE_COOKIE, call, name, detail)


SETTINGS = (helmet, cors, debug, cookies)
