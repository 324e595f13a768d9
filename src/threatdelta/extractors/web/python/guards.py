"""What a decorator, dependency, hook or middleware contributes to a route's controls,
and how several contributions combine into tri-state facts."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from threatdelta.extractors.web.python.syntax import words
from threatdelta.model.base import Tri

AUTH_WORDS = frozenset(
    {
        "auth",
        "authenticate",
        "authenticated",
        "authentication",
        "authorization",
        "authorize",
        "authorized",
        "login",
        "signin",
        "token",
        "jwt",
        "apikey",
        "api_key",
        "bearer",
        "oauth",
        "oauth2",
        "credentials",
        "principal",
        "current_user",
        "current_active_user",
        "logged_in",
        "protected",
    }
)
PERMISSION_WORDS = frozenset(
    {
        "admin",
        "role",
        "roles",
        "permission",
        "permissions",
        "scope",
        "scopes",
        "superuser",
        "staff",
        "privilege",
        "privileges",
        "rbac",
        "acl",
        "owner",
        "ownership",
    }
)
NEUTRAL_WORDS = frozenset(
    {
        "cache",
        "cached",
        "memoize",
        "cross_origin",
        "swag",
        "doc",
        "docs",
        "marshal",
        "marshal_with",
        "expect",
        "response",
        "responses",
        "validate",
        "validator",
        "use_args",
        "use_kwargs",
        "input",
        "output",
        "csrf",
        "wraps",
        "staticmethod",
        "classmethod",
        "property",
        "retry",
        "timed",
        "timer",
        "trace",
        "traced",
        "profile",
        "metrics",
        "deprecated",
        "schema",
        "json",
        "db",
        "database",
        "settings",
        "config",
        "redis",
        "pagination",
        "paginate",
        "paginated",
        "engine",
        "uow",
        "repository",
        "repo",
        "storage",
        "background",
        "logger",
        "transaction",
        "atomic",
        "commit",
    }
)
RATE_WORDS = frozenset({"limiter", "ratelimit", "rate_limit", "rate_limited", "throttle"})


class GuardKind(StrEnum):
    AUTH = "auth"
    PERMISSION = "permission"  # authentication plus a role / permission / scope check
    RATE_LIMIT = "rate-limit"
    LIMIT_EXEMPT = "limit-exempt"
    LIMIT_UNKNOWN = "limit-unknown"  # a rate limiter whose limits are set elsewhere
    NEUTRAL = "neutral"  # analysed: not a control
    UNKNOWN = "unknown"  # unrecognised: might be a control


@dataclass(frozen=True)
class Guard:
    kind: GuardKind
    scheme: str = ""


NEUTRAL = Guard(GuardKind.NEUTRAL)
UNKNOWN = Guard(GuardKind.UNKNOWN)


@dataclass(frozen=True)
class Controls:
    authentication: Tri
    auth_schemes: tuple[str, ...]
    rate_limited: Tri
    permission: bool


def name_words(name: str) -> set[str]:
    """Words of a name plus adjacent word pairs (`api_key`, `current_user`)."""
    found = words(name)
    return set(found) | {a + "_" + b for a, b in itertools.pairwise(found)}


def guard_by_name(name: str, scheme: str = "") -> Guard:
    """Classify a guard nobody can look inside of (an imported decorator or dependency)."""
    found = name_words(name)
    if "optional" in found:
        return NEUTRAL
    if found & PERMISSION_WORDS:
        return Guard(GuardKind.PERMISSION, scheme or name)
    if found & AUTH_WORDS:
        return Guard(GuardKind.AUTH, scheme or name)
    if found & RATE_WORDS:
        return Guard(GuardKind.RATE_LIMIT)
    if found & NEUTRAL_WORDS or "session" in found:
        return NEUTRAL
    return UNKNOWN


def summarize(contributions: Iterable[Guard]) -> Controls:
    guards = list(contributions)
    kinds = [g.kind for g in guards]
    schemes = tuple(
        dict.fromkeys(g.scheme for g in guards if g.kind in (GuardKind.AUTH, GuardKind.PERMISSION))
    )
    unknown = GuardKind.UNKNOWN in kinds
    if GuardKind.AUTH in kinds or GuardKind.PERMISSION in kinds:
        auth = Tri.YES
    else:
        auth = Tri.UNKNOWN if unknown else Tri.NO
    if GuardKind.RATE_LIMIT in kinds:
        limited = Tri.YES
    elif GuardKind.LIMIT_EXEMPT in kinds:
        limited = Tri.NO
    else:
        limited = Tri.UNKNOWN if unknown or GuardKind.LIMIT_UNKNOWN in kinds else Tri.NO
    return Controls(
        authentication=auth,
        auth_schemes=tuple(s for s in schemes if s),
        rate_limited=limited,
        permission=GuardKind.PERMISSION in kinds,
    )
