"""What a Next.js API handler does besides its handler facts: which HTTP methods it
answers (`req.method === 'POST'`, `switch (req.method)`), and whether it checks a session
or token itself (`getServerSession`, `getToken`, `auth()`, a `withAuth(handler)` wrapper)
or rate-limits (`ratelimit.limit(ip)`)."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.syntax import chain, string_value, walk
from threatdelta.model.elements import HTTP_METHODS

_AUTH_CALLS = re.compile(
    r"^(getServerSession|getSession|unstable_getServerSession|getToken|auth|currentUser|"
    r"getAuth|verifyToken|verifyIdToken|verifyJwt|jwtVerify|getUser|requireUser|"
    r"requireAuth|requireSession|validateRequest|getIronSession|getKindeServerSession)$"
)
_AUTH_WRAPPERS = re.compile(r"auth|session|protect|user", re.IGNORECASE)
_LIMIT_CALLS = re.compile(r"rate_?limit|limiter|throttle", re.IGNORECASE)
_SCHEMES = (("token", "jwt"), ("jwt", "jwt"), ("session", "session"), ("auth", "session"))


def methods_checked(fn: Node, req: str | None) -> tuple[str, ...]:
    """The methods a handler compares `req.method` with, in order (empty: any method)."""
    if req is None:
        return ()
    found: dict[str, None] = {}
    body = fn.child_by_field_name("body")
    for node in walk(body) if body is not None else ():
        if node.type == "binary_expression" and _reads_method(node, req):
            for side in ("left", "right"):
                _add(found, string_value(node.child_by_field_name(side)))
        elif node.type == "switch_statement" and _reads_method(node, req):
            cases = node.child_by_field_name("body")
            for case in cases.named_children if cases is not None else ():
                value = case.child_by_field_name("value")
                _add(found, string_value(value) if value is not None else None)
    return tuple(found)


def _reads_method(node: Node, req: str) -> bool:
    value = node.child_by_field_name("value") if node.type == "switch_statement" else node
    if value is None:
        return False
    return any(n.type == "member_expression" and chain(n) == (req, "method") for n in walk(value))


def _add(found: dict[str, None], value: str | None) -> None:
    if value is not None and value.upper() in HTTP_METHODS:
        found[value.upper()] = None


def auth_schemes(fn: Node, wrappers: tuple[str, ...]) -> tuple[str, ...]:
    """Schemes of the authentication a handler performs itself or through a wrapper."""
    names = [w for w in wrappers if _AUTH_WRAPPERS.search(w)]
    body = fn.child_by_field_name("body")
    for node in walk(body) if body is not None else ():
        if node.type == "call_expression":
            called = chain(node.child_by_field_name("function"))
            if called and _AUTH_CALLS.match(called[-1]):
                names.append(called[-1])
    return tuple(dict.fromkeys(_scheme(n) for n in names))


def _scheme(name: str) -> str:
    lower = name.lower()
    return next((s for key, s in _SCHEMES if key in lower), "session")


def rate_limited(fn: Node, wrappers: tuple[str, ...]) -> bool:
    if any(_LIMIT_CALLS.search(w) for w in wrappers):
        return True
    body = fn.child_by_field_name("body")
    for node in walk(body) if body is not None else ():
        if node.type == "call_expression":
            called = chain(node.child_by_field_name("function"))
            if any(_LIMIT_CALLS.search(n) for n in called):
                return True
    return False
