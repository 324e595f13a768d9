# DRF's default authenticators (session and HTTP Basic) apply to ObtainAuthToken itself (it
# sets no authentication_classes): TD-S007 is on the route before the patch and on the
# project subclass after it, so the patch introduces nothing.
import logging

from django.urls import path
from rest_framework.authtoken.views import ObtainAuthToken

logger = logging.getLogger(__name__)


class LoggedObtainAuthToken(ObtainAuthToken):
    """ObtainAuthToken that logs each attempt and its outcome."""

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
    # ruleid: TD-R002
    path("api/auth/token/", LoggedObtainAuthToken.as_view()),
]
