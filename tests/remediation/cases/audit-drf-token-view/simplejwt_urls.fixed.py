"""Token endpoints of the API; the module logs through its own logger."""

import logging

from django.urls import path
from rest_framework_simplejwt.views import TokenObtainPairView

log = logging.getLogger("api.auth")


class LoggedTokenObtainPairView(TokenObtainPairView):
    """TokenObtainPairView that logs each attempt and its outcome."""

    def post(self, request, *args, **kwargs):
        client = request.META.get("REMOTE_ADDR")
        try:
            response = super().post(request, *args, **kwargs)
        except Exception:
            log.warning("audit: %s refused for %s", request.path, client)
            raise
        log.info("audit: %s granted for %s", request.path, client)
        return response


# The pair of tokens a client signs in for.
urlpatterns = [
    # ruleid: TD-R002
    path('api/token/', LoggedTokenObtainPairView.as_view(), name='token_obtain_pair'),
]
