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
