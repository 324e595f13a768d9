"""Fix family: rate limiting on GraphQL resolvers (TD-D001, TD-D004, TD-D005), where the
HTTP limiters of `rate-limiting` cannot reach: one endpoint is one field behind a single
`/graphql` route.

Apollo Server: the sign-in resolver awaits a graphql-rate-limit limiter counted per account
(`graphql_limit_apollo`). Strawberry: the field takes a rate-limit permission class built on
the `limits` library (`graphql_limit_strawberry`). Graphene and Ariadne: the resolver takes a
rate-limit decorator built on `limits` (`graphql_limit_decorator`). A package new to the
repository makes the patch unsafe."""

from __future__ import annotations

from types import MappingProxyType

from threatdelta.findings.threat import Applicability
from threatdelta.remediation.base import FixRequest, Patch
from threatdelta.remediation.families.graphql_limit_apollo import apollo_sign_in_limit
from threatdelta.remediation.families.graphql_limit_decorator import decorator_limit
from threatdelta.remediation.families.graphql_limit_strawberry import (
    PermissionLimit,
    strawberry_limit,
)
from threatdelta.remediation.families.handler_source import HandlerSource, handler_source

_SCRIPT = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")
# sign-in guesses, anonymous writes, anonymous listings
_PERMISSIONS = MappingProxyType(
    {
        "TD-D001": PermissionLimit(name="AttemptRateLimit", rate="5/minute"),
        "TD-D004": PermissionLimit(name="WriteRateLimit", rate="10/minute"),
        "TD-D005": PermissionLimit(name="ListRateLimit", rate="60/minute"),
    }
)
_SIGN_IN_ATTEMPTS, _SIGN_IN_WINDOW = 5, "15m"


class GraphqlRateLimit:
    """Adds a rate limit to one GraphQL field with the limiter its framework supports."""

    name = "graphql-rate-limit"
    rules = frozenset(_PERMISSIONS)

    def propose(self, request: FixRequest) -> Patch | None:
        wanted = _PERMISSIONS.get(request.threat.rule_id)
        source = handler_source(request) if wanted is not None else None
        if source is None or wanted is None or "graphql" not in source.endpoint.sources:
            return None
        others = {p: t for p, t in request.files.items() if p != source.path}
        if source.path.endswith(".py") and "strawberry" in source.text:
            return _strawberry(request, source, wanted, others, self.name)
        if source.path.endswith(".py"):
            return _decorator(request, source, wanted, others, self.name)
        if source.path.endswith(_SCRIPT) and request.threat.rule_id == "TD-D001":
            return _apollo(request, source, others, self.name)
        return None


def _strawberry(
    request: FixRequest,
    source: HandlerSource,
    wanted: PermissionLimit,
    others: dict[str, str],
    family: str,
) -> Patch | None:
    found = strawberry_limit(source, wanted, others)
    if found is None:
        return None
    guidance = _limits_guidance(wanted, new_dependency=found.new_dependency)
    return Patch(
        threat_id=request.threat.id,
        rule_id=request.threat.rule_id,
        family=family,
        applicability=Applicability.UNSAFE if found.new_dependency else Applicability.SAFE,
        summary=f"Rate-limit {source.endpoint.name} per client with the {found.permission} "
        "permission class.",
        edits=found.edits,
        guidance=guidance,
    )


def _decorator(
    request: FixRequest,
    source: HandlerSource,
    wanted: PermissionLimit,
    others: dict[str, str],
    family: str,
) -> Patch | None:
    name = wanted.decorator
    found = decorator_limit(source, name, wanted.rate, others)
    if found is None:
        return None
    return Patch(
        threat_id=request.threat.id,
        rule_id=request.threat.rule_id,
        family=family,
        applicability=Applicability.UNSAFE if found.new_dependency else Applicability.SAFE,
        summary=f"Rate-limit {source.endpoint.name} per client with the {name} decorator.",
        edits=found.edits,
        guidance=_limits_guidance(wanted, new_dependency=found.new_dependency),
    )


def _apollo(
    request: FixRequest, source: HandlerSource, others: dict[str, str], family: str
) -> Patch | None:
    found = apollo_sign_in_limit(source, others, _SIGN_IN_ATTEMPTS, _SIGN_IN_WINDOW)
    if found is None:
        return None
    guidance = (
        f"The limit counts attempts per account (the `{found.identity}` argument) and per "
        "client as the module's limiter identifies it (`identifyContext`)."
        if found.reused
        else f"The limit counts attempts per account (the `{found.identity}` argument) from "
        "all clients together, in this process's memory; to also limit each client, put its "
        "address in the context and return it from `identifyContext`, and give the limiter "
        "a shared store when several instances run."
    )
    if found.new_dependency:
        guidance += " The patch relies on the `graphql-rate-limit` package: add it to the "
        guidance += "dependencies."
    return Patch(
        threat_id=request.threat.id,
        rule_id=request.threat.rule_id,
        family=family,
        applicability=Applicability.UNSAFE if found.new_dependency else Applicability.SAFE,
        summary=f"Rate-limit {source.endpoint.name} per account with graphql-rate-limit "
        f"({_SIGN_IN_ATTEMPTS} attempts in {_SIGN_IN_WINDOW}).",
        edits=found.edits,
        guidance=guidance,
    )


def _limits_guidance(wanted: PermissionLimit, *, new_dependency: bool) -> str:
    count, period = wanted.rate.split("/")
    guidance = (
        f"The limit ({count} calls a {period} per client address) is counted in this process's "
        "memory: with several workers use a shared `limits` storage (Redis, Memcached). "
        "Behind a proxy, key clients by the forwarded address the proxy sets."
    )
    if new_dependency:
        guidance += " The patch relies on the `limits` package: add it to the dependencies."
    return guidance
