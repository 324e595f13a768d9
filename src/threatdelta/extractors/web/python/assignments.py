"""How statements change the taint state: assignments, augmented assignments, `for` and
`with` targets. Also recognises strings built by formatting (for raw SQL)."""

from __future__ import annotations

import ast

from threatdelta.extractors.web.python.syntax import const_str, descendants, last_name
from threatdelta.extractors.web.python.taint import LocalKind, TaintEnv, binop_leaves
from threatdelta.model.base import Tri

_HTTP_CLIENTS = frozenset(
    {
        "requests.Session",
        "requests.session",
        "httpx.Client",
        "httpx.AsyncClient",
        "aiohttp.ClientSession",
        "urllib3.PoolManager",
    }
)


def formatting(node: ast.expr | None, env: TaintEnv) -> str | None:
    """How a string is built from values: f-string, `%`, `.format`, `+`; None otherwise."""
    if isinstance(node, ast.JoinedStr):
        return "f-string" if any(isinstance(v, ast.FormattedValue) for v in node.values) else None
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Mod) and const_str(node.left) is not None:
            return "%-formatted string"
        if isinstance(node.op, ast.Add):
            sides = (node.left, node.right)
            if any(_stringish(s, env) for s in sides) and not all(
                isinstance(s, ast.Constant) for s in sides
            ):
                return "string concatenation"
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and const_str(node.func.value) is not None
    ):
        return ".format() string"
    if isinstance(node, ast.Name) and env.kinds.get(node.id) is LocalKind.SQL_TEXT:
        return env.details.get(node.id, "formatted string")
    return None


def _stringish(node: ast.expr, env: TaintEnv) -> bool:
    if isinstance(node, ast.BinOp):
        return any(_stringish(leaf, env) for leaf in binop_leaves(node))
    if const_str(node) is not None or isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.Name) and env.kinds.get(node.id) in (
        LocalKind.SQL_TEXT,
        LocalKind.STR_LITERAL,
    )


def _kind_of(value: ast.expr, env: TaintEnv) -> tuple[LocalKind | None, str]:
    detail = formatting(value, env)
    if detail is not None:
        return LocalKind.SQL_TEXT, detail
    if const_str(value) is not None:
        return LocalKind.STR_LITERAL, ""
    source = env.raw_source(value)
    if source is not None:
        return LocalKind.RAW_INPUT, source
    if env.is_principal(value) or _loaded_by_principal(value, env):
        return LocalKind.PRINCIPAL, ""
    if isinstance(value, ast.Call) and env.index.imports.qualify(value.func) in _HTTP_CLIENTS:
        return LocalKind.HTTP_CLIENT, ""
    if isinstance(value, ast.Call) and env.index.imports.qualify(value.func).startswith("hashlib."):
        algorithm = hash_algorithm(value)
        if algorithm:
            return LocalKind.HASHER, algorithm
    return None, ""


def hash_algorithm(call: ast.Call) -> str:
    """`hashlib.sha1(...)` -> `sha1`; `hashlib.new("md5", ...)` -> `md5`."""
    name = last_name(call.func)
    if name == "new":
        return (const_str(call.args[0]) or "").lower() if call.args else ""
    return name


def _loaded_by_principal(value: ast.expr, env: TaintEnv) -> bool:
    """`db.session.get(User, get_jwt_identity())`: the principal's own record."""
    while isinstance(value, ast.Call):
        args = [*value.args, *(k.value for k in value.keywords)]
        if any(env.is_principal(a) for a in args):
            return True
        func = value.func
        value = func.value if isinstance(func, ast.Attribute) else func
    return False


def _names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for e in target.elts for n in _names(e)]
    if isinstance(target, ast.Starred):
        return _names(target.value)
    return []


def _set(env: TaintEnv, target: ast.expr, value: ast.expr | None, taint: Tri) -> None:
    names = _names(target)
    kind, detail = (None, "") if value is None or len(names) != 1 else _kind_of(value, env)
    for name in names:
        env.values[name] = taint
        env.kinds.pop(name, None)
        if kind is not None:
            env.kinds[name] = kind
            env.details[name] = detail


def bind(env: TaintEnv, stmt: ast.stmt) -> None:
    """Update the taint state after `stmt` ran (its nested blocks are walked separately)."""
    if isinstance(stmt, ast.Assign):
        taint = env.of(stmt.value)
        for target in stmt.targets:
            _set(env, target, stmt.value, taint)
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        _set(env, stmt.target, stmt.value, env.of(stmt.value))
    elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
        name = stmt.target.id
        old = env.values.get(name, Tri.UNKNOWN)
        env.values[name] = Tri.any_of(old, env.of(stmt.value))
        was = env.kinds.get(name)
        grows = isinstance(stmt.op, ast.Add) and not isinstance(stmt.value, ast.Constant)
        if grows and was in (LocalKind.SQL_TEXT, LocalKind.STR_LITERAL):
            env.kinds[name] = LocalKind.SQL_TEXT
            env.details[name] = env.details.get(name) or "string concatenation"
    elif isinstance(stmt, ast.For | ast.AsyncFor):
        _set(env, stmt.target, None, env.of(stmt.iter))
    elif isinstance(stmt, ast.With | ast.AsyncWith):
        for item in stmt.items:
            if item.optional_vars is not None:
                _set(env, item.optional_vars, item.context_expr, env.of(item.context_expr))


def _texts(node: ast.expr) -> list[str]:
    out: list[str] = []
    for sub in descendants(node):
        if isinstance(sub, ast.Name):
            out.append(sub.id.lower())
        elif isinstance(sub, ast.Attribute):
            out.append(sub.attr.lower())
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            out.append(sub.value.lower())
    return out


def is_password_like(node: ast.expr) -> bool:
    """Does an expression read a password-like value (`password`, `form["pwd"]`)?"""
    return any(
        w in text for text in _texts(node) for w in ("password", "passwd", "passphrase", "pwd")
    )


def mentions_salt(node: ast.expr) -> bool:
    return any("salt" in text for text in _texts(node))
