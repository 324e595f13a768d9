# DRF's ObtainAuthToken sets `throttle_classes = ()`: the settings' DEFAULT_THROTTLE_CLASSES
# never throttle it, so the route goes to a subclass with its own throttle.
from django.contrib import admin
from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

urlpatterns = [
    path("admin/", admin.site.urls),
    # ruleid: TD-D001
    path("api/auth/token/", obtain_auth_token, name="api-token"),
]
