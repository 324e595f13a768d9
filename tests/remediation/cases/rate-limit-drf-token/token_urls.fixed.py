# DRF's ObtainAuthToken sets `throttle_classes = ()`: the settings' DEFAULT_THROTTLE_CLASSES
# never throttle it, so the route goes to a subclass with its own throttle.
from django.contrib import admin
from django.urls import path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle


class ThrottledObtainAuthToken(ObtainAuthToken):
    """ObtainAuthToken with a per-client limit on attempts."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"


urlpatterns = [
    path("admin/", admin.site.urls),
    # ruleid: TD-D001
    path("api/auth/token/", ThrottledObtainAuthToken.as_view(), name="api-token"),
]
