"""Classify NestJS guards by what they are called: `AuthGuard('jwt')`, `JwtAuthGuard`,
`RolesGuard`, `ThrottlerGuard`, written as a class, `new X()` or a call; and the custom
decorators that exempt a route from guards (`@Public()`) or from the throttler."""

from __future__ import annotations

import re

from tree_sitter import Node

from threatdelta.extractors.web.express.middleware import Guard, GuardKind
from threatdelta.extractors.web.express.syntax import arguments, chain, string_value, strip
from threatdelta.extractors.web.nest.decorators import Decorator

_LIMIT = re.compile(r"thrott|rate_?limit|limiter", re.IGNORECASE)
_PERMISSION = re.compile(r"role|permission|polic|abilit|casl|acl|admin|scope|claim", re.I)
_AUTH = re.compile(
    r"auth|jwt|session|api_?key|bearer|login|token|passport|clerk|firebase|cognito|oidc|"
    r"oauth|supabase|keycloak",
    re.IGNORECASE,
)
_SCHEMES: tuple[tuple[str, str], ...] = (
    ("jwt", "jwt"),
    ("apikey", "apiKey"),
    ("api-key", "apiKey"),
    ("bearer", "bearer"),
    ("basic", "basic"),
    ("local", "session"),
    ("session", "session"),
    ("oauth", "oauth2"),
    ("oidc", "oauth2"),
    ("google", "oauth2"),
)
BYPASS_NAMES = re.compile(
    r"^(Public|IsPublic|PublicRoute|PublicEndpoint|AllowAnonymous|Anonymous|SkipAuth|"
    r"NoAuth|Unprotected|Unauthenticated|OptionalAuth|BypassAuth)$"
)
_PUBLIC_KEY = re.compile(r"public|anonymous|skip_?auth|no_?auth", re.IGNORECASE)


def guard_name(node: Node | None) -> str:
    """`AuthGuard('jwt')` -> AuthGuard, `new JwtAuthGuard(r)` -> JwtAuthGuard, `X` -> X."""
    node = strip(node)
    if node is None:
        return ""
    if node.type == "call_expression":
        names = chain(node.child_by_field_name("function"))
    elif node.type == "new_expression":
        names = chain(node.child_by_field_name("constructor"))
    else:
        names = chain(node)
    return names[-1] if names else ""


def classify(node: Node | None) -> Guard:
    name = guard_name(node)
    if not name:
        return Guard(GuardKind.UNKNOWN)
    if _LIMIT.search(name):
        return Guard(GuardKind.RATE_LIMIT, names=(name,))
    if _PERMISSION.search(name):
        return Guard(GuardKind.PERMISSION, (name,), (name,))
    if _AUTH.search(name):
        return Guard(GuardKind.AUTH, _schemes(node, name), (name,))
    return Guard(GuardKind.UNKNOWN, names=(name,))


def _schemes(node: Node | None, name: str) -> tuple[str, ...]:
    """`AuthGuard('jwt')` -> jwt (the passport strategy), else read from the guard's name."""
    node = strip(node)
    strategy = ""
    if node is not None and node.type == "call_expression":
        args = arguments(node)
        strategy = (string_value(args[0]) or "") if args else ""
    text = (strategy or name).lower()
    found = tuple(dict.fromkeys(s for key, s in _SCHEMES if key in text))
    return found or ((strategy,) if strategy else (name,))


def guards_of(decorators: list[Decorator]) -> list[Guard]:
    """The guards of `@UseGuards(...)` decorators."""
    return [classify(a) for d in decorators if d.name == "UseGuards" for a in d.args]


def bypass_of(decorators: list[Decorator]) -> Decorator | None:
    """A decorator that exempts a route from the authentication guard: a `@Public()`-style
    custom decorator, or `@SetMetadata('isPublic', true)` / `@SetMetadata(IS_PUBLIC_KEY, ...)`."""
    for d in decorators:
        if BYPASS_NAMES.match(d.name):
            return d
        if d.name == "SetMetadata" and d.args:
            key = string_value(d.args[0]) or (d.args[0].text or b"").decode()
            if _PUBLIC_KEY.search(key):
                return d
    return None


def throttle_of(decorators: list[Decorator]) -> tuple[Decorator | None, Decorator | None]:
    """(`@Throttle(...)`, `@SkipThrottle()`) on a class or method; `@SkipThrottle(false)`
    does not skip."""
    throttle = next((d for d in decorators if d.name == "Throttle"), None)
    skip = next((d for d in decorators if d.name == "SkipThrottle"), None)
    if skip is not None and skip.args and (strip(skip.args[0]) or skip.node).type == "false":
        skip = None
    return throttle, skip
