"""NestJS pull requests through `threatdelta diff`: `@Public()` copied onto a write route
introduces the bypass and unauthenticated-write threats; a guard added to an unguarded
controller resolves them."""

from __future__ import annotations

from pathlib import Path

from scenarios import nest_notes
from scenarios.builder import PullRequest, build_pull_request, run_diff, threat_pairs

from threatdelta.cli.main import EXIT_OK

CREATE = "endpoint:POST /api/notes"
START = "endpoint:POST /api/exports"
CANCEL = "endpoint:DELETE /api/exports/{id}"


def test_public_decorator_on_a_write_route_introduces_the_bypass(tmp_path: Path) -> None:
    pr = PullRequest(write={"src/notes/notes.controller.ts": nest_notes.NOTES_PUBLIC_WRITE})
    run = run_diff(build_pull_request(tmp_path, nest_notes.FILES, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    introduced = threat_pairs(run.doc["introduced"])
    assert {("TD-S012", CREATE), ("TD-S001", CREATE)} <= introduced
    assert {key for _, key in introduced} == {CREATE}
    assert not run.doc["resolved"]


def test_guard_added_to_an_unguarded_controller_resolves_threats(tmp_path: Path) -> None:
    base = {**nest_notes.FILES, "src/app.module.ts": nest_notes.MODULE_WITHOUT_GLOBAL_GUARD}
    pr = PullRequest(write={"src/exports/exports.controller.ts": nest_notes.EXPORTS_GUARDED})
    run = run_diff(build_pull_request(tmp_path, base, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    resolved = threat_pairs(run.doc["resolved"])
    assert {("TD-S001", START), ("TD-S001", CANCEL)} <= resolved
    assert not any(rule == "TD-S001" for rule, _ in threat_pairs(run.doc["introduced"]))
