"""Classify one Express middleware expression: an authentication guard (passport,
express-jwt, a custom `jwt.verify` guard, an `isAuthenticated`-style name), a permission
guard, a rate limiter, a plain utility, or something unrecognised."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from tree_sitter import Node

from threatdelta.extractors.web.express import names as conv
from threatdelta.extractors.web.express.bindings import Callee, ModuleIndex
from threatdelta.extractors.web.express.guard_names import middleware_names
from threatdelta.extractors.web.express.syntax import (
    FUNCTION_TYPES,
    arguments,
    chain,
    identifier,
    object_pairs,
    string_value,
    strip,
    walk,
)
from threatdelta.model.base import Tri

_MAX_DEPTH = 4
_AUTH_MODULES = {
    "express-jwt": "jwt",
    "express-oauth2-jwt-bearer": "jwt",
    "express-openid-connect": "oauth2",
    "connect-ensure-login": "session",
    "express-basic-auth": "basic",
    "keycloak-connect": "oauth2",
}
_RATE_MODULES = frozenset(
    {"express-rate-limit", "express-slow-down", "express-brute", "rate-limiter-flexible"}
)
_PLAIN_MODULES = frozenset(
    {
        "helmet",
        "cors",
        "morgan",
        "compression",
        "cookie-parser",
        "body-parser",
        "express-session",
        "cookie-session",
        "multer",
        "express-validator",
        "celebrate",
        "csurf",
        "hpp",
        "express-mongo-sanitize",
        "xss-clean",
        "serve-static",
        "serve-favicon",
        "method-override",
        "connect-timeout",
        "express-fileupload",
        "response-time",
        "swagger-ui-express",
        "express-winston",
        "pino-http",
        "express-async-handler",
        "errorhandler",
    }
)
_STRATEGIES = {
    "jwt": "jwt",
    "bearer": "bearer",
    "basic": "basic",
    "digest": "basic",
    "headerapikey": "apiKey",
    "localapikey": "apiKey",
    "api-key": "apiKey",
    "apikey": "apiKey",
    "oauth2": "oauth2",
    "google": "oauth2",
    "github": "oauth2",
    "facebook": "oauth2",
    "azure-ad": "oauth2",
    "oidc": "oauth2",
    "saml": "saml",
    "local": "session",
}


_MAYBE_CONTROL = re.compile(r"auth|verif|token|session|login|credential|permi|role|limit", re.I)


class GuardKind(StrEnum):
    AUTH = "auth"
    PERMISSION = "permission"
    RATE_LIMIT = "rate-limit"
    PLAIN = "plain"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Guard:
    kind: GuardKind
    schemes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # what the middleware is called, see `guard_names`


PLAIN = Guard(GuardKind.PLAIN)
UNKNOWN = Guard(GuardKind.UNKNOWN)


def authentication_of(guards: list[Guard]) -> Tri:
    """YES when a guard authenticates, UNKNOWN when one is unrecognised, else NO."""
    kinds = {g.kind for g in guards}
    if kinds & {GuardKind.AUTH, GuardKind.PERMISSION}:
        return Tri.YES
    return Tri.UNKNOWN if GuardKind.UNKNOWN in kinds else Tri.NO


def rate_limit_of(guards: list[Guard]) -> Tri:
    kinds = {g.kind for g in guards}
    if GuardKind.RATE_LIMIT in kinds:
        return Tri.YES
    return Tri.UNKNOWN if GuardKind.UNKNOWN in kinds else Tri.NO


def schemes_of(guards: list[Guard]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for g in guards for s in g.schemes))


def names_of(guards: list[Guard]) -> tuple[str, ...]:
    """The names of every middleware in a chain, whatever it does, first seen first."""
    return tuple(dict.fromkeys(n for g in guards for n in g.names))


def by_name(name: str) -> Guard:
    """A guard known only by its name (imported, or a parameter)."""
    if conv.is_optional(name):
        return PLAIN
    if conv.is_auth_guard_name(name):
        return Guard(GuardKind.AUTH, (name,))
    if conv.is_permission_guard_name(name):
        return Guard(GuardKind.PERMISSION, (name,))
    if conv.is_limiter_name(name):
        return Guard(GuardKind.RATE_LIMIT)
    return PLAIN if conv.is_plain_name(name) else UNKNOWN


class Classifier:
    """Classifies middleware expressions of one module (names resolved through `index`)."""

    def __init__(self, index: ModuleIndex) -> None:
        self.index = index

    def classify(self, node: Node | None, depth: int = 0) -> list[Guard]:
        """One guard per middleware (an array gives one per item), each with its names."""
        node = strip(node)
        if node is not None and node.type == "array" and depth <= _MAX_DEPTH:
            return [g for item in node.named_children for g in self.classify(item, depth + 1)]
        return [replace(self._one(node, depth), names=middleware_names(node, self.index))]

    def _one(self, node: Node | None, depth: int) -> Guard:
        if node is None or depth > _MAX_DEPTH:
            return UNKNOWN
        if node.type in FUNCTION_TYPES:
            return self.function(node, "")
        if node.type == "call_expression":
            return self.call(node, depth)
        if node.type == "identifier":
            return self.name(identifier(node) or "", depth)
        if node.type == "member_expression":
            return self.member(node)
        return UNKNOWN

    def name(self, name: str, depth: int) -> Guard:
        index = self.index
        bound = index.imports.get(name)
        if bound is not None:
            return self._from_module(bound.spec) or by_name(name)
        if name in index.functions:
            return self.function(index.functions[name], name)
        if name in index.values:
            return self.classify(index.values[name], depth + 1)[0]
        return by_name(name)

    def member(self, node: Node) -> Guard:
        """`auth.required`, `middlewares.isAuthenticated`, `limiter.middleware`, ..."""
        callee = self.index.callee(node)
        if callee.qualified.startswith(("passport.", "express.")):
            return PLAIN  # passport.session / passport.initialize, express.json
        by_module = self._from_module(self._root_module(callee))
        if by_module is not None:
            return by_module
        last = by_name(callee.last)
        if last.kind is not GuardKind.UNKNOWN or conv.is_optional(callee.last):
            return last
        root = by_name(callee.names[0]) if callee.names else UNKNOWN
        if root.kind in (GuardKind.AUTH, GuardKind.RATE_LIMIT):
            return Guard(root.kind, (".".join(callee.names),) if root.schemes else ())
        return UNKNOWN

    def _root_module(self, callee: Callee) -> str:
        """The package a call chain starts from, also through a local made by a call of
        one (`upload.single()` with `upload = multer(...)`)."""
        if callee.module or len(callee.names) < 2:
            return callee.module
        value = strip(self.index.values.get(callee.names[0]))
        if value is None or value.type != "call_expression":
            return ""
        return self.index.callee(value.child_by_field_name("function")).module

    def call(self, node: Node, depth: int) -> Guard:
        callee = self.index.callee(node.child_by_field_name("function"))
        args = arguments(node)
        if callee.qualified == "passport.authenticate" or callee.names[-2:] == (
            "passport",
            "authenticate",
        ):
            return Guard(GuardKind.AUTH, ("passport", *_strategies(args)))
        if callee.last in ("expressjwt", "expressJwt") or (
            callee.last == "jwt" and _has_keys(args, {"secret", "algorithms"})
        ):
            return Guard(GuardKind.AUTH, ("jwt",))
        if callee.module == "passport" or callee.names[:1] == ("passport",):
            return PLAIN  # passport.initialize(), passport.session()
        by_module = self._from_module(self._root_module(callee))
        if by_module is not None:
            return by_module
        local = self.index.functions.get(callee.last) if len(callee.names) == 1 else None
        if local is not None:
            return self.function(local, callee.last)
        wrapped = [a for a in map(strip, args) if a is not None and a.type in FUNCTION_TYPES]
        if wrapped and conv.is_plain_name(callee.last):
            return self.classify(wrapped[0], depth + 1)[0]
        return by_name(callee.last)

    def _from_module(self, spec: str) -> Guard | None:
        spec = spec.removeprefix("node:")
        if spec in _AUTH_MODULES:
            return Guard(GuardKind.AUTH, (_AUTH_MODULES[spec],))
        if spec in _RATE_MODULES:
            return Guard(GuardKind.RATE_LIMIT)
        if spec in _PLAIN_MODULES or spec == "express":
            return PLAIN
        return None

    def function(self, fn: Node, name: str) -> Guard:
        """A middleware whose code is in this file: what its body does; a body with no
        sign of a control is plain unless it calls something that may be one."""
        found = _body_signals(fn, self.index)
        if found is not None:
            scheme = found.schemes or ((name,) if name else ("custom",))
            return Guard(found.kind, scheme)
        named = by_name(name) if name else UNKNOWN
        if named.kind in (GuardKind.AUTH, GuardKind.PERMISSION, GuardKind.RATE_LIMIT):
            return named
        body = fn.child_by_field_name("body")
        calls = (n for n in walk(body) if n.type == "call_expression") if body else iter(())
        for call in calls:
            called = ".".join(chain(call.child_by_field_name("function")))
            if _MAYBE_CONTROL.search(called):
                return UNKNOWN
        return PLAIN


def _body_signals(fn: Node, index: ModuleIndex) -> Guard | None:
    body = fn.child_by_field_name("body")
    if body is None:
        return None
    statuses: set[str] = set()
    for node in walk(body):
        if node.type != "call_expression":
            continue
        callee = index.callee(node.child_by_field_name("function"))
        if callee.qualified in ("jsonwebtoken.verify", "jsonwebtoken.decode", "jose.jwtVerify"):
            return Guard(GuardKind.AUTH, ("jwt",))
        if callee.names[-2:] in (("jwt", "verify"), ("jwt", "decode")):
            return Guard(GuardKind.AUTH, ("jwt",))
        if callee.last == "isAuthenticated":
            return Guard(GuardKind.AUTH, ("session",))
        if callee.last in ("status", "sendStatus", "createError", "HttpError"):
            statuses.update((a.text or b"").decode() for a in arguments(node)[:1])
    if "401" in statuses:
        return Guard(GuardKind.AUTH)
    if "403" in statuses:
        return Guard(GuardKind.PERMISSION)
    if "429" in statuses:
        return Guard(GuardKind.RATE_LIMIT)
    return None


def _strategies(args: list[Node]) -> tuple[str, ...]:
    """`passport.authenticate('jwt')` -> ('jwt',); strategies mapped to scheme short names."""
    first = strip(args[0]) if args else None
    items = first.named_children if first is not None and first.type == "array" else [first]
    values = [v for v in map(string_value, items) if v]
    return tuple(dict.fromkeys(_STRATEGIES.get(v.lower(), v) for v in values))


def _has_keys(args: list[Node], keys: set[str]) -> bool:
    return any(keys & object_pairs(a).keys() for a in args)
