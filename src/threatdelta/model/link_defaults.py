"""Project-wide defaults of a framework that apply only to the routes that do not override
them: Django REST Framework's `REST_FRAMEWORK` settings.

The settings module declares one `RouterDecl` per default it read, named after the setting
(`DEFAULT_PERMISSION_CLASSES`: `authentication` of writes, and
`DEFAULT_PERMISSION_CLASSES.safe_methods`: of GET, HEAD and OPTIONS, which
`IsAuthenticatedOrReadOnly` lets anyone send; `DEFAULT_THROTTLE_CLASSES`: `rate_limited`;
`DEFAULT_AUTHENTICATION_CLASSES`: `auth_schemes`), non-app, with the app's service.
A DRF view that sets no `permission_classes` (or throttles, or authenticators) names the
setting among its endpoint's `guards`. Once the endpoint is placed under its app, the
default of its service is combined into it like a layer of its mount chain. A view that
sets the attribute itself (`permission_classes = [AllowAny]`, `throttle_classes = []`)
replaces the setting, so it does not name it and keeps its own value. Without a default
for its service (no settings module seen) the control is unknown unless the route itself
has it. A default that applies adds the setting's location to the endpoint's evidence
(role `config`), so a change to the setting is a change to the endpoint.
"""

from __future__ import annotations

from collections.abc import Sequence

from threatdelta.model.base import Evidence, EvidenceRole, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.fragment import ModelFragment, RouterDecl

PERMISSIONS = "DEFAULT_PERMISSION_CLASSES"
PERMISSIONS_READS = "DEFAULT_PERMISSION_CLASSES.safe_methods"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
THROTTLES = "DEFAULT_THROTTLE_CLASSES"
AUTHENTICATORS = "DEFAULT_AUTHENTICATION_CLASSES"
_SETTINGS = (PERMISSIONS, THROTTLES, AUTHENTICATORS)


def _defaults(fragments: Sequence[ModelFragment]) -> dict[tuple[str, str], RouterDecl]:
    found: dict[tuple[str, str], RouterDecl] = {}
    for frag in fragments:
        for decl in frag.routers:
            named = decl.ref.name in (*_SETTINGS, PERMISSIONS_READS)
            if named and not decl.is_app and decl.service:
                found.setdefault((decl.service, decl.ref.name), decl)
    return found


def _apply(ep: Endpoint, defaults: dict[tuple[str, str], RouterDecl]) -> Endpoint:
    update: dict[str, object] = {}
    names = set(ep.guards) & set(_SETTINGS)
    used: list[RouterDecl] = []
    permissions = defaults.get((ep.service, PERMISSIONS))
    if ep.method in _SAFE_METHODS:
        permissions = defaults.get((ep.service, PERMISSIONS_READS), permissions)
    if PERMISSIONS in names:
        default = permissions.authentication if permissions else Tri.UNKNOWN
        update["authentication"] = Tri.any_of(ep.authentication, default)
        used += [permissions] if permissions else []
    throttles = defaults.get((ep.service, THROTTLES))
    if THROTTLES in names:
        default = throttles.rate_limited if throttles else Tri.UNKNOWN
        update["rate_limited"] = Tri.any_of(ep.rate_limited, default)
        used += [throttles] if throttles else []
    authenticators = defaults.get((ep.service, AUTHENTICATORS))
    if AUTHENTICATORS in names and authenticators is not None:
        schemes = (*ep.auth_schemes, *authenticators.auth_schemes)
        update["auth_schemes"] = tuple(dict.fromkeys(schemes))
    where = [Evidence(location=d.location, role=EvidenceRole.CONFIG) for d in used]
    if where:
        update["evidence"] = tuple(dict.fromkeys((*ep.evidence, *where)))
    return ep.model_copy(update=update) if update else ep


def apply_router_defaults(
    fragments: Sequence[ModelFragment], endpoints: list[Endpoint]
) -> list[Endpoint]:
    """Endpoints that rely on a project-wide default, with that default applied."""
    if not any(set(ep.guards) & set(_SETTINGS) for ep in endpoints):
        return endpoints
    defaults = _defaults(fragments)
    return [_apply(ep, defaults) for ep in endpoints]
