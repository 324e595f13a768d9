# DRF's default authenticators (session and HTTP Basic) apply to a project subclass of the
# token view: the proof sees TD-S007 appear on it and drops the patch.
from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

urlpatterns = [
    # ruleid: TD-R002
    path("api/auth/token/", obtain_auth_token),
]
