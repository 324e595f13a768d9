"""DRF's token view through the rate-limiting and token-view audit families: the throttle
goes on a project subclass (DRF's `ObtainAuthToken` sets `throttle_classes = ()`, so the
settings' DEFAULT_THROTTLE_CLASSES never reach it) with the `login` rate in the settings,
and the two patches compose when `fix --apply` writes them in turn."""

from __future__ import annotations

from pathlib import Path

from threatdelta.findings.threat import Applicability
from threatdelta.pipeline import scan, scan_with_inputs
from threatdelta.remediation.delivery import FixOptions, apply_fixes
from threatdelta.remediation.run import ProvenFix, remediate

URLS = """from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

urlpatterns = [
    path("api/auth/token/", obtain_auth_token),
]
"""
SETTINGS = """ROOT_URLCONF = "urls"
INSTALLED_APPS = ["rest_framework", "rest_framework.authtoken"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
}
"""
THROTTLED_URLS = '''from django.urls import path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle


class ThrottledObtainAuthToken(ObtainAuthToken):
    """ObtainAuthToken with a per-client limit on attempts."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"


urlpatterns = [
    path("api/auth/token/", ThrottledObtainAuthToken.as_view()),
]
'''


def _project(root: Path, settings: str) -> None:
    (root / "settings.py").write_text(settings)
    (root / "urls.py").write_text(URLS)


def _throttle_fix(root: Path) -> ProvenFix | None:
    report, inputs = scan_with_inputs(root)
    done = remediate(report, inputs)
    found = [f for f in done.fixes if f.threat.rule_id == "TD-D001"]
    return found[0] if found else None


def test_token_view_gets_a_throttled_subclass_and_the_login_rate(tmp_path: Path) -> None:
    _project(tmp_path, SETTINGS)
    fix = _throttle_fix(tmp_path)
    assert fix is not None
    assert fix.patch.applicability is Applicability.SAFE  # nothing but this view changes
    assert fix.patched["urls.py"] == THROTTLED_URLS
    assert fix.patched["settings.py"] == SETTINGS.replace(
        '"],\n}', '"],\n    "DEFAULT_THROTTLE_RATES": {"login": "5/minute"},\n}'
    )


def test_login_rate_joins_a_one_line_rates_dict(tmp_path: Path) -> None:
    rates = '    "DEFAULT_THROTTLE_RATES": {"anon": "20/minute"},\n'
    _project(tmp_path, SETTINGS.replace("}\n", rates + "}\n"))
    fix = _throttle_fix(tmp_path)
    assert fix is not None
    assert (
        '    "DEFAULT_THROTTLE_RATES": {"anon": "20/minute", "login": "5/minute"},\n'
        in (fix.patched["settings.py"])
    )


def test_existing_login_rate_is_reused_and_only_the_urlconf_changes(tmp_path: Path) -> None:
    rates = '    "DEFAULT_THROTTLE_RATES": {"login": "3/minute"},\n'
    _project(tmp_path, SETTINGS.replace("}\n", rates + "}\n"))
    fix = _throttle_fix(tmp_path)
    assert fix is not None
    assert fix.patch.paths == ("urls.py",)


def test_rates_that_are_not_a_literal_dict_get_no_patch(tmp_path: Path) -> None:
    rates = '    "DEFAULT_THROTTLE_RATES": RATES,\n'
    _project(tmp_path, "RATES = {}\n" + SETTINGS.replace("}\n", rates + "}\n"))
    assert _throttle_fix(tmp_path) is None


def test_throttle_and_audit_patches_applied_in_turn_leave_neither_threat(
    tmp_path: Path,
) -> None:
    _project(tmp_path, SETTINGS)
    before = scan(tmp_path, fixes=False).threats
    on_token = {t.rule_id for t in before if t.element == "endpoint:POST /api/auth/token"}
    assert {"TD-D001", "TD-R002"} <= on_token
    outcome = apply_fixes(tmp_path, FixOptions(only=Applicability.SAFE))
    applied = {f.threat.rule_id for f in outcome.applied}
    assert {"TD-D001", "TD-R002"} <= applied
    assert not outcome.refused and not outcome.resolved
    urls = (tmp_path / "urls.py").read_text()
    assert urls.count("class ") == 1  # one subclass carries both controls
    assert "throttle_scope" in urls and "def post(self, request" in urls
    after = scan(tmp_path, fixes=False).threats
    left = {t.rule_id for t in after if t.element == "endpoint:POST /api/auth/token"}
    assert not left & {"TD-D001", "TD-R002"}
    assert {(t.rule_id, t.element) for t in after} <= {(t.rule_id, t.element) for t in before}


def test_crlf_urlconf_keeps_its_line_endings(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(SETTINGS)
    (tmp_path / "urls.py").write_bytes(URLS.replace("\n", "\r\n").encode())
    fix = _throttle_fix(tmp_path)
    assert fix is not None
    assert fix.patched["urls.py"] == THROTTLED_URLS.replace("\n", "\r\n")


def test_crlf_settings_get_no_patch(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_bytes(SETTINGS.replace("\n", "\r\n").encode())
    (tmp_path / "urls.py").write_text(URLS)
    assert _throttle_fix(tmp_path) is None
