"""Views that Django, DRF and well-known packages ship, routed in a project's URLconf:
authentication endpoints (a login form, a token endpoint) become endpoints of the URLconf
itself, since their code is not in the repository; schema and debug views are not routes
worth modelling and are left out without a note."""

from __future__ import annotations

from dataclasses import dataclass

from threatdelta.model.base import Evidence, Location, Tri
from threatdelta.model.elements import Endpoint
from threatdelta.model.link_defaults import THROTTLES


@dataclass(frozen=True)
class LibraryView:
    methods: tuple[str, ...]
    drf: bool  # throttled by the project's DEFAULT_THROTTLE_CLASSES
    authenticated: bool = False  # the view requires a signed-in user


_TOKEN = LibraryView(("POST",), drf=True)
_FORM = LibraryView(("GET", "POST"), drf=False)
KNOWN = {
    "rest_framework.authtoken.views.obtain_auth_token": _TOKEN,
    "rest_framework.authtoken.views.ObtainAuthToken": _TOKEN,
    "rest_framework_simplejwt.views.TokenObtainPairView": _TOKEN,
    "rest_framework_simplejwt.views.TokenRefreshView": _TOKEN,
    "rest_framework_simplejwt.views.TokenVerifyView": _TOKEN,
    "rest_framework_simplejwt.views.TokenObtainSlidingView": _TOKEN,
    "rest_framework_simplejwt.views.TokenRefreshSlidingView": _TOKEN,
    "rest_framework_simplejwt.views.TokenBlacklistView": _TOKEN,
    "rest_framework_jwt.views.ObtainJSONWebTokenView": _TOKEN,
    "rest_framework_jwt.views.obtain_jwt_token": _TOKEN,
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
            guards=(THROTTLES,) if view.drf else (),
            rate_limited=Tri.NO,
        )
        for method in view.methods
    ]
