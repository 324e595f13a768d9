# The rate-limiting family's subclass of ObtainAuthToken, routed: the library's `post` logs
# nothing, so the logging `post` goes into that class.
import logging

from django.urls import path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle

logger = logging.getLogger(__name__)


# ruleid: TD-R002
class ThrottledObtainAuthToken(ObtainAuthToken):
    """ObtainAuthToken with a per-client limit on attempts."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    def post(self, request, *args, **kwargs):
        client = request.META.get("REMOTE_ADDR")
        try:
            response = super().post(request, *args, **kwargs)
        except Exception:
            logger.warning("audit: %s refused for %s", request.path, client)
            raise
        logger.info("audit: %s granted for %s", request.path, client)
        return response


urlpatterns = [
    path("api/auth/token/", ThrottledObtainAuthToken.as_view()),
]
