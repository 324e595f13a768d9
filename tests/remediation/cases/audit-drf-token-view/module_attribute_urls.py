from django.urls import path
from rest_framework.authtoken import views

urlpatterns = [
    # ruleid: TD-R002
    path("api/auth/token/", views.obtain_auth_token),
]
