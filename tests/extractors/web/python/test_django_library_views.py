"""Library token views and the project's REST_FRAMEWORK defaults: a view that sets its own
empty throttle / permission / authenticator classes is not governed by the setting.

What the packages ship (their released sources):
- DRF, rest_framework/authtoken/views.py:
      class ObtainAuthToken(APIView):
          throttle_classes = ()
          permission_classes = ()
  so DEFAULT_THROTTLE_CLASSES never throttles `obtain_auth_token` or a subclass that does not
  set `throttle_classes` itself.
- simplejwt, rest_framework_simplejwt/views.py:
      class TokenViewBase(generics.GenericAPIView):
          permission_classes = ()
          authentication_classes = ()
  (no `throttle_classes`): its token views are throttled by DEFAULT_THROTTLE_CLASSES.
"""

from __future__ import annotations

from pathlib import Path

from django_helpers import endpoints, fragment, project, routed

from threatdelta.model import FactKind, Tri

THROTTLED_SETTINGS = """
ROOT_URLCONF = "proj.urls"
INSTALLED_APPS = ["rest_framework", "app"]
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "20/minute"},
}
"""

URLS = """
from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework_simplejwt.views import TokenObtainPairView

urlpatterns = [
    path("auth/token/", obtain_auth_token),
    path("auth/jwt/", TokenObtainPairView.as_view()),
]
"""


def test_obtain_auth_token_is_not_throttled_by_the_default_throttle_classes(
    tmp_path: Path,
) -> None:
    report = project(tmp_path, {"proj/urls.py": URLS}, settings=THROTTLED_SETTINGS)
    found = endpoints(report)
    token, jwt = found["endpoint:POST /auth/token"], found["endpoint:POST /auth/jwt"]
    # ObtainAuthToken.throttle_classes = (): the setting does not reach it
    assert token.rate_limited is Tri.NO
    assert token.guards == ("DEFAULT_AUTHENTICATION_CLASSES",)
    # it keeps the default authenticators (DRF's own: session and HTTP Basic)
    assert token.auth_schemes == ("session", "basic")
    # simplejwt's TokenViewBase sets no throttle_classes: the setting throttles it; it sets
    # its own empty authentication_classes
    assert (jwt.rate_limited, jwt.guards, jwt.auth_schemes) == (
        Tri.YES,
        ("DEFAULT_THROTTLE_CLASSES",),
        (),
    )
    assert any(ev.location.path == "proj/settings.py" for ev in jwt.evidence)


def test_library_token_view_records_each_default_it_replaces_on_the_route() -> None:
    frag = fragment(URLS, path="proj/urls.py")
    token, jwt = (r.endpoint for r in frag.endpoints)
    overridden = {
        ep.handler_name: sorted(f.name for f in ep.facts if f.kind is FactKind.DEFAULT_OVERRIDDEN)
        for ep in (token, jwt)
    }
    assert overridden == {
        "obtain_auth_token": ["DEFAULT_PERMISSION_CLASSES", "DEFAULT_THROTTLE_CLASSES"],
        "TokenObtainPairView": ["DEFAULT_AUTHENTICATION_CLASSES", "DEFAULT_PERMISSION_CLASSES"],
    }
    [fact] = [f for f in token.facts if f.name == "DEFAULT_THROTTLE_CLASSES"]
    assert (fact.location.path, fact.location.start_line) == ("proj/urls.py", 7)
    assert "throttle_classes" in fact.detail


def test_subclass_of_obtain_auth_token_inherits_its_empty_throttles() -> None:
    frag = fragment(
        """
        from rest_framework.authtoken.views import ObtainAuthToken
        from rest_framework.throttling import ScopedRateThrottle

        class LoggedToken(ObtainAuthToken):
            def post(self, request, *args, **kwargs):
                return super().post(request, *args, **kwargs)

        class ThrottledToken(ObtainAuthToken):
            throttle_classes = [ScopedRateThrottle]
            throttle_scope = "login"
        """
    )
    found = routed(frag)
    logged, throttled = found[("LoggedToken", "POST", "")], found[("ThrottledToken", "POST", "")]
    assert (logged.rate_limited, logged.guards) == (Tri.NO, ("DEFAULT_AUTHENTICATION_CLASSES",))
    assert throttled.rate_limited is Tri.YES


def test_subclass_of_a_simplejwt_view_keeps_the_default_throttles_not_the_authenticators() -> None:
    frag = fragment(
        """
        from rest_framework_simplejwt.views import TokenObtainPairView

        class Login(TokenObtainPairView):
            pass
        """
    )
    login = routed(frag)[("Login", "POST", "")]
    assert login.guards == ("DEFAULT_THROTTLE_CLASSES",)
    assert login.auth_schemes == ()
