"""DRF routers and ViewSets: generated routes, @action, permission defaults and overrides."""

from __future__ import annotations

from pathlib import Path

from django_helpers import endpoints, fragment, project, routed

from threatdelta.model import EvidenceRole, Tri

URLS = """
from rest_framework.routers import DefaultRouter
from app.views import PatientViewSet
router = DefaultRouter()
router.register(r"patients", PatientViewSet)
urlpatterns = router.urls
"""


def test_model_viewset_generates_list_detail_and_action_routes(tmp_path: Path) -> None:
    report = project(
        tmp_path,
        {
            "proj/urls.py": URLS,
            "app/views.py": """
            from rest_framework import viewsets
            from rest_framework.decorators import action

            class PatientViewSet(viewsets.ModelViewSet):
                @action(detail=True, methods=["post"], url_path="discharge")
                def discharge(self, request, pk=None):
                    return None
            """,
        },
    )
    assert set(endpoints(report)) == {
        "endpoint:GET /patients",
        "endpoint:POST /patients",
        "endpoint:GET /patients/{pk}",
        "endpoint:PUT /patients/{pk}",
        "endpoint:PATCH /patients/{pk}",
        "endpoint:DELETE /patients/{pk}",
        "endpoint:POST /patients/{pk}/discharge",
    }


def test_rest_framework_default_authenticates_a_viewset_without_permission_classes(
    tmp_path: Path,
) -> None:
    settings = """
    ROOT_URLCONF = "proj.urls"
    REST_FRAMEWORK = {
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
        "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    }
    """
    report = project(
        tmp_path,
        {
            "proj/urls.py": URLS,
            "app/views.py": """
            from rest_framework import viewsets

            class PatientViewSet(viewsets.ReadOnlyModelViewSet):
                pass
            """,
        },
        settings,
    )
    listing = endpoints(report)["endpoint:GET /patients"]
    assert listing.authentication is Tri.YES
    assert listing.rate_limited is Tri.YES
    assert "DEFAULT_PERMISSION_CLASSES" in listing.guards
    config = [e for e in listing.evidence if e.role is EvidenceRole.CONFIG]
    assert [(e.location.path, e.location.start_line) for e in config] == [("proj/settings.py", 3)]


def test_allow_any_overrides_an_authenticated_default(tmp_path: Path) -> None:
    settings = """
    ROOT_URLCONF = "proj.urls"
    REST_FRAMEWORK = {
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    }
    """
    report = project(
        tmp_path,
        {
            "proj/urls.py": URLS,
            "app/views.py": """
            from rest_framework import viewsets
            from rest_framework.permissions import AllowAny

            class PatientViewSet(viewsets.ReadOnlyModelViewSet):
                permission_classes = [AllowAny]
            """,
        },
        settings,
    )
    listing = endpoints(report)["endpoint:GET /patients"]
    assert listing.authentication is Tri.NO
    assert listing.rate_limited is Tri.NO  # DRF has no throttle by default
    assert "DEFAULT_PERMISSION_CLASSES" not in listing.guards


def test_viewset_without_settings_module_has_unknown_authentication(tmp_path: Path) -> None:
    report = project(
        tmp_path,
        {
            "proj/urls.py": URLS,
            "app/views.py": """
            from rest_framework import viewsets

            class PatientViewSet(viewsets.ReadOnlyModelViewSet):
                pass
            """,
        },
        settings='INSTALLED_APPS = ["app"]\n',
    )
    assert all(ep.authentication is Tri.UNKNOWN for ep in report.model.endpoints)


def test_viewset_routes_flow_to_the_store_of_its_queryset_model(tmp_path: Path) -> None:
    report = project(
        tmp_path,
        {
            "proj/urls.py": URLS,
            "app/models.py": """
            from django.db import models

            class Patient(models.Model):
                full_name = models.CharField(max_length=100)
            """,
            "app/views.py": """
            from rest_framework import viewsets
            from .models import Patient

            class PatientViewSet(viewsets.ReadOnlyModelViewSet):
                queryset = Patient.objects.all()
            """,
        },
    )
    assert {f.key for f in report.model.flows if f.target.startswith("datastore:")} == {
        "flow:endpoint:GET /patients->datastore:sql:app_patient:sql",
        "flow:endpoint:GET /patients/{pk}->datastore:sql:app_patient:sql",
    }


def test_read_only_default_opens_reads_and_authenticates_writes(tmp_path: Path) -> None:
    settings = """
    ROOT_URLCONF = "proj.urls"
    REST_FRAMEWORK = {
        "DEFAULT_PERMISSION_CLASSES": [
            "rest_framework.permissions.IsAuthenticatedOrReadOnly",
        ],
    }
    """
    report = project(
        tmp_path,
        {
            "proj/urls.py": URLS,
            "app/views.py": """
            from rest_framework import viewsets

            class PatientViewSet(viewsets.ModelViewSet):
                pass
            """,
        },
        settings,
    )
    found = endpoints(report)
    assert found["endpoint:GET /patients"].authentication is Tri.NO
    assert found["endpoint:GET /patients/{pk}"].authentication is Tri.NO
    assert found["endpoint:POST /patients"].authentication is Tri.YES
    assert found["endpoint:DELETE /patients/{pk}"].authentication is Tri.YES


def test_action_permission_classes_replace_the_viewsets_own() -> None:
    frag = fragment(
        """
        from rest_framework import viewsets
        from rest_framework.decorators import action
        from rest_framework.permissions import AllowAny, IsAuthenticated

        class Accounts(viewsets.GenericViewSet):
            permission_classes = [IsAuthenticated]

            @action(detail=False, methods=["post"], permission_classes=[AllowAny])
            def register(self, request):
                return None

            @action(detail=False)
            def me(self, request):
                return None
        """
    )
    found = routed(frag)
    assert found[("Accounts", "POST", "register")].authentication is Tri.NO
    assert found[("Accounts", "GET", "me")].authentication is Tri.YES


def test_viewset_actions_routed_by_as_view_mapping_get_only_those_routes(tmp_path: Path) -> None:
    report = project(
        tmp_path,
        {
            "proj/urls.py": """
            from django.urls import path
            from app.views import PatientViewSet

            urlpatterns = [
                path("patients/<int:pk>/", PatientViewSet.as_view({"get": "retrieve"})),
                path("wards/", PatientViewSet.as_view({"get": "list", "post": "create"})),
            ]
            """,
            "app/views.py": """
            from rest_framework import viewsets

            class PatientViewSet(viewsets.ReadOnlyModelViewSet):
                def create(self, request):
                    return None
            """,
        },
    )
    assert set(endpoints(report)) == {
        "endpoint:GET /patients/{pk}",
        "endpoint:GET /wards",
        "endpoint:POST /wards",
    }
    assert not [n for n in report.notifications if n.code == "unresolved-router"]
