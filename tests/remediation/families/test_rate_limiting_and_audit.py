"""The rate-limiting and audit-logging families through the real pipeline: file conventions
kept (CRLF, tabs, no trailing newline) or no patch (mixed newlines), applicability by what the
patch introduces, and the fixture applications' threats of their rules all patched and
proven where the families support the framework."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatdelta.findings.threat import Applicability
from threatdelta.pipeline import scan_with_inputs
from threatdelta.remediation.families.audit_logging import AuditLogging
from threatdelta.remediation.families.rate_limiting import RateLimiting
from threatdelta.remediation.run import Remediation, remediate

FIXTURES = Path(__file__).parents[3] / "fixtures"
FAMILIES = (AuditLogging(), RateLimiting())

FLASK = """import logging

from flask import Flask, jsonify, request

app = Flask(__name__)
logger = logging.getLogger(__name__)


@app.post("/login")
def login():
    return jsonify({"user": request.get_json().get("email")})
"""


def _remediate(root: Path) -> Remediation:
    report, inputs = scan_with_inputs(root)
    return remediate(report, inputs, FAMILIES)


def _fix_of(done: Remediation, rule_id: str) -> str:
    (fix,) = [f for f in done.fixes if f.threat.rule_id == rule_id]
    return fix.patched[fix.threat.evidence[0].location.path]


def test_crlf_file_without_trailing_newline_keeps_both(tmp_path: Path) -> None:
    text = FLASK.rstrip("\n").replace("\n", "\r\n")
    (tmp_path / "app.py").write_bytes(text.encode())
    patched = _fix_of(_remediate(tmp_path), "TD-R002")
    assert '\r\n    logger.info("audit: %s %s", "POST", "/login")\r\n' in patched
    assert "\n" not in patched.replace("\r\n", "")
    assert not patched.endswith("\r\n")


def test_tab_indented_handler_gets_a_tab_indented_log_call(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(FLASK.replace("    return", "\treturn"))
    patched = _fix_of(_remediate(tmp_path), "TD-R002")
    assert '\n\tlogger.info("audit: %s %s", "POST", "/login")\n\treturn' in patched


def test_mixed_newlines_get_no_patch(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_bytes(FLASK.replace("\n", "\r\n", 3).encode())
    done = _remediate(tmp_path)
    assert {t.rule_id for t in done.threats} >= {"TD-R002", "TD-D001"}
    assert done.fixes == ()


def test_limiter_set_up_beside_the_app_is_unsafe_with_guidance(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(FLASK)
    (fix,) = [f for f in _remediate(tmp_path).fixes if f.threat.rule_id == "TD-D001"]
    assert fix.patch.applicability is Applicability.UNSAFE
    assert "Flask-Limiter" in fix.patch.guidance
    assert "limiter = Limiter(get_remote_address, app=app)" in fix.patched["app.py"]


def test_existing_limiter_is_reused_and_the_patch_is_safe(tmp_path: Path) -> None:
    text = FLASK.replace(
        "app = Flask(__name__)\n",
        "app = Flask(__name__)\nlimiter = Limiter(get_remote_address, app=app)\n",
    ).replace(
        "from flask import Flask, jsonify, request\n",
        "from flask import Flask, jsonify, request\nfrom flask_limiter import Limiter\n"
        "from flask_limiter.util import get_remote_address\n",
    )
    text += '\n\n@app.post("/token")\n@limiter.limit("9 per minute")\ndef token():\n'
    text += '    logger.info("token")\n    return jsonify({})\n'
    (tmp_path / "app.py").write_text(text)
    (fix,) = [f for f in _remediate(tmp_path).fixes if f.threat.rule_id == "TD-D001"]
    assert fix.patch.applicability is Applicability.SAFE
    assert fix.patched["app.py"].count("Limiter(") == 1
    assert '@app.post("/login")\n@limiter.limit("5 per minute")\ndef login' in fix.patched["app.py"]


DRF_SETTINGS = """ROOT_URLCONF = "urls"
INSTALLED_APPS = ["rest_framework", "rest_framework.authtoken"]
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"]
}
"""


SIMPLEJWT_URLS = """from django.urls import path
from rest_framework_simplejwt.views import TokenObtainPairView

urlpatterns = [
    path("api/auth/token/", TokenObtainPairView.as_view()),
]
"""


def test_library_token_view_is_throttled_by_the_drf_defaults(tmp_path: Path) -> None:
    # simplejwt's TokenViewBase sets no throttle_classes: DEFAULT_THROTTLE_CLASSES reach it
    (tmp_path / "settings.py").write_text(DRF_SETTINGS)
    (tmp_path / "urls.py").write_text(SIMPLEJWT_URLS)
    done = _remediate(tmp_path)
    (fix,) = [f for f in done.fixes if f.threat.rule_id == "TD-D001"]
    assert fix.patch.applicability is Applicability.UNSAFE
    assert fix.patch.paths == ("settings.py",)
    assert fix.patched["settings.py"] == DRF_SETTINGS.replace(
        '"]\n}',
        '"],\n    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],\n'
        '    "DEFAULT_THROTTLE_RATES": {"anon": "5/minute"},\n}',
    )


DRF_VIEWS = """from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from .models import Clinic


class ClinicViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    queryset = Clinic.objects.all()
"""
DRF_ROUTER = """from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register(r"clinics", views.ClinicViewSet)
urlpatterns = router.urls
"""


def test_view_throttle_brings_the_anon_rate_it_needs(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(DRF_SETTINGS)
    (tmp_path / "urls.py").write_text(DRF_ROUTER)
    (tmp_path / "views.py").write_text(DRF_VIEWS)
    (fix,) = [f for f in _remediate(tmp_path).fixes if f.threat.rule_id == "TD-D005"]
    assert fix.patch.paths == ("views.py", "settings.py")
    assert "    throttle_classes = [AnonRateThrottle]\n" in fix.patched["views.py"]
    assert '    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute"},\n}' in fix.patched["settings.py"]
    assert "DEFAULT_THROTTLE_CLASSES" not in fix.patched["settings.py"]


def test_settings_that_already_name_rates_get_a_throttled_subclass_not_a_default(
    tmp_path: Path,
) -> None:
    settings = DRF_SETTINGS.replace(
        '"]\n}', '"],\n    "DEFAULT_THROTTLE_RATES": {"anon": "5/minute"},\n}'
    )
    (tmp_path / "settings.py").write_text(settings)
    (tmp_path / "urls.py").write_text(SIMPLEJWT_URLS)
    done = _remediate(tmp_path)
    (fix,) = [f for f in done.fixes if f.threat.rule_id == "TD-D001"]
    assert fix.patch.paths == ("urls.py", "settings.py")
    assert "DEFAULT_THROTTLE_CLASSES" not in fix.patched["settings.py"]
    assert '{"anon": "5/minute", "login": "5/minute"}' in fix.patched["settings.py"]
    assert "ThrottledTokenObtainPairView.as_view()" in fix.patched["urls.py"]


NEST_CONTROLLER = """import { Body, Controller, Post } from '@nestjs/common';
import { AuthService } from './auth.service';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  login(@Body() dto: { email: string; password: string }) {
    return this.auth.login(dto.email, dto.password);
  }
}
"""
NEST_MODULE = """import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';

@Module({
  imports: [],
  controllers: [AuthController],
})
export class AppModule {}
"""


def test_nest_app_without_throttler_module_gets_it_set_up(tmp_path: Path) -> None:
    (tmp_path / "auth.controller.ts").write_text(NEST_CONTROLLER)
    (tmp_path / "app.module.ts").write_text(NEST_MODULE)
    (fix,) = [f for f in _remediate(tmp_path).fixes if f.threat.rule_id == "TD-D001"]
    assert fix.patch.applicability is Applicability.UNSAFE
    controller = fix.patched["auth.controller.ts"]
    assert "import { Body, Controller, Post, UseGuards } from '@nestjs/common';" in controller
    assert "import { Throttle, ThrottlerGuard } from '@nestjs/throttler';" in controller
    assert (
        "  @UseGuards(ThrottlerGuard)\n  @Throttle({ default: { limit: 5, ttl: 60000 } })\n"
        "  @Post('login')\n" in controller
    )
    module = fix.patched["app.module.ts"]
    assert "  imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 100 }])],\n" in module
    assert "import { ThrottlerModule } from '@nestjs/throttler';\n" in module


# per fixture app: threats of TD-D001/D004/D005/R001/R002 that get no patch, and why
UNPATCHED = {
    "django-clinic": 1,  # TD-R002 on DRF's obtain_auth_token: audit_drf_token's, not these
    "graphql-library": 2,  # rate limiting of the Apollo login and a strawberry mutation
}


@pytest.mark.parametrize(
    "app",
    [
        "flask-clinic",
        "django-clinic",
        "express-shop",
        "nest-shop",
        "spring-bank",
        "go-inventory",
        "k8s-compose-deploy",
        "multi-service",
        "graphql-library",
    ],
)
def test_fixture_threats_of_the_families_rules_get_proven_patches(app: str) -> None:
    done = _remediate(FIXTURES / app)
    served = [t for t in done.threats if any(t.rule_id in f.rules for f in FAMILIES)]
    fixed = {f.threat.id for f in done.fixes}
    missing = [t for t in served if t.id not in fixed]
    assert served
    assert len(missing) == UNPATCHED.get(app, 0), [(t.rule_id, t.element) for t in missing]
