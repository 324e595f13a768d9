"""URLconf wrappers, serializers and URLconfs the extractor cannot read, one idiom each."""

from __future__ import annotations

from django_helpers import fragment

from threatdelta.model import FactKind, Tri


def test_login_required_around_a_view_in_the_urlconf_authenticates_the_mount() -> None:
    frag = fragment(
        """
        from django.contrib.auth.decorators import login_required
        from django.urls import path
        from django.views.decorators.csrf import csrf_exempt
        from . import views

        urlpatterns = [
            path("reports/", login_required(views.reports)),
            path("hook/", csrf_exempt(views.Hook.as_view())),
        ]
        """,
        path="app/urls.py",
    )
    reports, hook = frag.mounts
    assert (reports.child.module, reports.child.name, reports.prefix) == (
        "app/views",
        "reports",
        "reports/",
    )
    assert reports.authentication is Tri.YES
    assert (hook.child.name, hook.authentication) == ("Hook", Tri.NO)
    [csrf] = [f for s in frag.services for f in s.facts if f.kind is FactKind.CSRF_DISABLED]
    assert csrf.location.start_line == 9


def test_model_serializer_with_all_fields_names_the_models_store() -> None:
    frag = fragment(
        """
        from rest_framework import serializers
        from .models import Patient

        class PatientSerializer(serializers.ModelSerializer):
            class Meta:
                model = Patient
                fields = "__all__"
        """,
        path="clinic/serializers.py",
    )
    [fact] = [f for s in frag.services for f in s.facts]
    assert (fact.kind, fact.name, fact.location.start_line) == (
        FactKind.ALL_FIELDS_SERIALIZED,
        "datastore:sql:clinic_patient",
        8,
    )


def test_urlconf_built_from_variables_mounts_nothing_and_does_not_fail() -> None:
    frag = fragment(
        """
        from django.urls import include, path
        ROUTES = build_routes()
        urlpatterns = [path(PREFIX, include(ROUTES)), path("x/", get_view())]
        urlpatterns += extra_patterns()
        """,
        path="app/urls.py",
    )
    assert frag.notifications == ()
    assert frag.mounts == ()
    assert [r.ref.name for r in frag.routers] == ["urlpatterns"]


def test_urlpatterns_concatenated_many_times_are_all_read() -> None:
    parts = " + ".join(f'[path("p{i}/", views.page)]' for i in range(600))
    frag = fragment(
        f"""
        from django.urls import path
        from . import views
        urlpatterns = {parts}
        """,
        path="app/urls.py",
    )
    assert frag.notifications == ()
    assert len(frag.mounts) == 600


def test_router_register_by_keyword_mounts_the_viewset_on_the_router() -> None:
    frag = fragment(
        """
        from django.urls import include, path
        from rest_framework import routers
        from .views import InvoiceViewSet

        router = routers.SimpleRouter()
        router.register(prefix=r"invoices", viewset=InvoiceViewSet, basename="invoice")
        urlpatterns = [path("billing/", include(router.urls))]
        """,
        path="app/urls.py",
    )
    register, include = frag.mounts
    assert (register.parent.name, register.child.module, register.child.name) == (
        "router",
        "app/views",
        "InvoiceViewSet",
    )
    assert register.prefix == "invoices"
    assert (include.child.name, include.prefix) == ("router", "billing/")


def test_view_from_a_star_import_is_looked_for_in_that_module() -> None:
    frag = fragment(
        """
        from django.urls import path
        from .views import *

        urlpatterns = [path("inbox/", InboxView.as_view())]
        """,
        path="mail/urls.py",
    )
    [mount] = frag.mounts
    assert (mount.child.module, mount.child.name) == ("mail/views", "InboxView")


def test_library_token_view_is_an_endpoint_of_the_urlconf() -> None:
    frag = fragment(
        """
        from django.urls import path
        from drf_spectacular.views import SpectacularAPIView
        from rest_framework_simplejwt.views import TokenObtainPairView

        urlpatterns = [
            path("token/", TokenObtainPairView.as_view()),
            path("schema/", SpectacularAPIView.as_view()),
        ]
        """,
        path="app/urls.py",
    )
    [token] = [r.endpoint for r in frag.endpoints]
    assert (token.method, token.path, token.authentication) == ("POST", "token/", Tri.NO)
    assert token.guards == ("DEFAULT_THROTTLE_CLASSES",)
    assert token.handler is not None and token.handler.start_line == 7
    assert frag.mounts == ()  # the schema view is documentation, not mounted


def test_serializer_whose_model_comes_from_a_call_names_no_store() -> None:
    frag = fragment(
        """
        from django.apps import apps
        from rest_framework import serializers

        class AnySerializer(serializers.ModelSerializer):
            class Meta:
                model = apps.get_model("clinic", "Patient")
                fields = "__all__"
        """,
        path="clinic/serializers.py",
    )
    assert [f for s in frag.services for f in s.facts] == []
