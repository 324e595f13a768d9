"""Access controls of one method of a Django or DRF view: decorators (`login_required`,
`permission_required`, `@permission_classes`), mixins (`LoginRequiredMixin`), and the DRF
`permission_classes` / `throttle_classes` / `authentication_classes` attributes.

A DRF view without one of those attributes relies on the project's `REST_FRAMEWORK`
default: it names the setting (`DEFAULT_PERMISSION_CLASSES`, ...) among its guards and the
linker applies the default from the settings module (`model/link_defaults.py`); a view that
sets the attribute (`AllowAny`, `[]` included) replaces the setting and names none.
`@login_not_required` exempts a view from Django's `LoginRequiredMiddleware`: an auth-bypass
fact, so the linker keeps the view's own value over the app's.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field

from threatdelta.extractors.web.python.decorators import classify_decorator
from threatdelta.extractors.web.python.django_library_views import KNOWN
from threatdelta.extractors.web.python.guards import (
    UNKNOWN,
    Guard,
    GuardKind,
    guard_by_name,
    summarize,
)
from threatdelta.extractors.web.python.module_index import ModuleIndex
from threatdelta.extractors.web.python.syntax import last_name
from threatdelta.model.base import Tri
from threatdelta.model.link_defaults import (
    AUTHENTICATORS,
    PERMISSIONS,
    PERMISSIONS_READS,
    THROTTLES,
)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# the REST_FRAMEWORK settings a view relies on, named as the linker knows them
DEFAULT_PERMISSIONS = PERMISSIONS
DEFAULT_PERMISSIONS_READS = PERMISSIONS_READS  # for GET/HEAD/OPTIONS
DEFAULT_THROTTLES = THROTTLES
DEFAULT_AUTHENTICATION = AUTHENTICATORS
_PUBLIC = frozenset({"AllowAny"})
_PUBLIC_READS = frozenset({"IsAuthenticatedOrReadOnly", "DjangoModelPermissionsOrAnonReadOnly"})
_AUTHENTICATED = frozenset({"IsAuthenticated", "IsAuthenticatedOrReadOnly"})
_PERMISSIONS = frozenset(
    {
        "IsAdminUser",
        "DjangoModelPermissions",
        "DjangoObjectPermissions",
        "DjangoModelPermissionsOrAnonReadOnly",
    }
)
SCHEMES = {
    "SessionAuthentication": "session",
    "BasicAuthentication": "basic",
    "TokenAuthentication": "token",
    "JWTAuthentication": "jwt",
    "JWTStatelessUserAuthentication": "jwt",
    "JSONWebTokenAuthentication": "jwt",
    "RemoteUserAuthentication": "remote-user",
    "OAuth2Authentication": "oauth2",
}
_MIXINS = {
    "LoginRequiredMixin": Guard(GuardKind.AUTH, "session"),
    "PermissionRequiredMixin": Guard(GuardKind.PERMISSION, "session"),
    "UserPassesTestMixin": Guard(GuardKind.PERMISSION, "session"),
}
_DJANGO_AUTH = {
    "login_required": GuardKind.AUTH,
    "permission_required": GuardKind.PERMISSION,
    "user_passes_test": GuardKind.PERMISSION,
    "staff_member_required": GuardKind.PERMISSION,
}
# decorators that are configuration, not controls (methods, CSRF, DRF settings, caching)
CONFIG_DECORATORS = frozenset(
    {
        "csrf_exempt",
        "csrf_protect",
        "ensure_csrf_cookie",
        "require_http_methods",
        "require_GET",
        "require_POST",
        "require_safe",
        "api_view",
        "action",
        "permission_classes",
        "throttle_classes",
        "authentication_classes",
        "parser_classes",
        "renderer_classes",
        "schema",
        "extend_schema",
        "swagger_auto_schema",
        "never_cache",
        "cache_page",
        "cache_control",
        "login_not_required",
        "method_decorator",
        "sensitive_post_parameters",
        "xframe_options_exempt",
    }
)


@dataclass(frozen=True)
class ViewSource:
    """What a view says about its controls: its decorators (class decorators, the method's
    own, `@method_decorator(x)` unwrapped), its bases (qualified, local bases followed) and
    its class attributes (`permission_classes`, ...; a function view's DRF decorators)."""

    drf: bool
    decorators: tuple[ast.expr, ...]
    bases: tuple[str, ...]
    attrs: Mapping[str, ast.expr]
    anchors: Mapping[str, ast.AST]  # where each attribute is set
    dynamic_permissions: bool = False  # `get_permissions()` overridden
    # bases imported from the project (not Django / DRF): they may set controls unseen
    foreign_bases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Policy:
    authentication: Tri
    auth_schemes: tuple[str, ...]
    rate_limited: Tri
    permission: bool
    defaults: tuple[str, ...]  # REST_FRAMEWORK settings the view relies on
    opened: ast.AST | None = None  # `@login_not_required`: exempt from the login middleware


def scheme_of(authenticator: str, index: ModuleIndex | None = None) -> str:
    """`TokenAuthentication` -> `token`; a local subclass of a known authenticator -> its
    base's scheme; a name like a session authenticator -> `session`; others by name."""
    if authenticator in SCHEMES:
        return SCHEMES[authenticator]
    local = index.classes.get(authenticator) if index is not None else None
    for base in local.bases if local is not None else ():
        if last_name(base) in SCHEMES:
            return SCHEMES[last_name(base)]
    return "session" if "Session" in authenticator else authenticator


def unwrap(dec: ast.expr) -> list[ast.expr]:
    """`@method_decorator(login_required, name="dispatch")` -> `login_required`; a list
    of decorators gives each."""
    if isinstance(dec, ast.Call) and last_name(dec.func) == "method_decorator" and dec.args:
        inner = dec.args[0]
        return list(inner.elts) if isinstance(inner, ast.List | ast.Tuple) else [inner]
    return [dec]


def class_names(node: ast.expr | None) -> list[str] | None:
    """Short names of the classes in a literal list / tuple; None when not a literal."""
    if isinstance(node, ast.List | ast.Tuple):
        return [last_name(e) for e in node.elts]
    return None


def _decorator_guard(dec: ast.expr, index: ModuleIndex) -> Guard | None:
    name = last_name(dec)
    if name in CONFIG_DECORATORS:
        return None
    qualified = index.imports.qualify(dec.func if isinstance(dec, ast.Call) else dec)
    if name in _DJANGO_AUTH and qualified.startswith("django."):
        return Guard(_DJANGO_AUTH[name], "session")
    return classify_decorator(dec, index)


def _permission_guard(name: str, method: str) -> Guard | None:
    """A DRF permission class for one method; None when it lets anyone through."""
    if name in _PUBLIC or (name in _PUBLIC_READS and method in SAFE_METHODS):
        return None
    if name in _PERMISSIONS:
        return Guard(GuardKind.PERMISSION)
    if name in _AUTHENTICATED:
        return Guard(GuardKind.AUTH)
    return guard_by_name(name)


def _drf_permissions(source: ViewSource, method: str) -> list[Guard]:
    """The guards of the view's own permission classes for one method (none when they let
    anyone through: `AllowAny`, `[]`, `IsAuthenticatedOrReadOnly` on a read)."""
    names = class_names(source.attrs.get("permission_classes"))
    if source.dynamic_permissions or names is None:
        return [UNKNOWN]
    return [g for g in (_permission_guard(n, method) for n in names) if g is not None]


@dataclass
class _Drf:
    """What the DRF attributes of a view add: guards, the `REST_FRAMEWORK` settings it
    relies on (an attribute it sets replaces the setting), its authenticators' schemes."""

    guards: list[Guard] = field(default_factory=list)
    defaults: list[str] = field(default_factory=list)
    schemes: list[str] = field(default_factory=list)


def _drf(source: ViewSource, method: str, index: ModuleIndex) -> _Drf:
    found = _Drf()
    if "permission_classes" in source.attrs or source.dynamic_permissions:
        found.guards += _drf_permissions(source, method)
    elif any(b in KNOWN for b in source.bases):
        pass  # a library login / token view sets its own (anonymous) permissions
    else:
        found.defaults.append(DEFAULT_PERMISSIONS)
    # a library base's own empty classes (`ObtainAuthToken.throttle_classes = ()`) stand
    replaced = {s for b in source.bases if b in KNOWN for s in KNOWN[b].replaces}
    throttles = class_names(source.attrs.get("throttle_classes"))
    if "throttle_classes" not in source.attrs:
        found.defaults += [DEFAULT_THROTTLES] if DEFAULT_THROTTLES not in replaced else []
    elif throttles != []:  # a list that is not literal is unknown, as any guard we cannot read
        found.guards.append(Guard(GuardKind.RATE_LIMIT) if throttles else UNKNOWN)
    own_bases = not any(b not in KNOWN for b in source.foreign_bases)
    if "authentication_classes" not in source.attrs and own_bases:  # else a base may set it
        found.defaults += [DEFAULT_AUTHENTICATION] if DEFAULT_AUTHENTICATION not in replaced else []
    authenticators = class_names(source.attrs.get("authentication_classes")) or []
    found.schemes = [scheme_of(n, index) for n in authenticators]
    return found


def _foreign_guards(bases: tuple[str, ...]) -> list[Guard]:
    """Project or third-party base classes: a mixin by its name (`ApiAuthMixin`:
    authentication), a view class as unknown (it may set `permission_classes` unseen),
    except the library login / token views, which let anyone in."""
    found: list[Guard] = []
    for base in bases:
        short = base.rsplit(".", 1)[-1]
        if short in _MIXINS or base in KNOWN:
            continue
        if short.endswith(("View", "ViewSet")):
            found.append(UNKNOWN)
            continue
        guard = guard_by_name(short)
        if guard.kind is not GuardKind.NEUTRAL:
            found.append(guard)
    return found


def policy(source: ViewSource, method: str, index: ModuleIndex) -> Policy:
    """The controls of one method of a view."""
    guards: list[Guard] = []
    opened: ast.AST | None = None
    for dec in source.decorators:
        if last_name(dec) == "login_not_required":
            opened = dec
        guard = _decorator_guard(dec, index)
        if guard is not None:
            guards.append(guard)
    shorts = [b.rsplit(".", 1)[-1] for b in source.bases]
    guards += [_MIXINS[b] for b in shorts if b in _MIXINS]
    guards += _foreign_guards(source.foreign_bases)
    drf = _drf(source, method, index) if source.drf else _Drf()
    controls = summarize([*guards, *drf.guards])
    return Policy(
        authentication=controls.authentication,
        auth_schemes=tuple(dict.fromkeys((*controls.auth_schemes, *drf.schemes))),
        rate_limited=controls.rate_limited,
        permission=controls.permission,
        defaults=tuple(drf.defaults),
        opened=opened if controls.authentication is not Tri.YES else None,
    )
