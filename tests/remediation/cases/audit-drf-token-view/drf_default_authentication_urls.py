# DRF's default authenticators (session and HTTP Basic) apply to ObtainAuthToken itself (it
# sets no authentication_classes): TD-S007 is on the route before the patch and on the
# project subclass after it, so the patch introduces nothing.
from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

urlpatterns = [
    # ruleid: TD-R002
    path("api/auth/token/", obtain_auth_token),
]
