"""Spring method security is only enforced when a configuration class switches it on
(`@EnableMethodSecurity`, `@EnableGlobalMethodSecurity(securedEnabled = true)`, ...). When
the service's configuration is in the repository (its `@SpringBootApplication` class or a
security filter chain) and no class switches a family on, the annotations of that family
decide nothing: the endpoints they alone protected go back to UNKNOWN."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from threatdelta.model.base import Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.facts import FactKind
from threatdelta.model.fragment import ModelFragment

SPRING_SOURCE = "spring"
_FAMILY = {
    "PreAuthorize": "prePost",
    "PostAuthorize": "prePost",
    "Secured": "secured",
    "RolesAllowed": "jsr250",
    "PermitAll": "jsr250",
    "DenyAll": "jsr250",
}


def enforce_method_security(
    fragments: Sequence[ModelFragment], endpoints: list[Endpoint]
) -> list[Endpoint]:
    enabled: dict[str, set[str]] = defaultdict(set)
    configured: set[str] = {r.service for f in fragments for r in f.access_rules}
    for frag in fragments:
        for svc in frag.services:
            if svc.framework == SPRING_SOURCE and svc.evidence:
                configured.add(svc.name)
            enabled[svc.name] |= {
                f.name for f in svc.facts if f.kind is FactKind.METHOD_SECURITY_ENABLED
            }
    if not configured:
        return endpoints
    return [
        _unenforced(ep, enabled[ep.service]) if ep.service in configured else ep for ep in endpoints
    ]


def _unenforced(ep: Endpoint, enabled: set[str]) -> Endpoint:
    """The endpoint without what annotations of a family that is not switched on gave it."""
    families = {_FAMILY[g] for g in ep.guards if g in _FAMILY}
    if SPRING_SOURCE not in ep.sources or not families or families & enabled:
        return ep
    owner_checked = any(f.kind is FactKind.OWNERSHIP_CHECK for f in ep.facts)
    update: dict[str, object] = {}
    if ep.authentication is Tri.YES:
        update["authentication"] = Tri.UNKNOWN
    if ep.object_authorization is Tri.YES and not owner_checked:
        update["object_authorization"] = Tri.UNKNOWN
    return ep.model_copy(update=update) if update else ep
