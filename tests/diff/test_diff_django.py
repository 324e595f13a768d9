"""Django REST Framework pull requests through `threatdelta diff`: a ViewSet opened with
`AllowAny` introduces unauthenticated-write threats; adding permission classes resolves
them."""

from __future__ import annotations

from pathlib import Path

from scenarios import django_clinic
from scenarios.builder import PullRequest, build_pull_request, changes, run_diff, threat_pairs

from threatdelta.cli.main import EXIT_OK

CREATE = "endpoint:POST /api/patients"
DELETE = "endpoint:DELETE /api/patients/{pk}"


def test_viewset_switched_to_allow_any_introduces_unauthenticated_writes(tmp_path: Path) -> None:
    pr = PullRequest(write={"patients/views.py": django_clinic.VIEWS_ALLOW_ANY})
    run = run_diff(build_pull_request(tmp_path, django_clinic.FILES, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    introduced = threat_pairs(run.doc["introduced"])
    assert {("TD-S001", CREATE), ("TD-S001", DELETE)} <= introduced
    # object-level findings need an authenticated caller; anonymous ones replace them
    assert {rule for rule, _ in threat_pairs(run.doc["resolved"])} <= {"TD-E001"}


def test_permission_classes_added_to_an_open_viewset_resolve_threats(tmp_path: Path) -> None:
    base = {**django_clinic.FILES, "patients/views.py": django_clinic.VIEWS_ALLOW_ANY}
    pr = PullRequest(write={"patients/views.py": django_clinic.VIEWS_AUTHENTICATED})
    run = run_diff(build_pull_request(tmp_path, base, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    assert {("TD-S001", CREATE), ("TD-S001", DELETE)} <= threat_pairs(run.doc["resolved"])
    assert not any(rule == "TD-S001" for rule, _ in threat_pairs(run.doc["introduced"]))


def test_csrf_exempt_added_to_a_session_view_introduces_csrf_threat(tmp_path: Path) -> None:
    base = {
        **django_clinic.FILES,
        "clinic/urls.py": django_clinic.NOTES_URLS,
        "patients/views.py": django_clinic.VIEWS + django_clinic.NOTES_VIEW,
    }
    views = django_clinic.VIEWS + django_clinic.NOTES_VIEW_EXEMPT
    run = run_diff(
        build_pull_request(tmp_path, base, PullRequest(write={"patients/views.py": views}))
    )
    assert run.exit_code == EXIT_OK, run.stderr
    assert threat_pairs(run.doc["introduced"]) == {("TD-T009", "endpoint:POST /notes")}
    [threat] = run.doc["introduced"]
    primary = threat["evidence"][0]
    assert (primary["path"], primary["start_line"]) == (
        "patients/views.py",
        views.splitlines().index("@csrf_exempt") + 1,
    )


def test_project_default_relaxed_to_allow_any_introduces_threats_at_the_setting(
    tmp_path: Path,
) -> None:
    pr = PullRequest(write={"clinic/settings.py": django_clinic.SETTINGS_ALLOW_ANY})
    run = run_diff(build_pull_request(tmp_path, django_clinic.FILES, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    introduced = threat_pairs(run.doc["introduced"])
    assert {("TD-S001", CREATE), ("TD-S001", DELETE)} <= introduced
    assert changes(run.doc)[CREATE] == "modified"
