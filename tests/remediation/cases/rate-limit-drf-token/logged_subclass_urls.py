# The audit family's subclass of ObtainAuthToken, routed: it inherits the library's empty
# throttle_classes, so the throttle goes into that class.
import logging

from django.urls import path
from rest_framework.authtoken.views import ObtainAuthToken

logger = logging.getLogger(__name__)


class LoggedObtainAuthToken(ObtainAuthToken):
    """ObtainAuthToken that logs each attempt and its outcome."""

    # ruleid: TD-D001
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
    path("api/auth/token/", LoggedObtainAuthToken.as_view()),
]
