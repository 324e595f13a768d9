# The rate-limiting family's subclass of ObtainAuthToken, routed: the library's `post` logs
# nothing, so the logging `post` goes into that class.
from django.urls import path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle


# ruleid: TD-R002
class ThrottledObtainAuthToken(ObtainAuthToken):
    """ObtainAuthToken with a per-client limit on attempts."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"


urlpatterns = [
    path("api/auth/token/", ThrottledObtainAuthToken.as_view()),
]
