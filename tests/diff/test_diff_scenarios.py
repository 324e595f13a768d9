"""Pull-request scenarios through `threatdelta diff --format json`: each builds a base and a
head commit in a temporary repository and checks what the change affects, introduces and
resolves."""

from __future__ import annotations

from pathlib import Path

import pytest
from scenarios import express_notes, fastapi_users, flask_shop, openapi_pets, terraform_reports
from scenarios.builder import (
    BuiltRepo,
    PullRequest,
    affected,
    build_pull_request,
    changed_file,
    changes,
    line_of,
    notifications_for,
    run_cli,
    run_diff,
    threat_pairs,
)
from scenarios.generated import generated_postcodes_module, png_image

from threatdelta.cli.main import EXIT_OK
from threatdelta.reporters.sarif_results import THREAT_FINGERPRINT

FEEDBACK = "endpoint:POST /api/feedback"
FORGOT_PASSWORD = "endpoint:POST /api/accounts/forgot-password"
REQUIRE_AUTH_ENDPOINTS = {
    "endpoint:GET /api/orders",
    "endpoint:POST /api/orders",
    "endpoint:GET /api/accounts/me",
}


def _shop_pr(tmp_path: Path, pr: PullRequest, base: dict[str, str] | None = None) -> BuiltRepo:
    return build_pull_request(tmp_path, base or flask_shop.FILES, pr)


def _assert_not_relevant(doc: dict[str, object]) -> None:
    assert doc["relevant"] is False
    assert doc["affected"] == []
    assert doc["introduced"] == [] and doc["resolved"] == [] and doc["persisting"] == []


# -- 1. a new endpoint ----------------------------------------------------------------------


def test_new_unauthenticated_endpoint_introduces_threats_at_its_head_handler(
    tmp_path: Path,
) -> None:
    repo = _shop_pr(tmp_path, PullRequest(write={"shop/app.py": flask_shop.APP_WITH_FEEDBACK}))
    run = run_diff(repo)
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert (doc["base_commit"], doc["head_commit"], doc["merge_base"]) == (
        repo.base,
        repo.head,
        repo.base,
    )
    assert doc["relevant"] is True and doc["complete"] is True
    assert changes(doc) == {FEEDBACK: "added"}
    assert threat_pairs(doc["introduced"]) == {
        ("TD-S001", FEEDBACK),
        ("TD-D004", FEEDBACK),
        ("TD-R001", FEEDBACK),
    }
    assert doc["resolved"] == [] and doc["persisting"] == []
    handler_line = line_of(flask_shop.APP_WITH_FEEDBACK, '@app.post("/api/feedback")')
    for threat in doc["introduced"]:
        primary = threat["evidence"][0]
        assert (primary["path"], primary["start_line"]) == ("shop/app.py", handler_line)
    [evidence] = affected(doc, FEEDBACK)["evidence"]
    assert (evidence["path"], evidence["start_line"]) == ("shop/app.py", handler_line)
    assert changed_file(doc, "shop/app.py")["analysed"] is True


def test_fail_on_counts_only_the_threats_the_change_introduces(tmp_path: Path) -> None:
    # the base already has a high TD-D001 (forgot-password without a rate limit)
    docs_only = _shop_pr(tmp_path / "docs", PullRequest(write={"README.md": "# shop\n\nv2\n"}))
    assert run_diff(docs_only, "--fail-on", "high").exit_code == EXIT_OK
    new_endpoint = _shop_pr(
        tmp_path / "endpoint", PullRequest(write={"shop/app.py": flask_shop.APP_WITH_FEEDBACK})
    )
    assert run_diff(new_endpoint, "--fail-on", "high").exit_code == 1  # TD-S001 is high
    assert run_diff(new_endpoint, "--fail-on", "critical").exit_code == EXIT_OK


# -- 2, 3. changes that are not architecture-relevant --------------------------------------


