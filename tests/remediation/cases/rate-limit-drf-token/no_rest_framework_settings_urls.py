# No settings module with a literal REST_FRAMEWORK dict: a scoped throttle would have no rate
# and fail on its first request, so no fix is offered.
from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

urlpatterns = [
    # ruleid: TD-D001
    path("api/auth/token/", obtain_auth_token),
]
