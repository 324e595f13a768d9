"""What a Go middleware does, judged by its name: authentication, rate limiting, or a known
utility (logging, recovery, CORS, compression) that is neither."""

from __future__ import annotations

import re
from collections.abc import Sequence

from threatdelta.model.base import Tri

_AUTH = re.compile(
    r"auth|jwt|login|session|bearer|apikey|api_key|keyauth|oauth|oidc|token|"
    r"protect|requireuser|currentuser|ensureuser|verifyuser|mustuser|signedin|casbin|"
    r"permission|role|admin",
    re.IGNORECASE,
)
_RATE = re.compile(r"limit|throttl|tollbooth|httprate", re.IGNORECASE)
# middleware of the usual kits that neither authenticates nor limits the rate
_UTILITY = re.compile(
    r"^(logger|logging|log|requestlogger|recovery|recoverer|recover|requestid|realip|"
    r"cors|corswithconfig|gzip|compress|timeout|cleanpath|stripslashes|redirectslashes|"
    r"heartbeat|nocache|secure|securewithconfig|helmet|metrics|prometheus|otel\w*|"
    r"tracing|trace|instrument\w*|contenttype|allowcontenttype|setheader|urlformat|"
    r"gethead|bodylimit|decompress|methodoverride|static|csrf|csrfwithconfig|"
    r"handlers|middleware|next)$",
    re.IGNORECASE,
)


def is_auth(name: str) -> bool:
    return bool(_AUTH.search(name)) and not _RATE.search(name)


def is_rate_limit(name: str) -> bool:
    return bool(_RATE.search(name))


def is_utility(name: str) -> bool:
    return bool(_UTILITY.match(name))


def authentication_of(names: Sequence[str], unnamed: bool = False) -> Tri:
    """YES when an authentication middleware is applied; NO when every middleware of the
    chain is a known utility or rate limiter (or there is none); UNKNOWN when one is not
    recognised (or has no name, like an inline function)."""
    if any(is_auth(n) for n in names):
        return Tri.YES
    if unnamed or any(not (is_utility(n) or is_rate_limit(n)) for n in names):
        return Tri.UNKNOWN
    return Tri.NO


def rate_limit_of(names: Sequence[str], unnamed: bool = False) -> Tri:
    if any(is_rate_limit(n) for n in names):
        return Tri.YES
    if unnamed or any(not (is_utility(n) or is_auth(n)) for n in names):
        return Tri.UNKNOWN
    return Tri.NO


def schemes_of(names: Sequence[str]) -> tuple[str, ...]:
    """Short scheme names of the authentication middleware (`jwt`, `basic`, `session`,
    `apiKey`, `oauth2`), else the middleware's own name."""
    out: list[str] = []
    for name in (n for n in names if is_auth(n)):
        lower = name.lower()
        if "jwt" in lower:
            out.append("jwt")
        elif "basic" in lower:
            out.append("basic")
        elif "session" in lower:
            out.append("session")
        elif "apikey" in lower or "keyauth" in lower or "api_key" in lower:
            out.append("apiKey")
        elif "oauth" in lower:
            out.append("oauth2")
        else:
            out.append(name)
    return tuple(dict.fromkeys(out))
