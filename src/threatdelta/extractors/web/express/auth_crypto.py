"""Module-level facts about tokens and passwords: `jwt.decode` used to authenticate, the
`none` algorithm accepted, passwords hashed with a fast digest."""

from __future__ import annotations

from tree_sitter import Node

from threatdelta.extractors.web.express.bindings import Callee
from threatdelta.extractors.web.express.collect import ModuleFacts
from threatdelta.extractors.web.express.flow import Flow
from threatdelta.extractors.web.express.syntax import (
    arguments,
    chain,
    enclosing_function,
    field,
    parameter_name,
    parameters,
    string_value,
    strip,
    walk,
)
from threatdelta.model.base import Tri
from threatdelta.model.data_classes import name_words
from threatdelta.model.facts import FactKind

_BROKEN = frozenset({"md4", "md5", "sha1", "sha-1", "ripemd160"})
_FAST = frozenset({"sha224", "sha256", "sha384", "sha512", "sha-256", "sha-512"})
_HASH_FUNCTIONS = {
    ("md5",): "md5",
    ("sha1",): "sha1",
    ("CryptoJS", "MD5"): "md5",
    ("CryptoJS", "SHA1"): "sha1",
    ("CryptoJS", "SHA256"): "sha256",
}
_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "pass", "passphrase", "passcode"})
_NAMES = frozenset({"identifier", "property_identifier", "shorthand_property_identifier"})
_NEXT_NAMES = frozenset({"next", "done", "cb", "callback"})


def is_password_like(node: Node | None) -> bool:
    """Does the expression read a password (`password`, `req.body.pwd`, `user.pass`)?"""
    if node is None:
        return False
    for part in walk(node):
        if part.type in _NAMES and _PASSWORD_WORDS & set(name_words((part.text or b"").decode())):
            return True
    return False


def jwt_none(pair: Node, out: ModuleFacts) -> None:
    key = (pair.child_by_field_name("key") or pair).text
    value = strip(pair.child_by_field_name("value"))
    if value is None:
        return
    if key == b"algorithms" and value.type == "array":
        if any((string_value(v) or "").lower() == "none" for v in value.named_children):
            out.add(FactKind.JWT_NONE_ALGORITHM, pair, "algorithms", "'none' is accepted")
    elif key == b"algorithm" and (string_value(value) or "").lower() == "none":
        out.add(FactKind.JWT_NONE_ALGORITHM, pair, "algorithm", "tokens are signed with 'none'")


def jwt_decode(call: Node, callee: Callee, out: ModuleFacts) -> None:
    """`jwt.decode()` in a function that never calls `verify`, on a token read from the
    request (from_input yes) or in middleware that sets `req.user` (unknown)."""
    if callee.qualified != "jsonwebtoken.decode" and callee.names != ("jwt", "decode"):
        return
    fn = enclosing_function(call)
    args = arguments(call)
    if fn is None or not args or _verifies(fn, out):
        return
    flow = Flow(fn, out.index)
    flow.replay(fn, call)
    from_input = Tri.YES if flow.labels_of(args[0]) else Tri.UNKNOWN
    if from_input is Tri.YES or _middleware(fn):
        detail = "jwt.decode() trusts the token's claims without verifying its signature"
        out.add(FactKind.JWT_UNVERIFIED, call, "jwt.decode", detail, from_input)


def _verifies(fn: Node, out: ModuleFacts) -> bool:
    for node in walk(fn):
        if node.type == "call_expression":
            callee = out.index.callee(node.child_by_field_name("function"))
            if callee.last in ("verify", "jwtVerify"):
                return True
    return False


def _middleware(fn: Node) -> bool:
    """`(req, res, next)`, or a function that sets `req.user` / `req.auth`."""
    params = parameters(fn)
    if len(params) >= 3 and parameter_name(params[2]) in _NEXT_NAMES:
        return True
    for node in walk(fn):
        if node.type == "assignment_expression":
            target = chain(node.child_by_field_name("left"))
            if target[1:2] in (("user",), ("auth",)):
                return True
    return False


def weak_hash(call: Node, callee: Callee, out: ModuleFacts) -> None:
    args = arguments(call)
    if not args:
        return
    algorithm, name = _algorithm(call, callee, out)
    if not algorithm or not is_password_like(args[0]):
        return
    plain = strip(args[0]) is not None and (strip(args[0]) or args[0]).type in (
        "identifier",
        "member_expression",
    )
    if algorithm in _BROKEN or (algorithm in _FAST and plain):
        detail = f"{algorithm} digest of {' '.join(out.code.text(args[0]).split())[:60]}"
        out.add(FactKind.WEAK_PASSWORD_HASH, call, name, detail)


def _algorithm(call: Node, callee: Callee, out: ModuleFacts) -> tuple[str, str]:
    """(`md5`, `crypto.createHash('md5')`) for `crypto.createHash('md5').update(x)`."""
    if callee.names in _HASH_FUNCTIONS:
        return _HASH_FUNCTIONS[callee.names], ".".join(callee.names)
    if callee.last != "update":
        return "", ""
    fn = field(call, "function")
    inner = field(fn, "object") if fn is not None else None
    if inner is None or inner.type != "call_expression":
        return "", ""
    maker = out.index.callee(inner.child_by_field_name("function"))
    crypto = maker.module.removeprefix("node:") == "crypto" or maker.names[:1] == ("crypto",)
    inner_args = arguments(inner)
    if maker.last != "createHash" or not crypto or not inner_args:
        return "", ""
    algorithm = (string_value(inner_args[0]) or "").lower()
    return algorithm, f"crypto.createHash('{algorithm}')"
