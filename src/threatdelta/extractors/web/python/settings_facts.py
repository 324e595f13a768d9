"""Security-relevant settings and calls that matter wherever they are: debug mode,
hard-coded secrets, JWT decoding, password hashing, cookies, CORS, security headers."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.assignments import (
    hash_algorithm,
    is_password_like,
    mentions_salt,
)
from threatdelta.extractors.web.python.context import ScanContext
from threatdelta.extractors.web.python.module_index import VarKind
from threatdelta.extractors.web.python.syntax import (
    arg,
    callee,
    const_str,
    dotted,
    is_false,
    is_true,
    kwarg,
    str_items,
)
from threatdelta.extractors.web.python.taint import LocalKind
from threatdelta.model.base import Tri
from threatdelta.model.facts import FactKind
from threatdelta.model.secret_literals import (
    is_real_secret,
    is_secret_name,
    known_token,
)

_WEAK_ALWAYS = frozenset({"md5", "sha1"})
_FAST_HASHES = frozenset({"sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s", "sha3_256"})
_CRYPTO_PACKAGES = ("hashlib.", "hmac.", "cryptography.", "Crypto.", "nacl.")
_COOKIE_FLAGS = {
    "SESSION_COOKIE_SECURE": "Secure",
    "REMEMBER_COOKIE_SECURE": "Secure",
    "JWT_COOKIE_SECURE": "Secure",
    "SESSION_COOKIE_HTTPONLY": "HttpOnly",
    "REMEMBER_COOKIE_HTTPONLY": "HttpOnly",
}
_SECRET_CALL_NAMES = frozenset({"getenv", "get", "encode", "decode", "new"})
_SAMESITE_SETTINGS = frozenset({"SESSION_COOKIE_SAMESITE", "REMEMBER_COOKIE_SAMESITE"})


def literal_secret(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
        text = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
        return text if is_real_secret(text) else None
    return None


def setting(ctx: ScanContext, node: ast.AST, name: str, value: ast.expr) -> None:
    """`NAME = value`, `app.config["NAME"] = value`, `config.update(NAME=value)`."""
    short = name.rsplit(".", 1)[-1]
    if _is_debug_setting(name, ctx) and is_true(value):
        if not ctx.in_settings_class:
            ctx.add(FactKind.DEBUG_ENABLED, node, short, Tri.NO, f"{short} = True")
    elif short.upper() in _COOKIE_FLAGS and is_false(value):
        flag = _COOKIE_FLAGS[short.upper()]
        ctx.add(FactKind.INSECURE_COOKIE, node, short, Tri.NO, f"missing {flag}")
    elif short.upper() in _SAMESITE_SETTINGS and isinstance(value, ast.Constant):
        if value.value is None or str(value.value).lower() == "none":
            ctx.add(FactKind.INSECURE_COOKIE, node, short, Tri.NO, "missing SameSite")
    elif is_secret_name(short) and literal_secret(value) and not ctx.in_settings_class:
        ctx.add(
            FactKind.HARDCODED_SECRET, node, short, Tri.NO, f"string literal assigned to {short}"
        )
    elif isinstance(value, ast.Constant) and isinstance(value.value, str):
        token = known_token(value.value)
        if token is not None:
            ctx.add(FactKind.HARDCODED_SECRET, node, short, Tri.NO, f"{token} in source")


def _is_debug_setting(name: str, ctx: ScanContext) -> bool:
    """`DEBUG`, `FLASK_DEBUG`, `config["DEBUG"]`, or `debug` on an app (`app.debug`)."""
    owner, _, short = name.rpartition(".")
    if short in ("DEBUG", "FLASK_DEBUG"):
        return True
    if short != "debug" or not owner:
        return False
    binding = ctx.index.bindings.get(owner)
    return owner in ("app", "application") or (
        binding is not None and binding.kind in (VarKind.FLASK_APP, VarKind.FASTAPI_APP)
    )


def assignment(stmt: ast.stmt, ctx: ScanContext) -> None:
    if isinstance(stmt, ast.Assign):
        targets, value = stmt.targets, stmt.value
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        targets, value = [stmt.target], stmt.value
    else:
        return
    for target in targets:
        name = _target_name(target)
        if name:
            setting(ctx, stmt, name, value)


def _target_name(target: ast.expr) -> str:
    if isinstance(target, ast.Name | ast.Attribute):
        return dotted(target) or ""
    if isinstance(target, ast.Subscript):  # app.config["SECRET_KEY"], os.environ["X"]
        return const_str(target.slice) or ""
    return ""


def token_literal(node: ast.Constant, ctx: ScanContext) -> None:
    if isinstance(node.value, str) and node.lineno not in {
        f.location.start_line for f in ctx.facts if f.kind is FactKind.HARDCODED_SECRET
    }:
        token = known_token(node.value)
        if token is not None:
            ctx.add(FactKind.HARDCODED_SECRET, node, token, Tri.NO, f"{token} in source")


def secret_call(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if not call.keywords and name not in _SECRET_CALL_NAMES:
        return
    qualified = ctx.qualify(call.func)
    if name in ("update", "from_mapping") and "config" in callee(call.func):
        for keyword in call.keywords:
            if keyword.arg:
                setting(ctx, call, keyword.arg, keyword.value)
        return
    if qualified in ("os.getenv", "os.environ.get") and len(call.args) >= 2:
        var = const_str(call.args[0]) or ""
        if is_secret_name(var) and literal_secret(call.args[1]) and not ctx.in_settings_class:
            ctx.add(FactKind.HARDCODED_SECRET, call, var, Tri.NO, f"literal fallback for {var}")
        return
    key = None
    if qualified.endswith(("jwt.encode", "jwt.decode")):
        key = arg(call, 1, "key")
    elif qualified == "hmac.new" or "Serializer" in qualified:
        key = arg(call, 0, "key") if qualified == "hmac.new" else arg(call, 0, "secret_key")
    if key is not None and literal_secret(key):
        ctx.add(
            FactKind.HARDCODED_SECRET, call, qualified, Tri.NO, f"literal key passed to {qualified}"
        )
        return
    for keyword in call.keywords:
        if keyword.arg and is_secret_name(keyword.arg) and literal_secret(keyword.value):
            ctx.add(FactKind.HARDCODED_SECRET, call, keyword.arg, Tri.NO, f"literal {keyword.arg}=")


def debug_call(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if not is_true(kwarg(call, "debug")):
        return
    qualified = ctx.qualify(call.func)
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if name == "run" and receiver is not None:
        if ctx.index.kind(receiver) is VarKind.FLASK_APP or dotted(receiver) in (
            "app",
            "application",
        ):
            ctx.add(FactKind.DEBUG_ENABLED, call, callee(call.func), Tri.NO, "run(debug=True)")
    elif qualified in ("fastapi.FastAPI", "flask.Flask") or name == "FastAPI":
        ctx.add(FactKind.DEBUG_ENABLED, call, name, Tri.NO, f"{name}(debug=True)")


def jwt_call(call: ast.Call, ctx: ScanContext, name: str) -> None:
    if name not in ("decode", "encode", "get_unverified_claims"):
        return
    qualified = ctx.qualify(call.func)
    if not qualified.startswith(("jwt.", "jose.")):
        return
    token = ctx.env.of(arg(call, 0, "token") or arg(call, 0, "jwt"))
    if name == "get_unverified_claims":
        ctx.add(FactKind.JWT_UNVERIFIED, call, qualified, token, "claims read without verification")
    if name == "decode":
        options = kwarg(call, "options")
        unverified = is_false(kwarg(call, "verify")) or _dict_false(options, "verify_signature")
        if unverified:
            ctx.add(FactKind.JWT_UNVERIFIED, call, qualified, token, "signature verification off")
        algorithms = str_items(kwarg(call, "algorithms")) or ()
    else:
        algorithms = str_items(kwarg(call, "algorithm")) or ()
    if any(a.lower() == "none" for a in algorithms):
        ctx.add(FactKind.JWT_NONE_ALGORITHM, call, qualified, token, '"none" algorithm allowed')


def _dict_false(node: ast.expr | None, key: str) -> bool:
    if not isinstance(node, ast.Dict):
        return False
    return any(
        const_str(k) == key and is_false(v) for k, v in zip(node.keys, node.values, strict=True)
    )


def hash_call(call: ast.Call, ctx: ScanContext, name: str) -> None:
    qualified = ctx.qualify(call.func)
    if qualified.startswith(_CRYPTO_PACKAGES):
        ctx.add(FactKind.CRYPTO, call, qualified, ctx.env.all_of(call.args))
    if not call.args:
        return
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if name == "update" and isinstance(receiver, ast.Name):  # h = hashlib.md5(); h.update(pw)
        if ctx.env.kinds.get(receiver.id) is not LocalKind.HASHER:
            return
        algorithm, data = ctx.env.details.get(receiver.id, ""), call.args[0]
        qualified = f"hashlib.{algorithm}"
        if algorithm not in _WEAK_ALWAYS:
            return  # a salt may have gone in first
    elif not qualified.startswith("hashlib."):
        return
    else:
        algorithm, data = hash_algorithm(call) or name, call.args[0]
        data = call.args[1] if name == "new" and len(call.args) >= 2 else data
    if not is_password_like(data):
        return
    if algorithm in _WEAK_ALWAYS or (algorithm in _FAST_HASHES and not mentions_salt(data)):
        salted = "" if algorithm in _WEAK_ALWAYS else "unsalted "
        ctx.add(
            FactKind.WEAK_PASSWORD_HASH,
            call,
            qualified,
            ctx.env.of(data),
            f"{salted}{algorithm} of a password",
        )
