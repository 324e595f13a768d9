"""Django settings: host, CSRF middleware, cookies and CORS as facts on the service."""

from __future__ import annotations

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.python import PythonWebExtractor
from threatdelta.model import FactKind

SETTINGS = """\
ROOT_URLCONF = "proj.urls"
ALLOWED_HOSTS = ["*"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
CSRF_COOKIE_SECURE = False
CORS_ALLOW_ALL_ORIGINS = True
"""


def test_settings_module_declares_the_app_and_its_insecure_settings() -> None:
    fragment = PythonWebExtractor().extract(SourceFile(path="proj/settings.py", text=SETTINGS))
    [service] = fragment.services
    assert (service.name, service.framework) == ("proj", "django")
    kinds = {(f.kind, f.name, f.location.start_line) for f in service.facts}
    assert kinds == {
        (FactKind.ALLOWED_HOSTS_WILDCARD, "ALLOWED_HOSTS", 2),
        (FactKind.CSRF_DISABLED, "MIDDLEWARE", 3),
        (FactKind.INSECURE_COOKIE, "CSRF_COOKIE_SECURE", 4),
        (FactKind.CORS_WILDCARD, "CORS_ALLOW_ALL_ORIGINS", 5),
    }
    [app] = [r for r in fragment.routers if r.is_app]
    assert app.ref.name == "ROOT_URLCONF"
    assert [m.child.module for m in fragment.mounts] == ["proj/urls"]


def test_broken_settings_module_gives_a_notification() -> None:
    fragment = PythonWebExtractor().extract(
        SourceFile(path="proj/settings.py", text="ROOT_URLCONF = (\n")
    )
    assert [n.code for n in fragment.notifications] == ["parse-error"]


def test_settings_module_without_settings_in_its_path_or_django_imports_is_read() -> None:
    text = 'from config.env import env\nROOT_URLCONF = "config.urls"\nALLOWED_HOSTS = ["*"]\n'
    fragment = PythonWebExtractor().extract(SourceFile(path="config/django/base.py", text=text))
    assert [r.ref.name for r in fragment.routers if r.is_app] == ["ROOT_URLCONF"]
    assert [f.kind for s in fragment.services for f in s.facts] == [FactKind.ALLOWED_HOSTS_WILDCARD]


def test_empty_default_authentication_classes_give_no_schemes() -> None:
    text = 'ROOT_URLCONF = "p.urls"\nREST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": []}\n'
    fragment = PythonWebExtractor().extract(SourceFile(path="p/settings.py", text=text))
    [authenticators] = [
        r for r in fragment.routers if r.ref.name == "DEFAULT_AUTHENTICATION_CLASSES"
    ]
    assert authenticators.auth_schemes == ()
