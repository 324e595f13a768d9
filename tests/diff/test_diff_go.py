"""Pull requests on a Go (gin) service through `threatdelta diff --format json`: moving a
route out of its authenticated group introduces a threat, moving one in resolves one."""

from __future__ import annotations

from pathlib import Path

from scenarios import go_orders
from scenarios.builder import (
    PullRequest,
    affected,
    changed_file,
    changes,
    line_of,
    run_diff,
    threat_pairs,
)
from scenarios.catalogue import Scenario

from threatdelta.cli.main import EXIT_OK
from threatdelta.diff.definitions import definition_spans

ORDERS = "endpoint:POST /api/orders"
REFUNDS = "endpoint:POST /api/refunds"

ORDERS_MOVED_OUT = Scenario(
    "go-orders-moved-out-of-auth-group",
    go_orders.FILES,
    PullRequest(write={"orders/main.go": go_orders.MAIN_ORDERS_PUBLIC}),
)
GUARD_LOOSENED = Scenario(
    "go-auth-guard-loosened",
    go_orders.FILES,
    PullRequest(write={"orders/auth.go": go_orders.AUTH_LOOSENED}),
)
REFUNDS_MOVED_IN = Scenario(
    "go-refunds-moved-into-auth-group",
    go_orders.FILES,
    PullRequest(write={"orders/main.go": go_orders.MAIN_REFUNDS_GUARDED}),
)


def test_route_moved_out_of_the_auth_group_introduces_unauthenticated_state_change(
    tmp_path: Path,
) -> None:
    run = run_diff(ORDERS_MOVED_OUT.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changed_file(doc, "orders/main.go")["analysed"] is True
    assert changes(doc)[ORDERS] == "modified"
    introduced = threat_pairs(doc["introduced"])
    assert ("TD-S001", ORDERS) in introduced
    assert all(element == ORDERS for _, element in introduced)
    assert doc["resolved"] == []
    [s001] = [t for t in doc["introduced"] if t["rule_id"] == "TD-S001"]
    primary = s001["evidence"][0]
    assert (primary["path"], primary["start_line"]) == (
        "orders/main.go",
        line_of(go_orders.MAIN_ORDERS_PUBLIC, 'r.POST("/api/orders"'),
    )


def test_route_moved_into_the_auth_group_resolves_its_threat(tmp_path: Path) -> None:
    run = run_diff(REFUNDS_MOVED_IN.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert changes(doc)[REFUNDS] == "modified"
    assert ("TD-S001", REFUNDS) in threat_pairs(doc["resolved"])
    assert doc["introduced"] == []


def test_changed_auth_middleware_lists_the_routes_behind_it_as_dependent(tmp_path: Path) -> None:
    run = run_diff(GUARD_LOOSENED.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    guarded = {ORDERS, "endpoint:GET /api/orders/{id}"}
    assert changes(doc) == dict.fromkeys(guarded, "dependent")
    assert all("authRequired" in affected(doc, key)["reason"] for key in guarded)
    assert doc["introduced"] == [] and doc["resolved"] == []


def test_go_functions_and_methods_are_definitions_a_change_can_touch() -> None:
    text = (
        "package main\n\n"
        "func authRequired() gin.HandlerFunc {\n\treturn nil\n}\n\n"
        "func (h *Handler) Create(c *gin.Context) {\n}\n"
        "func Map[K comparable, V any](m map[K]V) {}\n"
    )
    assert list(definition_spans("orders/auth.go", text)) == [
        ("authRequired", 3, 6),
        ("Create", 7, 8),
        ("Map", 9, 9),
    ]
