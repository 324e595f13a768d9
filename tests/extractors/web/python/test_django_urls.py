"""Django URLconfs: path converters, regex groups and include() prefixes across files."""

from __future__ import annotations

from pathlib import Path

from django_helpers import endpoints, project


def test_include_prefix_and_int_converter_give_the_full_path(tmp_path: Path) -> None:
    report = project(
        tmp_path,
        {
            "proj/urls.py": """
            from django.urls import include, path
            urlpatterns = [path("api/v1/", include("app.urls"))]
            """,
            "app/urls.py": """
            from django.urls import path
            from . import views
            urlpatterns = [path("notes/<int:pk>/", views.note)]
            """,
            "app/views.py": """
            from django.http import JsonResponse
            from django.views.decorators.http import require_GET

            @require_GET
            def note(request, pk):
                return JsonResponse({"id": pk})
            """,
        },
    )
    found = endpoints(report)
    assert set(found) == {"endpoint:GET /api/v1/notes/{pk}"}
    assert found["endpoint:GET /api/v1/notes/{pk}"].service == "proj"


def test_re_path_named_group_becomes_a_parameter(tmp_path: Path) -> None:
    report = project(
        tmp_path,
        {
            "proj/urls.py": """
            from django.urls import re_path
            from app.views import archive
            urlpatterns = [re_path(r"^archive/(?P<year>[0-9]{4})/$", archive)]
            """,
            "app/views.py": """
            from django.http import HttpResponse
            from django.views.decorators.http import require_GET

            @require_GET
            def archive(request, year):
                return HttpResponse(year)
            """,
        },
    )
    assert set(endpoints(report)) == {"endpoint:GET /archive/{year}"}


def test_plain_function_view_answers_get_and_post_without_authentication(
    tmp_path: Path,
) -> None:
    report = project(
        tmp_path,
        {
            "proj/urls.py": """
            from django.urls import path
            from app import views
            urlpatterns = [path("contact/", views.contact)]
            """,
            "app/views.py": """
            from django.http import HttpResponse

            def contact(request):
                return HttpResponse("ok")
            """,
        },
    )
    found = endpoints(report)
    assert set(found) == {"endpoint:GET /contact", "endpoint:POST /contact"}
    assert all(ep.authentication.value == "no" for ep in found.values())
