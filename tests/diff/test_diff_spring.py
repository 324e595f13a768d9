"""A Spring pull request through `threatdelta diff`: a filter-chain matcher added in one file
opens an endpoint declared in another, and a bound parameter resolves an injection."""

from __future__ import annotations

from pathlib import Path

from scenarios import spring_bank
from scenarios.builder import changes, line_of, run_diff, threat_pairs

from threatdelta.cli.main import EXIT_OK

CREATE = "endpoint:POST /api/transfers"
SEARCH = "endpoint:GET /api/transfers/search"


def test_permit_all_matcher_introduces_and_a_bound_query_resolves(tmp_path: Path) -> None:
    run = run_diff(spring_bank.TRANSFERS_OPENED_AND_SEARCH_BOUND.build(tmp_path))
    assert run.exit_code == EXIT_OK, run.stderr
    doc = run.doc
    assert doc["relevant"] is True
    assert changes(doc).get(CREATE) == "modified"
    assert ("TD-S001", CREATE) in threat_pairs(doc["introduced"])
    assert ("TD-T001", SEARCH) in threat_pairs(doc["resolved"])
    assert ("TD-T001", SEARCH) not in threat_pairs(doc["introduced"])
    [opened] = [t for t in doc["introduced"] if t["rule_id"] == "TD-S001"]
    handler_line = line_of(spring_bank.TRANSFERS_BOUND, "    @PostMapping")
    assert opened["evidence"][0]["start_line"] == handler_line
    matcher_line = line_of(spring_bank.SECURITY_OPENED, '"/api/transfers/**"')
    assert any(
        e["path"].endswith("SecurityConfig.java") and e["start_line"] == matcher_line
        for e in opened["evidence"]
    )
