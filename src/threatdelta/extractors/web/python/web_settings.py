"""HTTP-level settings: cookies set without flags, CORS with a wildcard origin (with or
without credentials), security-header middleware (flask-talisman, secure)."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.syntax import (
    arg,
    callee,
    const_str,
    const_value,
    is_true,
    kwarg,
    str_items,
)
from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind

_WILDCARD_REGEX = frozenset({".*", ".+", "^.*$", "^.+$", "*"})
_CORS_MIDDLEWARE = (
    "fastapi.middleware.cors.CORSMiddleware",
    "starlette.middleware.cors.CORSMiddleware",
)
_SESSION_MIDDLEWARE = ("starlette.middleware.sessions.SessionMiddleware",)
_MIDDLEWARE_NAMES = frozenset(
    {"add_middleware", "CORS", "cross_origin", "CORSMiddleware", "Talisman", "Secure"}
)
_HEADER_MIDDLEWARE = (
    "flask_talisman.Talisman",
    "flask_talisman.talisman.Talisman",
    "secure.Secure",
)


def cookie_call(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name != "set_cookie" or any(k.arg is None for k in call.keywords):
        return
    if arg(call, 1, "value") is None:
        return  # cookiejar.set_cookie(cookie): a client-side jar, not a response
    starlette = ctx.index.imports.uses("fastapi", "starlette")
    missing = []
    if not is_true(kwarg(call, "secure")):
        missing.append("Secure")
    if not is_true(kwarg(call, "httponly")):
        missing.append("HttpOnly")
    samesite = kwarg(call, "samesite")
    if (samesite is None and not starlette) or (
        samesite is not None and str(const_value(samesite)).lower() == "none"
    ):
        missing.append("SameSite")
    if not missing:
        return
    cookie = arg(call, 0, "key")
    cookie_name = const_str(cookie) or (callee(cookie) if cookie is not None else "cookie")
    ctx.add(
        FactKind.INSECURE_COOKIE,
        call,
        cookie_name,
        ctx.env.of(arg(call, 1, "value")),
        "missing " + ", ".join(missing),
    )


def middleware_call(call: ast.Call, ctx: ScanContext, name: str) -> None:
    """`app.add_middleware(X, ...)`, `CORS(app, ...)`, `Talisman(app)`, `CORSMiddleware(app)`."""
    if name not in _MIDDLEWARE_NAMES:
        return
    target, options = call.func, call
    if name == "add_middleware" and call.args:
        target = call.args[0]
    qualified = ctx.qualify(target)
    if qualified in _CORS_MIDDLEWARE:
        _starlette_cors(options, ctx)
    elif qualified.startswith("flask_cors.") and qualified.endswith(("CORS", "cross_origin")):
        flask_cors(options, ctx, qualified.rsplit(".", 1)[-1])
    elif qualified in _SESSION_MIDDLEWARE and not is_true(kwarg(options, "https_only")):
        ctx.add(FactKind.INSECURE_COOKIE, call, "session", Tri.NO, "missing Secure (https_only)")
    elif qualified in _HEADER_MIDDLEWARE:
        ctx.add(FactKind.SECURITY_HEADERS, call, qualified.rsplit(".", 1)[-1], Tri.NO)


def _origins(node: ast.expr | None, ctx: ScanContext) -> tuple[str, ...] | None:
    if isinstance(node, ast.Name) and node.id in ctx.index.constants:
        node = ctx.index.constants[node.id]
    return str_items(node)


def _starlette_cors(call: ast.Call, ctx: ScanContext) -> None:
    origins = _origins(kwarg(call, "allow_origins"), ctx) or ()
    regex = const_str(kwarg(call, "allow_origin_regex"))
    if "*" not in origins and regex not in _WILDCARD_REGEX:
        return
    _cors_fact(call, ctx, "CORSMiddleware", is_true(kwarg(call, "allow_credentials")))


def flask_cors(call: ast.Call, ctx: ScanContext, name: str) -> None:
    credentials = is_true(kwarg(call, "supports_credentials"))
    resources = kwarg(call, "resources")
    if isinstance(resources, ast.Dict):
        options = [v for v in resources.values if isinstance(v, ast.Dict)]
        wildcard = any(_wildcard_resource(v, ctx) for v in options)
        credentials = credentials or any(
            const_str(k) == "supports_credentials" and is_true(v)
            for o in options
            for k, v in zip(o.keys, o.values, strict=True)
        )
    else:
        origins = kwarg(call, "origins")
        wildcard = origins is None or _is_wildcard(_origins(origins, ctx))
    if wildcard:
        _cors_fact(call, ctx, name, credentials)


def _wildcard_resource(options: ast.Dict, ctx: ScanContext) -> bool:
    for key, value in zip(options.keys, options.values, strict=True):
        if const_str(key) == "origins":
            return _is_wildcard(_origins(value, ctx))
    return True  # flask-cors allows every origin by default


def _is_wildcard(origins: tuple[str, ...] | None) -> bool:
    return origins is not None and any(o in _WILDCARD_REGEX for o in origins)


def _cors_fact(call: ast.Call, ctx: ScanContext, name: str, credentials: bool) -> None:
    if credentials:
        ctx.add(
            FactKind.CORS_WILDCARD_CREDENTIALS,
            call,
            name,
            Tri.NO,
            "any origin may send credentialed requests",
        )
    else:
        ctx.add(FactKind.CORS_WILDCARD, call, name, Tri.NO, "any origin allowed")
