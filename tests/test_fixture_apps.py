"""End to end on the bundled fixture applications: `threatdelta scan` reports every annotated
weakness (`# ruleid:` / `// ruleid:`) at its file and line, and none of the deliberate near
misses (`ok:`), through the real extractors, linker, rules and CLI."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from annotations import Expectation, expectations, threat_lines

from threatdelta.cli.main import main
from threatdelta.model.base import Level
from threatdelta.pipeline import scan
from threatdelta.report import ScanReport
from threatdelta.rules.registry import RULES

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
APPS = (
    "flask-clinic",
    "express-shop",
    "django-clinic",
    "spring-bank",
    "k8s-compose-deploy",
    "multi-service",
    "go-inventory",
    "nest-shop",
    "terraform-stack",
    "graphql-library",
)

# Endpoints whose full path only exists once router prefixes declared in other modules are
# resolved (nested blueprints, `app.use(prefix, guard, router)`, default-exported routers),
# plus operations documented only in the OpenAPI spec.
EXPECTED_ENDPOINTS = {
    "nest-shop": (
        "endpoint:POST /api/auth/register",
        "endpoint:GET /api/products/search",
        "endpoint:POST /api/products/import",
        "endpoint:GET /api/orders/{id}",
        "endpoint:POST /api/orders/{id}/cancel",
        "endpoint:POST /api/webhooks/delivery",
        "endpoint:GET /api/admin/reports/revenue",
    ),
    "terraform-stack": (),  # infrastructure only
    "graphql-library": (
        "endpoint:QUERY /graphql/books",
        "endpoint:QUERY /graphql/members",
        "endpoint:MUTATION /graphql/addBook",
        "endpoint:QUERY /graphql/accounts",
        "endpoint:MUTATION /graphql/closeAccount",
        "endpoint:GET /healthz",
    ),
    "flask-clinic": (
        "endpoint:POST /api/v1/auth/login",
        "endpoint:GET /api/v1/patients/{patient_id}",
        "endpoint:DELETE /api/v1/patients/{patient_id}",
        "endpoint:PATCH /api/v1/appointments/{appointment_id}",
        "endpoint:GET /api/v1/billing/invoices/{invoice_id}",
        "endpoint:GET /api/v1/documents/files/{filename}",
        "endpoint:POST /api/v1/admin/billing-rules/preview",
        "endpoint:GET /healthz",
        "endpoint:GET /api/v1/insurance/eligibility",
        "endpoint:POST /api/v1/partner/lab-results",
    ),
    "django-clinic": (
        "endpoint:GET /api/patients",
        "endpoint:PATCH /api/patients/{pk}",
        "endpoint:POST /api/patients/{pk}/discharge",
        "endpoint:GET /api/clinics/{pk}",
        "endpoint:GET /api/notes/{pk}",
        "endpoint:POST /api/intake/{token}",
        "endpoint:GET /api/search",
    ),
    "express-shop": (
        "endpoint:POST /api/auth/login",
        "endpoint:GET /api/products/search",
        "endpoint:DELETE /api/products/{id}",
        "endpoint:GET /api/reviews/product/{productId}",
        "endpoint:GET /api/orders/{id}",
        "endpoint:PATCH /api/users/me",
        "endpoint:GET /api/files/invoices/{name}",
        "endpoint:POST /api/webhooks/shipping",
        "endpoint:GET /api/support/customers/{id}",
        "endpoint:POST /api/admin/pricing/preview",
        "endpoint:GET /healthz",
    ),
    "spring-bank": (
        "endpoint:GET /api/accounts/{id}",
        "endpoint:POST /api/accounts/{id}/close",
        "endpoint:POST /api/public/contact",
        "endpoint:POST /internal/ops/reports/export",
        "endpoint:DELETE /api/admin/customers/{id}",
        "endpoint:GET /api/cards/lookup",
        "endpoint:DELETE /api/cards/{id}",
    ),
    "k8s-compose-deploy": (
        "endpoint:POST /login",
        "endpoint:POST /checkout",
        "endpoint:POST /orders",
        "endpoint:GET /orders/{id}",
    ),
    "multi-service": (
        "endpoint:GET /suppliers/{supplier_id}",
        "endpoint:POST /checkout",
        "endpoint:POST /refunds",
    ),
    "go-inventory": (
        "endpoint:GET /api/items/search",
        "endpoint:POST /api/items/{id}/export",
        "endpoint:DELETE /api/items/{id}",
        "endpoint:POST /webhooks/stock",
        "endpoint:GET /api/reports/{name}",
    ),
}

THREAT_FIELDS = {
    "id": str,
    "rule_id": str,
    "stride": list,
    "title": str,
    "message": str,
    "attack_vector": str,
    "impact": str,
    "cwe": list,
    "capec": list,
    "cvss_vector": str,
    "score": float,
    "severity": str,
    "confidence": str,
    "element": str,
    "evidence": list,
    "source": str,
}


@dataclass(frozen=True)
class AppScan:
    name: str
    root: Path
    report: ScanReport
    expected: tuple[Expectation, ...]

    def found(self) -> set[tuple[str, str, int]]:
        return threat_lines(self.report.threats)

    def threats_at(self, path: str, line: int) -> list[str]:
        """What the scan did report near a line, to make a failure readable."""
        return sorted(
            f"{rule}@{p}:{n}" for rule, p, n in self.found() if p == path and abs(n - line) <= 3
        )


@pytest.fixture(scope="module", params=APPS)
def app_scan(request: pytest.FixtureRequest) -> AppScan:
    root = FIXTURES / request.param
    return AppScan(
        name=request.param,
        root=root,
        report=scan(root),
        expected=tuple(expectations(root)),
    )


def _describe(app: AppScan, missed: list[Expectation]) -> str:
    return "\n".join(
        f"  {e.rule_id} at {e.path}:{e.line} (reported near it: "
        f"{', '.join(app.threats_at(e.path, e.line)) or 'nothing'})"
        for e in missed
    )


def test_fixture_app_has_positive_and_negative_annotations(app_scan: AppScan) -> None:
    kinds = {e.kind for e in app_scan.expected}
    assert {"ruleid", "ok"} <= kinds
    assert len([e for e in app_scan.expected if e.kind == "ruleid"]) >= 10


def test_annotations_name_rules_of_the_catalogue(app_scan: AppScan) -> None:
    known = {rule.SPEC.id for rule in RULES}
    unknown = sorted({e.rule_id for e in app_scan.expected} - known)
    assert not unknown, f"{app_scan.name}: annotations name rules not in the registry: {unknown}"


def test_every_annotated_weakness_is_reported_at_its_line(app_scan: AppScan) -> None:
    found = app_scan.found()
    missed = [
        e
        for e in app_scan.expected
        if e.kind == "ruleid" and (e.rule_id, e.path, e.line) not in found
    ]
    assert not missed, f"{app_scan.name}: weaknesses not reported:\n{_describe(app_scan, missed)}"


def test_no_annotated_near_miss_is_reported(app_scan: AppScan) -> None:
    found = app_scan.found()
    flagged = [
        e for e in app_scan.expected if e.kind == "ok" and (e.rule_id, e.path, e.line) in found
    ]
    assert not flagged, f"{app_scan.name}: near misses reported:\n{_describe(app_scan, flagged)}"


def test_readme_lists_every_annotated_rule(app_scan: AppScan) -> None:
    readme = (app_scan.root / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"TD-[STRIDE]\d{3}", readme))
    missing = sorted({e.rule_id for e in app_scan.expected} - listed)
    assert not missing, f"{app_scan.name}/README.md does not mention {missing}"


def test_fixture_app_scans_without_errors_or_unmounted_routers(app_scan: AppScan) -> None:
    problems = [
        f"{n.code} {n.path}: {n.message}"
        for n in app_scan.report.notifications
        if n.level is Level.ERROR or n.code == "unresolved-router"
    ]
    assert not problems, "\n".join(problems)


def test_routers_mounted_in_other_modules_get_their_full_prefix(app_scan: AppScan) -> None:
    keys = {ep.key for ep in app_scan.report.model.endpoints}
    missing = [k for k in EXPECTED_ENDPOINTS[app_scan.name] if k not in keys]
    assert not missing, f"{app_scan.name}: endpoints not found: {missing}; found {sorted(keys)}"


@pytest.mark.parametrize("app", APPS)
def test_cli_json_register_has_the_documented_fields(
    app: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = FIXTURES / app
    assert main(["scan", str(root), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)

    assert isinstance(doc["schema_version"], str)
    assert doc["tool"]["name"] == "threatdelta"
    assert isinstance(doc["tool"]["version"], str)
    assert isinstance(doc["notifications"], list)
    assert doc["elements"], "no elements in the register"
    for element in doc["elements"]:
        assert {"key", "kind", "name", "evidence"} <= element.keys()
        assert isinstance(element["evidence"], list)
    assert doc["threats"], "no threats in the register"
    for threat in doc["threats"]:
        for field, kind in THREAT_FIELDS.items():
            assert isinstance(threat[field], kind), f"{field} of {threat.get('id')}"
        assert "fix" in threat
        assert threat["stride"] and all(s in "STRIDE" and len(s) == 1 for s in threat["stride"])
        assert all(isinstance(c, int) for c in threat["cwe"])
        for ev in threat["evidence"]:
            assert {"path", "start_line", "end_line", "role"} <= ev.keys()
            assert (root / ev["path"]).is_file(), f"evidence points outside the app: {ev}"
            assert 1 <= ev["start_line"] <= ev["end_line"]
