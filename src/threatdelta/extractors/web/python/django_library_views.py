"""Views that Django, DRF and well-known packages ship, routed in a project's URLconf:
authentication endpoints (a login form, a token endpoint) become endpoints of the URLconf
itself, since their code is not in the repository; schema and debug views are not routes
worth modelling and are left out without a note.

A DRF view that sets one of `throttle_classes`, `permission_classes` or
`authentication_classes` itself is not governed by the project's `REST_FRAMEWORK` default
for it, even when it sets it empty. The packages' sources, as released:

- DRF `rest_framework/authtoken/views.py`: `class ObtainAuthToken(APIView)` sets
  `throttle_classes = ()` and `permission_classes = ()`, so `DEFAULT_THROTTLE_CLASSES` never
  throttles `obtain_auth_token`; it keeps the default authenticators.
- simplejwt `rest_framework_simplejwt/views.py`: `class TokenViewBase(GenericAPIView)` sets
  `permission_classes = ()` and `authentication_classes = ()` and no `throttle_classes`, so
  its token views are throttled by the default.
- django-rest-framework-jwt (`rest_framework_jwt/views.py`, 1.11 and the drf-jwt fork): the
  base view sets `permission_classes = ()` and `authentication_classes = ()`, no throttles.

Such a view's endpoint names the settings it inherits among its `guards` (the linker combines
them into it: `obtain_auth_token` gets the default authenticators' schemes, simplejwt's views
the default throttles), and carries a `default-overridden` fact (name: the setting) on the
route for each one it replaces.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from threatdelta.extractors.web.python.django_routes import ViewRoute
from threatdelta.model.base import Evidence, Location, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.facts import CodeFact, FactKind
from threatdelta.model.link_defaults import AUTHENTICATORS, PERMISSIONS, THROTTLES


@dataclass(frozen=True)
class LibraryView:
    methods: tuple[str, ...]
    drf: bool  # a DRF view: the REST_FRAMEWORK defaults apply unless it sets its own
    authenticated: bool = False  # the view requires a signed-in user
    # the REST_FRAMEWORK settings the view replaces with its own (empty) class attribute
    replaces: tuple[str, ...] = ()

    @property
    def inherits(self) -> tuple[str, ...]:
        """The `REST_FRAMEWORK` settings that govern the view (none for a Django view)."""
        drf = (THROTTLES, PERMISSIONS, AUTHENTICATORS) if self.drf else ()
        return tuple(s for s in drf if s not in self.replaces)


# DRF's ObtainAuthToken: `throttle_classes = ()`, `permission_classes = ()`
_AUTHTOKEN = LibraryView(("POST",), drf=True, replaces=(THROTTLES, PERMISSIONS))
# simplejwt's TokenViewBase, rest_framework_jwt's base view: permissions and authenticators
_JWT = LibraryView(("POST",), drf=True, replaces=(PERMISSIONS, AUTHENTICATORS))
_FORM = LibraryView(("GET", "POST"), drf=False)
KNOWN = {
    "rest_framework.authtoken.views.obtain_auth_token": _AUTHTOKEN,
    "rest_framework.authtoken.views.ObtainAuthToken": _AUTHTOKEN,
    "rest_framework_simplejwt.views.TokenObtainPairView": _JWT,
    "rest_framework_simplejwt.views.TokenRefreshView": _JWT,
    "rest_framework_simplejwt.views.TokenVerifyView": _JWT,
    "rest_framework_simplejwt.views.TokenObtainSlidingView": _JWT,
    "rest_framework_simplejwt.views.TokenRefreshSlidingView": _JWT,
    "rest_framework_simplejwt.views.TokenBlacklistView": _JWT,
    "rest_framework_jwt.views.ObtainJSONWebTokenView": _JWT,
    "rest_framework_jwt.views.ObtainJSONWebToken": _JWT,
    "rest_framework_jwt.views.obtain_jwt_token": _JWT,
    "django.contrib.auth.views.LoginView": _FORM,
    "django.contrib.auth.views.PasswordResetView": _FORM,
    "django.contrib.auth.views.PasswordResetConfirmView": _FORM,
    "django.contrib.auth.views.PasswordChangeView": LibraryView(
        ("GET", "POST"), drf=False, authenticated=True
    ),
}
# packages whose views are documentation, schema or debugging pages
QUIET = ("drf_spectacular.", "drf_yasg.", "debug_toolbar.", "rest_framework_swagger.")


def library_endpoints(qualified: str, path: str, where: Location) -> list[Endpoint]:
    """The endpoints of a known library view routed at `path` (relative to the URLconf)."""
    view = KNOWN.get(qualified)
    if view is None:
        return []
    return [
        Endpoint(
            method=method,
            path=path,
            service="",
            handler=where,
            handler_name=qualified.rsplit(".", 1)[-1],
            sources=("drf" if view.drf else "django",),
            evidence=(Evidence(location=where),),
            authentication=Tri.YES if view.authenticated else Tri.NO,
            auth_schemes=("session",) if view.authenticated else (),
            guards=view.inherits,  # the settings the linker combines into it
            rate_limited=Tri.NO,
            facts=_overridden(qualified, view, where),
        )
        for method in view.methods
    ]


def _overridden(qualified: str, view: LibraryView, where: Location) -> tuple[CodeFact, ...]:
    """A `default-overridden` fact per `REST_FRAMEWORK` setting the view replaces."""
    attribute = {
        THROTTLES: "throttle_classes",
        PERMISSIONS: "permission_classes",
        AUTHENTICATORS: "authentication_classes",
    }
    return tuple(
        CodeFact(
            kind=FactKind.DEFAULT_OVERRIDDEN,
            location=where,
            name=setting,
            detail=f"{qualified} sets its own empty `{attribute[setting]}`: "
            f"REST_FRAMEWORK's {setting} does not apply to it",
        )
        for setting in view.replaces
    )


def inherited_routes(
    cls: ast.ClassDef, bases: list[str], routes: list[ViewRoute]
) -> list[ViewRoute]:
    """The methods a project subclass of a library view answers through the library's code
    (`class Login(ObtainAuthToken): throttle_classes = [...]` answers POST), beside `routes`;
    the library's code calls none of the class's `perform_*` hooks."""
    defined = {r.method for r in routes}
    found: list[ViewRoute] = []
    for base in bases:
        for method in KNOWN[base].methods if base in KNOWN else ():
            if method not in defined:
                defined.add(method)
                name = f"{cls.name}.{method.lower()}"
                found.append(ViewRoute(method, "", None, name, library=True))
    return found
