"""Names that identify middleware by convention: authentication guards, permission guards,
rate limiters and plain utilities (parsers, validators, loggers) that are not controls."""

from __future__ import annotations

import re

_PREFIXES = ("", "is", "ensure", "require", "requires", "check", "verify", "validate", "must")
_CORES = (
    "auth",
    "authenticated",
    "authenticate",
    "authentication",
    "loggedin",
    "login",
    "signedin",
    "signin",
    "jwt",
    "token",
    "accesstoken",
    "bearer",
    "apikey",
    "user",
    "session",
)
_SUFFIXES = ("", "middleware", "guard", "required", "handler", "mw", "check", "user")
_ALONE = frozenset({"auth", "authenticate", "authenticated", "authentication", "jwt"})
_AUTH_NAMES = frozenset(
    p + c + s
    for p in _PREFIXES
    for c in _CORES
    for s in _SUFFIXES
    if (p or s or c in _ALONE) and not (p == "" and c in ("user", "session", "token"))
) | frozenset(
    {"protect", "protected", "authrequired", "requiresauth", "passportjwt", "authorized"}
    | {"jwtauth", "tokenauth", "bearerauth", "basicauth", "apikeyauth", "sessionauth"}
    | {"authjwt", "withauth", "needsauth", "loggedin", "signedin"}
)
_PERMISSION_NAMES = frozenset(
    {
        "authorize",
        "authorise",
        "authorization",
        "requirerole",
        "requireroles",
        "hasrole",
        "hasroles",
        "checkrole",
        "checkroles",
        "restrictto",
        "permit",
        "requirepermission",
        "requirepermissions",
        "checkpermission",
        "checkpermissions",
        "haspermission",
        "isadmin",
        "requireadmin",
        "adminonly",
        "ensureadmin",
        "isowner",
        "checkowner",
        "checkownership",
        "requireowner",
        "can",
        "guard",
        "rbac",
        "acl",
    }
)
_LIMITER = re.compile(r"limit|throttl|slowdown|brute", re.IGNORECASE)
_PLAIN = re.compile(
    r"^(validat|sanitiz|upload|multer|pars|json|urlencoded|bodyparser|celebrate|schema|"
    r"cache|compress|cors|helmet|morgan|log|static|serve|timeout|csrf|csurf|nocache|"
    r"asynchandler|catchasync|wraphandler|wrap|notfound|errorhandler|handleerror|"
    r"requestid|tracing|trace|metrics|responsetime|methodoverride|cookieparser|"
    r"multipart|formidable|busboy|paginat)",
    re.IGNORECASE,
)
ROUTERISH = re.compile(r"(router|routes|route|api|controller)s?$", re.IGNORECASE)


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_AUTH_PREFIXES = (
    "authenticate",
    "isauthenticated",
    "ensureauthenticated",
    "requireauth",
    "ensureloggedin",
    "requirelogin",
    "verifytoken",
    "verifyjwt",
    "checkjwt",
    "checkauth",
)


def is_auth_guard_name(name: str) -> bool:
    """`isAuthenticated`, `requireAuth`, `verifyToken`, `checkJwt`, `auth`,
    `authenticateApiClient`, ..."""
    norm = _norm(name)
    return norm in _AUTH_NAMES or norm.startswith(_AUTH_PREFIXES)


def is_permission_guard_name(name: str) -> bool:
    """`authorize('admin')`, `requireRole`, `isAdmin`, `checkOwnership`, ..."""
    return _norm(name) in _PERMISSION_NAMES


def is_limiter_name(name: str) -> bool:
    return bool(_LIMITER.search(name))


def is_plain_name(name: str) -> bool:
    """Parsers, validators, uploads, loggers and other utilities that are no control."""
    return bool(_PLAIN.match(_norm(name)))


def is_optional(name: str) -> bool:
    """`auth.optional`: identifies the user when there is one, requires nothing."""
    return "optional" in name.lower()
