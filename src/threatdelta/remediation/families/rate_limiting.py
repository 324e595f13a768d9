"""Fix family: rate limiting on authentication and other abuse-prone endpoints (TD-D001,
TD-D004, TD-D005). Flask-Limiter, DRF throttle classes, django-ratelimit, express-rate-limit
and the NestJS throttler; the limiter the repository already has is reused, never a second
one invented. A limiter set up or a library new to the repository makes the patch unsafe."""

from __future__ import annotations

from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.go_handlers import go_limit
from threatdelta.remediation.families.handler_source import HandlerSource, handler_source
from threatdelta.remediation.families.rate_limit_drf_settings import drf_default_throttle
from threatdelta.remediation.families.rate_limit_nest import nest_throttle
from threatdelta.remediation.families.rate_limit_python import LimitEdits, python_limit
from threatdelta.remediation.families.rate_limit_script import ScriptLimit, express_limit

_SCRIPT = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")
# sign-in guesses, anonymous writes, anonymous listings: requests per window of minutes
_LIMITS = {
    "TD-D001": ScriptLimit(name="loginLimiter", limit=5, minutes=15),
    "TD-D004": ScriptLimit(name="writeLimiter", limit=10, minutes=1),
    "TD-D005": ScriptLimit(name="listLimiter", limit=60, minutes=1),
}


class RateLimiting:
    """Adds a per-client rate limit to one endpoint with the framework's limiter."""

    name = "rate-limiting"
    rules = frozenset(_LIMITS)

    def propose(self, request: FixRequest) -> Patch | None:
        limit = _LIMITS.get(request.threat.rule_id)
        source = handler_source(request) if limit is not None else None
        if source is None or limit is None or "graphql" in source.endpoint.sources:
            return None  # a GraphQL field sits behind one HTTP route: `graphql-rate-limit`
        found = _edits(source, limit, dict(request.files))
        if found is None or not found.edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE if found.new_dependency else Applicability.SAFE,
            summary=f"Rate-limit {source.endpoint.name} per client with {found.what}.",
            edits=found.edits,
            guidance=_guidance(found),
        )


def _edits(source: HandlerSource, limit: ScriptLimit, files: dict[str, str]) -> LimitEdits | None:
    if source.path.endswith(".py"):
        settings = drf_default_throttle(source, files, f"{limit.limit}/minute")
        if settings is not None:
            return LimitEdits(settings, True, "DRF's DEFAULT_THROTTLE_CLASSES")
        return python_limit(source, f"{limit.limit} per minute", files)
    if source.path.endswith(_SCRIPT):
        if "nestjs" in source.endpoint.sources:
            return nest_throttle(source, limit.limit, files)
        if "express" in source.endpoint.sources:  # express-rate-limit is Express middleware
            return express_limit(source, limit, files)
        return None
    if source.path.endswith(".go"):
        edits = go_limit(source, limit.limit)
        return LimitEdits(edits, True, "go-chi/httprate") if edits else None
    return None


def _guidance(found: LimitEdits) -> str:
    base = "Check the limit against real traffic; behind a proxy, key clients by the "
    base += "forwarded address the proxy sets."
    if not found.new_dependency:
        return base
    return (
        f"{base} The patch relies on {found.what}: add the package to the project's "
        "dependencies (and, for DRF, a DEFAULT_THROTTLE_RATES entry for 'anon'; for NestJS, "
        "ThrottlerModule in the application module)."
    )
