"""Project middleware as the app's controls: Django's LoginRequiredMiddleware and views
that opt out of it."""

from __future__ import annotations

from pathlib import Path

from django_helpers import endpoints, project

from threatdelta.model import Tri

SETTINGS = """
ROOT_URLCONF = "proj.urls"
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]
"""

FILES = {
    "proj/urls.py": """
    from django.urls import path
    from app import views
    urlpatterns = [path("home/", views.home), path("login/", views.login_page)]
    """,
    "app/views.py": """
    from django.contrib.auth.decorators import login_not_required
    from django.shortcuts import render
    from django.views.decorators.http import require_GET

    @require_GET
    def home(request):
        return render(request, "home.html")

    @require_GET
    @login_not_required
    def login_page(request):
        return render(request, "login.html")
    """,
}


def test_login_required_middleware_authenticates_every_view_but_the_exempt_one(
    tmp_path: Path,
) -> None:
    found = endpoints(project(tmp_path, FILES, SETTINGS))
    assert found["endpoint:GET /home"].authentication is Tri.YES
    assert found["endpoint:GET /home"].auth_schemes == ("session",)
    assert found["endpoint:GET /login"].authentication is Tri.NO


def test_unknown_project_middleware_makes_a_plain_view_unknown(tmp_path: Path) -> None:
    settings = 'ROOT_URLCONF = "proj.urls"\nMIDDLEWARE = ["clinic.middleware.TenantGate"]\n'
    found = endpoints(project(tmp_path, FILES, settings))
    assert found["endpoint:GET /home"].authentication is Tri.UNKNOWN


def test_middleware_without_security_middleware_is_a_service_without_security_headers(
    tmp_path: Path,
) -> None:
    settings = (
        'ROOT_URLCONF = "proj.urls"\nMIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\n'
    )
    report = project(tmp_path, FILES, settings)
    [service] = [s for s in report.model.services if s.name == "proj"]
    assert (service.framework, service.security_headers) == ("django", Tri.NO)
    assert "TD-I008" in {t.rule_id for t in report.threats}


def test_security_middleware_applies_security_headers(tmp_path: Path) -> None:
    settings = SETTINGS.replace(
        "MIDDLEWARE = [", 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",'
    )
    report = project(tmp_path, FILES, settings)
    [service] = [s for s in report.model.services if s.name == "proj"]
    assert service.security_headers is Tri.YES
    assert "TD-I008" not in {t.rule_id for t in report.threats}
