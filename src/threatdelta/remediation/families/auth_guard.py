"""The project's own authentication guard on an unauthenticated endpoint (TD-S001, TD-S002).

The guard is never invented: it is the authentication decorator, dependency, middleware or
guard that the other authenticated endpoints of the same service use most (state-changing
ones count double), read from the model's `Endpoint.guards`. Flask and Django get the
decorator below the route decorator (imported like elsewhere in the repository), FastAPI
`dependencies=[Depends(guard)]` on the route decorator, DRF views their
`permission_classes`, NestJS `@UseGuards(guard)`, Express
and chi/gin the middleware in the route chain, NestJS loses the `@Public()` opt-out and
Spring's `permitAll()` matcher becomes `authenticated()`. No guard in the service, or one
already on the route: no patch. Unsafe: anonymous callers (webhooks, kiosks, partner jobs)
are refused afterwards and need another way in.
"""

from __future__ import annotations

import re
from collections import Counter

from threatdelta.findings.edit import TextEdit
from threatdelta.findings.threat import Applicability
from threatdelta.model.base import Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.facts import FactKind
from threatdelta.model.threat_model import ThreatModel
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families import (
    auth_guard_code,
    auth_guard_drf,
    auth_guard_fastapi,
    auth_guard_python,
)
from threatdelta.remediation.families.object_ownership import ownership_edits
from threatdelta.remediation.families.source_file import editable_file, primary_location

_AUTH = re.compile(
    r"auth|login|token|jwt|signed_?in|require_?user|current_?user|protect", re.IGNORECASE
)
_NOT_AUTH = re.compile(
    r"throttl|limit|cors|csrf|role|admin|staff|DEFAULT_|optional|public|allow_?any|permit",
    re.IGNORECASE,
)
_PY_FRAMEWORKS = frozenset({"flask", "django"})
_JS_EXTENSIONS = (".js", ".ts", ".mjs", ".cjs")


class AuthGuard:
    name = "auth-guard"
    rules = frozenset({"TD-S001", "TD-S002"})

    def propose(self, request: FixRequest) -> Patch | None:
        endpoint = request.model.element(request.threat.element)
        if not isinstance(endpoint, Endpoint):
            return None
        edits = _with_ownership(
            request, endpoint, _opt_out_edits(request, endpoint) or _route_edits(request, endpoint)
        )
        if not edits:
            return None
        return Patch(
            threat_id=request.threat.id,
            rule_id=request.threat.rule_id,
            family=self.name,
            applicability=Applicability.UNSAFE,
            summary="Require authentication on this endpoint with the guard the service "
            "already uses on its other endpoints.",
            edits=edits,
            guidance="Callers without a session or token (webhooks, kiosks, scheduled jobs) "
            "are refused afterwards: give them their own authentication first.",
        )


def guard_name(model: ThreatModel, endpoint: Endpoint) -> str | None:
    """The authentication guard most used by the service's other authenticated endpoints."""
    counts: Counter[str] = Counter()
    for other in model.endpoints:
        if other.service != endpoint.service or other.authentication is not Tri.YES:
            continue
        for guard in set(other.guards):
            if _AUTH.search(guard) and not _NOT_AUTH.search(guard):
                counts[guard] += 2 if other.state_changing else 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[0][0] if ranked else None


def _opt_out_edits(request: FixRequest, endpoint: Endpoint) -> tuple[TextEdit, ...]:
    """Remove the route's opt-out from a guard that applies everywhere else."""
    for fact in endpoint.facts:
        if fact.kind not in {FactKind.AUTH_BYPASS, FactKind.PERMIT_ALL}:
            continue
        source = editable_file(request, fact.location.path)
        if source is not None:
            return auth_guard_code.opt_out_edits(source, fact.location.start_line)
    return ()


def _with_ownership(
    request: FixRequest, endpoint: Endpoint, edits: tuple[TextEdit, ...]
) -> tuple[TextEdit, ...]:
    """The guard's edits with the ownership check the endpoint's lookups by a client-supplied
    id then need (an authenticated endpoint without one is TD-E001), or none at all."""
    lookups = any(f.kind is FactKind.OBJECT_LOOKUP_BY_ID for f in endpoint.facts)
    if not edits or not lookups or endpoint.object_authorization is Tri.YES:
        return edits
    owned = ownership_edits(request, endpoint)
    return tuple(sorted((*edits, *owned), key=lambda e: (e.path, e.start))) if owned else ()


def _route_edits(request: FixRequest, endpoint: Endpoint) -> tuple[TextEdit, ...]:
    guard = guard_name(request.model, endpoint)
    where = primary_location(request.threat)
    source = editable_file(request, where.path)
    if guard is None or source is None:
        return ()
    if where.path.endswith(".py") and "fastapi" in endpoint.sources:
        return auth_guard_fastapi.dependency_edits(source, where.start_line, guard, request.files)
    if where.path.endswith(".py"):
        return auth_guard_python.decorator_edits(
            source, where.start_line, guard, request.files
        ) or auth_guard_drf.permission_edits(source, where.start_line, guard, request.files)
    if where.path.endswith(_JS_EXTENSIONS) and "nestjs" in endpoint.sources:
        return auth_guard_code.nest_edits(source, where.start_line, guard, request.files)
    if where.path.endswith(_JS_EXTENSIONS):
        return auth_guard_code.express_edits(source, where.start_line, guard, request.files)
    if where.path.endswith(".go"):
        return auth_guard_code.go_edits(source, where.start_line, guard)
    return ()
