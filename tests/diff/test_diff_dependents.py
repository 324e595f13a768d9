"""What a change reaches beyond its own lines, through `threatdelta diff`: endpoints behind a
changed guard, decorator, dependency or hook; routes added under an unchanged mount; app-wide
middleware and settings; a changed router prefix."""

from __future__ import annotations

from pathlib import Path

import pytest
from scenarios import catalogue, flask_shop
from scenarios.builder import affected, changes, line_of, run_diff, threat_pairs
from scenarios.catalogue import REQUIRE_AUTH_ENDPOINTS, SHOP_ENDPOINTS, USER

from threatdelta.cli.main import EXIT_OK

# -- routes added under an unchanged mount -------------------------------------------------


@pytest.mark.parametrize(
    ("scenario", "key", "introduced"),
    [
        pytest.param(
            catalogue.ROUTE_ADDED_TO_MOUNTED_BLUEPRINT,
            "endpoint:POST /api/orders/{order_id}/cancel",
            {"TD-S001", "TD-D004", "TD-R001"},
            id="flask-blueprint",
        ),
        pytest.param(
            catalogue.ROUTE_ADDED_BEHIND_GUARDED_MOUNT,
            "endpoint:DELETE /api/notes/{id}",
            {"TD-R001"},
            id="express-guarded-mount",
        ),
        pytest.param(
            catalogue.ROUTE_ADDED_BEHIND_APP_DEPENDENCY,
            "endpoint:DELETE /api/users/{user_id}",
            {"TD-R001"},
            id="fastapi-include-router-dependency",
        ),
    ],
)
def test_route_added_to_a_router_takes_the_prefix_and_guards_of_its_unchanged_mount(
    tmp_path: Path, scenario: catalogue.Scenario, key: str, introduced: set[str]
) -> None:
    """Only the router file changes; the prefix and the guard come from the unchanged
    module that mounts it."""
    run = run_diff(scenario.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert changes(doc) == {key: "added"}
    assert threat_pairs(doc["introduced"]) == {(rule, key) for rule in introduced}
    assert doc["resolved"] == []


# -- 5. a shared helper ---------------------------------------------------------------------


def test_changed_auth_decorator_lists_every_endpoint_using_it_as_dependent(
    tmp_path: Path,
) -> None:
    run = run_diff(catalogue.AUTH_DECORATOR_CHANGED.build(tmp_path))
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
    run = run_diff(catalogue.EXPRESS_GUARD_CHANGED.build(tmp_path))
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


@pytest.mark.parametrize(
    ("scenario", "guard", "dependents"),
    [
        pytest.param(s, guard, keys, id=s.name)
        for s, guard, keys in (
            (catalogue.FASTAPI_DEPENDENCY_CHANGED, "get_current_user", {USER}),
            (catalogue.FASTAPI_ROUTER_DEPENDENCY_CHANGED, "get_current_user", {USER}),
            (catalogue.FASTAPI_APP_DEPENDENCY_CHANGED, "get_current_user", {USER}),
            (catalogue.FLASK_HOOK_CHANGED, "check_api_key", SHOP_ENDPOINTS),
        )
    ],
)
def test_changed_auth_dependency_or_hook_lists_the_endpoints_behind_it(
    tmp_path: Path, scenario: catalogue.Scenario, guard: str, dependents: set[str]
) -> None:
    run = run_diff(scenario.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc) == dict.fromkeys(dependents, "dependent")
    assert all(guard in affected(doc, key)["reason"] for key in dependents)
    assert doc["introduced"] == [] and doc["resolved"] == []


# -- app-wide settings and mounts -----------------------------------------------------------

EXPRESS_ENDPOINTS = {
    "endpoint:GET /healthz",
    "endpoint:GET /api/notes",
    "endpoint:POST /api/notes",
    "endpoint:GET /api/shares/{token}",
    "endpoint:DELETE /api/shares/{token}",
    "endpoint:POST /api/shares",
}
ANONYMOUS_DELETE = "endpoint:DELETE /api/shares/{token}"


def test_app_wide_rate_limiter_modifies_every_endpoint_and_resolves_flooding(
    tmp_path: Path,
) -> None:
    run = run_diff(catalogue.RATE_LIMIT_ADDED.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc) == dict.fromkeys(EXPRESS_ENDPOINTS, "modified")
    assert all("rate_limited" in affected(doc, key)["reason"] for key in EXPRESS_ENDPOINTS)
    assert threat_pairs(doc["resolved"]) == {("TD-D004", ANONYMOUS_DELETE)}
    assert doc["introduced"] == []


def test_dropping_security_headers_middleware_introduces_a_service_threat(
    tmp_path: Path,
) -> None:
    run = run_diff(catalogue.SECURITY_HEADERS_DROPPED.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc).get("service:src") == "modified"
    assert threat_pairs(doc["introduced"]) == {("TD-I008", "service:src")}
    assert doc["resolved"] == []


def test_wildcard_cors_with_credentials_introduces_a_service_threat(tmp_path: Path) -> None:
    run = run_diff(catalogue.CORS_OPENED.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc) == {"service:shop": "modified"}
    assert threat_pairs(doc["introduced"]) == {("TD-I005", "service:shop")}
    [threat] = doc["introduced"]
    cors_line = line_of(flask_shop.APP_WITH_OPEN_CORS, "CORS(app")
    assert (threat["evidence"][0]["path"], threat["evidence"][0]["start_line"]) == (
        "shop/app.py",
        cors_line,
    )


def test_changed_router_prefix_replaces_every_endpoint_mounted_under_it(tmp_path: Path) -> None:
    run = run_diff(catalogue.ROUTER_PREFIX_CHANGED.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc) == {
        "endpoint:GET /api/orders": "removed",
        "endpoint:POST /api/orders": "removed",
        "endpoint:GET /api/v2/orders": "added",
        "endpoint:POST /api/v2/orders": "added",
    }
    assert doc["introduced"] == [] and doc["resolved"] == []  # neither has a threat
