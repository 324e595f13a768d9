"""A Django REST Framework project whose ViewSet relies on the project's default permission
classes; the pull requests open it to anonymous callers or close it again."""

from __future__ import annotations

SETTINGS = """\
ROOT_URLCONF = "clinic.urls"
INSTALLED_APPS = ["rest_framework", "patients"]
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
"""

# Scenario: the pull request relaxes the project-wide default to AllowAny.
SETTINGS_ALLOW_ANY = SETTINGS.replace(
    "rest_framework.permissions.IsAuthenticated", "rest_framework.permissions.AllowAny"
)

URLS = """\
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from patients.views import PatientViewSet

router = DefaultRouter()
router.register(r"patients", PatientViewSet)

urlpatterns = [path("api/", include(router.urls))]
"""

VIEWS = """\
from rest_framework import viewsets

from .models import Patient


class PatientViewSet(viewsets.ModelViewSet):
    queryset = Patient.objects.all()
"""

# Scenario: the pull request opens the ViewSet to anonymous callers.
VIEWS_ALLOW_ANY = VIEWS.replace(
    "from rest_framework import viewsets\n",
    "from rest_framework import viewsets\nfrom rest_framework.permissions import AllowAny\n",
).replace(
    "class PatientViewSet(viewsets.ModelViewSet):\n",
    "class PatientViewSet(viewsets.ModelViewSet):\n    permission_classes = [AllowAny]\n",
)

# Scenario: the pull request closes an open ViewSet with explicit permission classes.
VIEWS_AUTHENTICATED = VIEWS_ALLOW_ANY.replace("AllowAny", "IsAuthenticated")

NOTES_URLS = URLS.replace(
    'urlpatterns = [path("api/", include(router.urls))]',
    'urlpatterns = [path("api/", include(router.urls)), path("notes/", notes)]',
).replace(
    "from patients.views import PatientViewSet",
    "from patients.views import PatientViewSet, notes",
)

NOTES_VIEW = """\

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_POST


@require_POST
@login_required
def notes(request):
    return HttpResponse(status=204)
"""

# Scenario: the pull request exempts a session-authenticated view from CSRF checks.
NOTES_VIEW_EXEMPT = NOTES_VIEW.replace(
    "@require_POST\n",
    "@csrf_exempt\n@require_POST\n",
).replace(
    "from django.views.decorators.http import require_POST\n",
    "from django.views.decorators.csrf import csrf_exempt\n"
    "from django.views.decorators.http import require_POST\n",
)

MODELS = """\
from django.db import models


class Patient(models.Model):
    full_name = models.CharField(max_length=200)
"""

FILES = {
    "clinic/settings.py": SETTINGS,
    "clinic/urls.py": URLS,
    "patients/views.py": VIEWS,
    "patients/models.py": MODELS,
}