def test_docs_only_change_is_not_relevant(tmp_path: Path) -> None:
    pr = PullRequest(
        write={
            "README.md": flask_shop.README + "\n## Deploying\n\nSee docs/deploy.md.\n",
            "docs/api.md": flask_shop.DOCS + "- `GET /api/accounts/me`: the caller's profile.\n",
            "docs/deploy.md": "# Deploying\n\nBuild the image and run `gunicorn shop.app:app`.\n",
        }
    )
    run = run_diff(_shop_pr(tmp_path, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    _assert_not_relevant(doc)
    assert doc["complete"] is True
    assert {f["path"]: f["analysed"] for f in doc["changed_files"]} == {
        "README.md": False,
        "docs/api.md": False,
        "docs/deploy.md": False,
    }


TEST_ACCOUNTS = """\
from shop.app import app


def test_me_needs_a_token():
    assert app.test_client().get("/api/accounts/me").status_code == 401
"""

SHARES_TEST = """\
import request from 'supertest';
import { app } from '../app';

describe('shares', () => {
  it('creates a share link for the owner', async () => {
    await request(app).post('/api/shares').send({ noteId: 'n1' }).expect(401);
  });
});
"""


@pytest.mark.parametrize(
    ("base_files", "pr"),
    [
        pytest.param(
            flask_shop.FILES,
            PullRequest(
                write={
                    "tests/test_orders.py": flask_shop.TEST_ORDERS.replace("401", "403"),
                    "tests/test_accounts.py": TEST_ACCOUNTS,
                }
            ),
            id="pytest",
        ),
        pytest.param(
            express_notes.FILES,
            PullRequest(
                write={
                    "test/notes.test.ts": express_notes.NOTES_TEST.replace(
                        "rejects anonymous callers", "rejects callers without a token"
                    ),
                    "src/routes/shares.test.ts": SHARES_TEST,
                }
            ),
            id="jest",
        ),
    ],
)
def test_tests_only_change_is_not_relevant(
    tmp_path: Path, base_files: dict[str, str], pr: PullRequest
) -> None:
    run = run_diff(build_pull_request(tmp_path, base_files, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    _assert_not_relevant(run.doc)
    assert {f["path"] for f in run.doc["changed_files"]} == set(pr.write)


# -- 4, 10. moves and renames ---------------------------------------------------------------


def test_route_moved_unchanged_to_another_file_is_not_relevant(tmp_path: Path) -> None:
    pr = PullRequest(
        write={
            "shop/app.py": flask_shop.APP_WITH_PROFILE,
            "shop/views/accounts.py": flask_shop.ACCOUNTS_WITHOUT_ME,
            "shop/views/profile.py": flask_shop.PROFILE,
        }
    )
    run = run_diff(_shop_pr(tmp_path, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    _assert_not_relevant(run.doc)
    assert changed_file(run.doc, "shop/views/profile.py")["analysed"] is True


def test_renamed_route_file_is_not_relevant_and_lists_the_rename(tmp_path: Path) -> None:
    pr = PullRequest(
        move=[("shop/views/orders.py", "shop/views/order_routes.py")],
        write={"shop/app.py": flask_shop.APP_IMPORTING_ORDER_ROUTES},
    )
    run = run_diff(_shop_pr(tmp_path, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    _assert_not_relevant(doc)
    renamed = changed_file(doc, "shop/views/order_routes.py")
    assert renamed["status"] == "renamed"
    assert renamed["old_path"] == "shop/views/orders.py"
    assert renamed["analysed"] is True
    assert {f["path"] for f in doc["changed_files"]} == {
        "shop/views/order_routes.py",
        "shop/app.py",
    }


# -- 5. a shared helper ---------------------------------------------------------------------


def test_changed_auth_decorator_lists_every_endpoint_using_it_as_dependent(
    tmp_path: Path,
) -> None:
    run = run_diff(
        _shop_pr(tmp_path, PullRequest(write={"shop/auth.py": flask_shop.AUTH_LOOSENED}))
    )
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc) == dict.fromkeys(REQUIRE_AUTH_ENDPOINTS, "dependent")
    for key in REQUIRE_AUTH_ENDPOINTS:
        entry = affected(doc, key)
        assert "require_auth" in entry["reason"]
        assert entry["evidence"][0]["path"].startswith("shop/views/")
    assert doc["introduced"] == [] and doc["resolved"] == []
    assert doc["persisting"] == []  # none of them has a threat at base or head


def test_changed_express_guard_lists_the_routes_it_protects_as_dependent(
    tmp_path: Path,
) -> None:
    pr = PullRequest(write={"src/middleware/auth.ts": express_notes.AUTH_IGNORING_EXPIRY})
    run = run_diff(build_pull_request(tmp_path, express_notes.FILES, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    guarded = {"endpoint:GET /api/notes", "endpoint:POST /api/notes", "endpoint:POST /api/shares"}
    assert changes(doc) == dict.fromkeys(guarded, "dependent")
    assert all("requireUser" in affected(doc, key)["reason"] for key in guarded)
    assert doc["introduced"] == [] and doc["resolved"] == []
    assert threat_pairs(doc["persisting"]) == {
        ("TD-R001", "endpoint:POST /api/notes"),
        ("TD-R001", "endpoint:POST /api/shares"),
    }


# -- 6. data exposed by a response ----------------------------------------------------------

USER = "endpoint:GET /api/users/{user_id}"
OWNER = "endpoint:GET /owners/{ownerId}"


def test_response_model_exposing_a_password_hash_introduces_disclosure(tmp_path: Path) -> None:
    pr = PullRequest(write={"directory/routers/users.py": fastapi_users.USERS_WITH_MODEL_AND_HASH})
    run = run_diff(build_pull_request(tmp_path, fastapi_users.FILES_WITH_MODEL_IN_ROUTER, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc) == {USER: "modified"}
    assert "response_fields" in affected(doc, USER)["reason"]
    assert threat_pairs(doc["introduced"]) == {("TD-I006", USER)}
    [threat] = doc["introduced"]
    assert "I" in threat["stride"] and "password_hash" in threat["message"]
    assert threat["evidence"][0]["path"] == "directory/routers/users.py"


@pytest.mark.xfail(
    strict=True,
    reason="the Python web extractor reads response_model fields only from classes declared "
    "in the route's own module; a schemas.py imported by the router is not followed",
)
def test_response_model_in_its_own_module_exposing_a_hash_introduces_disclosure(
    tmp_path: Path,
) -> None:
    pr = PullRequest(write={"directory/schemas.py": fastapi_users.SCHEMAS_WITH_HASH})
    run = run_diff(build_pull_request(tmp_path, fastapi_users.FILES, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    assert run.doc["relevant"] is True
    assert changes(run.doc) == {USER: "modified"}
    assert threat_pairs(run.doc["introduced"]) == {("TD-I006", USER)}


def test_openapi_response_schema_exposing_a_password_hash_introduces_disclosure(
    tmp_path: Path,
) -> None:
    base = {"api/openapi.yaml": openapi_pets.SPEC}
    pr = PullRequest(write={"api/openapi.yaml": openapi_pets.SPEC_OWNER_WITH_HASH})
    run = run_diff(build_pull_request(tmp_path, base, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc) == {OWNER: "modified"}
    assert threat_pairs(doc["introduced"]) == {("TD-I006", OWNER)}
    assert doc["resolved"] == []


# -- 7. a fix -------------------------------------------------------------------------------


def test_adding_authentication_resolves_the_unauthenticated_threat(tmp_path: Path) -> None:
    base = {**flask_shop.FILES, "shop/app.py": flask_shop.APP_WITH_FEEDBACK}
    pr = PullRequest(write={"shop/app.py": flask_shop.APP_WITH_AUTHENTICATED_FEEDBACK})
    run = run_diff(_shop_pr(tmp_path, pr, base))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc) == {FEEDBACK: "modified"}
    assert threat_pairs(doc["resolved"]) == {("TD-S001", FEEDBACK), ("TD-D004", FEEDBACK)}
    assert doc["introduced"] == []
    assert threat_pairs(doc["persisting"]) == {("TD-R001", FEEDBACK)}
    # resolved threats point where they were, in the base
    base_line = line_of(flask_shop.APP_WITH_FEEDBACK, '@app.post("/api/feedback")')
    assert {t["evidence"][0]["start_line"] for t in doc["resolved"]} == {base_line}


# -- 8. OpenAPI only ------------------------------------------------------------------------


def test_openapi_operation_dropping_its_security_requirement_introduces_a_threat(
    tmp_path: Path,
) -> None:
    base = {"api/openapi.yaml": openapi_pets.SPEC}
    pr = PullRequest(write={"api/openapi.yaml": openapi_pets.SPEC_ANONYMOUS_DELETE})
    run = run_diff(build_pull_request(tmp_path, base, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    key = "endpoint:DELETE /pets/{petId}"
    assert doc["relevant"] is True
    assert changes(doc) == {key: "modified"}
    assert "authentication" in affected(doc, key)["reason"]
    assert threat_pairs(doc["introduced"]) == {("TD-S001", key)}
    [threat] = doc["introduced"]
    operation_line = line_of(openapi_pets.SPEC_ANONYMOUS_DELETE, "    delete:")
    assert (threat["evidence"][0]["path"], threat["evidence"][0]["start_line"]) == (
        "api/openapi.yaml",
        operation_line,
    )
    assert doc["resolved"] == []


# -- 9. infrastructure as code --------------------------------------------------------------


def _public_bucket_pr(tmp_path: Path) -> BuiltRepo:
    pr = PullRequest(write={"infra/variables.tf": terraform_reports.VARIABLES_TF_PUBLIC})
    return build_pull_request(tmp_path, terraform_reports.FILES, pr)


def test_terraform_change_is_listed_as_not_analysed_until_iac_is_extracted(
    tmp_path: Path,
) -> None:
    run = run_diff(_public_bucket_pr(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    _assert_not_relevant(doc)
    tf = changed_file(doc, "infra/variables.tf")
    assert tf["analysed"] is False and tf["note"]


@pytest.mark.xfail(strict=True, reason="IaC extraction lands with issue 5")
def test_bucket_made_public_by_a_variable_default_introduces_a_threat(tmp_path: Path) -> None:
    run = run_diff(_public_bucket_pr(tmp_path))
    doc = run.doc
    assert doc["relevant"] is True
    assert changed_file(doc, "infra/variables.tf")["analysed"] is True
    assert any(key.startswith("iac:aws_s3_bucket") for key in changes(doc))
    public = [t for t in doc["introduced"] if t["element"].startswith("iac:aws_s3_bucket")]
    assert public and all("I" in t["stride"] for t in public)


# -- 11. a deleted endpoint -----------------------------------------------------------------


def test_deleted_endpoint_is_removed_and_its_threats_resolved(tmp_path: Path) -> None:
    pr = PullRequest(write={"src/routes/shares.ts": express_notes.SHARES_WITHOUT_DELETE})
    run = run_diff(build_pull_request(tmp_path, express_notes.FILES, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    key = "endpoint:DELETE /api/shares/{token}"
    assert doc["relevant"] is True
    assert changes(doc) == {key: "removed"}
    assert threat_pairs(doc["resolved"]) == {
        ("TD-S001", key),
        ("TD-D004", key),
        ("TD-R001", key),
    }
    assert doc["introduced"] == [] and doc["persisting"] == []
    base_line = line_of(express_notes.SHARES, "sharesRouter.delete(")
    [evidence] = affected(doc, key)["evidence"]
    assert (evidence["path"], evidence["start_line"]) == ("src/routes/shares.ts", base_line)


# -- 12. files that are not analysed --------------------------------------------------------


def test_binary_and_huge_generated_files_are_skipped_with_notifications(tmp_path: Path) -> None:
    pr = PullRequest(
        write={
            "shop/app.py": flask_shop.APP_WITH_FEEDBACK,
            "shop/static/logo.png": png_image(),
            "shop/generated/postcodes.py": generated_postcodes_module(1_200_000),
        }
    )
    run = run_diff(_shop_pr(tmp_path, pr))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert notifications_for(doc, "shop/static/logo.png")
    assert any("binary" in n["message"] for n in notifications_for(doc, "shop/static/logo.png"))
    huge = notifications_for(doc, "shop/generated/postcodes.py")
    assert huge and all(n["level"] in ("warning", "error") for n in huge)
    assert changed_file(doc, "shop/generated/postcodes.py")["analysed"] is False
    assert changed_file(doc, "shop/static/logo.png")["analysed"] is False
    # a claimed file was left out, so the analysis is incomplete, and says so
    assert doc["complete"] is False
    assert doc["verdict"].startswith("threatdelta: INCOMPLETE analysis")
    # everything else was analysed
    assert changes(doc) == {FEEDBACK: "added"}
    assert ("TD-S001", FEEDBACK) in threat_pairs(doc["introduced"])


# -- cache and the complete head register ---------------------------------------------------


def _feedback_pr(tmp_path: Path) -> BuiltRepo:
    return _shop_pr(tmp_path, PullRequest(write={"shop/app.py": flask_shop.APP_WITH_FEEDBACK}))


def test_warm_cache_gives_byte_identical_json_to_a_cold_run(tmp_path: Path) -> None:
    repo = _feedback_pr(tmp_path)
    cache = tmp_path / "cache"
    cold = run_diff(repo, "--no-cache", output=tmp_path / "cold.json", cache_dir=cache)
    assert cold.exit_code == EXIT_OK, cold.stderr
    assert not cache.exists()  # --no-cache neither reads nor writes it
    filling = run_diff(repo, output=tmp_path / "filling.json", cache_dir=cache)
    assert any(p.is_file() for p in cache.rglob("*"))
    warm = run_diff(repo, output=tmp_path / "warm.json", cache_dir=cache)
    assert warm.exit_code == EXIT_OK, warm.stderr
    assert filling.output.read_bytes() == cold.output.read_bytes()
    assert warm.output.read_bytes() == cold.output.read_bytes()


def test_corrupt_cache_entries_are_rebuilt_without_changing_the_result(tmp_path: Path) -> None:
    repo = _feedback_pr(tmp_path)
    cache = tmp_path / "cache"
    cold = run_diff(repo, "--no-cache", output=tmp_path / "cold.json", cache_dir=cache)
    run_diff(repo, output=tmp_path / "filling.json", cache_dir=cache)
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00not a cache entry{")
    rerun = run_diff(repo, output=tmp_path / "rerun.json", cache_dir=cache)
    assert rerun.exit_code == EXIT_OK, rerun.stderr
    assert rerun.output.read_bytes() == cold.output.read_bytes()


def _results(sarif: dict[str, object]) -> set[tuple[str, str, int]]:
    [run] = sarif["runs"]  # type: ignore[index]
    found = set()
    for result in run["results"]:  # type: ignore[index]
        where = result["locations"][0]["physicalLocation"]
        found.add(
            (result["ruleId"], where["artifactLocation"]["uri"], where["region"]["startLine"])
        )
    return found


def test_sarif_of_a_diff_is_the_complete_head_register(tmp_path: Path) -> None:
    repo = _feedback_pr(tmp_path)
    run = run_diff(repo, fmt="sarif")
    assert run.exit_code == EXIT_OK, run.stderr
    results = _results(run.doc)
    rule_ids = {rule for rule, _, _ in results}
    assert {"TD-S001", "TD-D004"} <= rule_ids  # introduced by the change
    assert {"TD-D001", "TD-R002"} <= rule_ids  # unaffected, carried over from the base
    # the same as a full scan of the head checkout
    scan_file = tmp_path / "scan.sarif"
    scan = run_cli(["scan", str(repo.path), "--format", "sarif", "-o", str(scan_file)], scan_file)
    assert scan.exit_code == EXIT_OK, scan.stderr
    assert results == _results(scan.doc)
    # the threats the change introduces are in it under their stable ids
    introduced = {t["id"] for t in run_diff(repo).doc["introduced"]}
    fingerprints = {
        r["partialFingerprints"][THREAT_FINGERPRINT] for r in run.doc["runs"][0]["results"]
    }
    assert introduced and introduced <= fingerprints
