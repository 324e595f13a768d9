"""Token endpoints of the API; the module logs through its own logger."""

import logging

from django.urls import path
from rest_framework_simplejwt.views import TokenObtainPairView

log = logging.getLogger("api.auth")

# The pair of tokens a client signs in for.
urlpatterns = [
    # ruleid: TD-R002
    path('api/token/', TokenObtainPairView.as_view(), name='token_obtain_pair'),
]
