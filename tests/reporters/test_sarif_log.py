"""What the SARIF log says: rules, results, fingerprints, notifications, for GitHub code
scanning. (Schema and multitool validation are in test_sarif_schema / test_sarif_multitool.)"""

from __future__ import annotations

import json
from typing import Any

import sarif_om as om
from report_samples import API, API_TEXT, ODD, empty_report, sample_report

from threatdelta.report import ScanReport
from threatdelta.reporters.registry import SCAN_FORMATS
from threatdelta.reporters.sarif import render_sarif
from threatdelta.reporters.sarif_fingerprints import compute_line_hashes
from threatdelta.reporters.sarif_json import to_json
from threatdelta.reporters.sarif_line_hash import line_hashes
from threatdelta.reporters.sarif_rules import pascal_case


def _run(report: ScanReport, **kwargs: Any) -> dict[str, Any]:
    log = json.loads(render_sarif(report, **kwargs))
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run: dict[str, Any] = log["runs"][0]
    return run


def _index(report: ScanReport, rule_id: str, element: str) -> int:
    return next(
        i for i, t in enumerate(report.threats) if t.rule_id == rule_id and t.element == element
    )


def test_scan_formats_offer_sarif_and_markdown() -> None:
    report = sample_report()
    assert json.loads(SCAN_FORMATS["sarif"](report))["runs"][0]["results"]
    assert SCAN_FORMATS["markdown"](report).startswith("# threatdelta")


def test_driver_lists_every_catalogue_rule_then_unknown_rules_of_threats() -> None:
    report = sample_report()
    driver = _run(report)["tool"]["driver"]
    assert driver["name"] == "threatdelta"
    assert driver["version"] == report.tool.version
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == [*(r.id for r in report.rules), "TD-LLM-T900"]


def test_rule_descriptor_carries_what_github_shows() -> None:
    report = sample_report()
    info = next(r for r in report.rules if r.id == "TD-S001")
    rule = next(r for r in _run(report)["tool"]["driver"]["rules"] if r["id"] == "TD-S001")
    assert rule["name"] == "UnauthenticatedStateChange"
    assert rule["shortDescription"]["text"] == info.title
    assert rule["fullDescription"]["text"] == info.description
    assert rule["help"] == {"text": info.help_markdown, "markdown": info.help_markdown}
    assert rule["defaultConfiguration"] == {"level": "error"}
    props = rule["properties"]
    assert props["security-severity"] == f"{info.score:.1f}"
    assert isinstance(props["security-severity"], str)
    assert props["tags"] == [
        "security",
        "external/cwe/cwe-306",
        "stride/spoofing",
        "stride/elevation-of-privilege",
    ]


def test_default_level_follows_severity() -> None:
    report = sample_report()
    levels = {
        r["id"]: r["defaultConfiguration"]["level"] for r in _run(report)["tool"]["driver"]["rules"]
    }
    expected = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
    for info in report.rules:
        assert levels[info.id] == expected[info.severity]


def test_pascal_case_names() -> None:
    assert pascal_case("jwt-none-algorithm") == "JwtNoneAlgorithm"
    assert pascal_case("Deletion of any user, by any caller!") == "DeletionOfAnyUserByAnyCaller"


def test_one_result_per_threat_in_report_order_with_rule_index() -> None:
    report = sample_report()
    run = _run(report)
    results = run["results"]
    assert [r["ruleId"] for r in results] == [t.rule_id for t in report.threats]
    rules = run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in results] == [
        {"critical": "error", "high": "error", "medium": "warning", "low": "note"}[t.severity.value]
        for t in report.threats
    ]


def test_result_message_location_and_related_evidence() -> None:
    report = sample_report()
    index = _index(report, "TD-S001", "endpoint:POST /users")  # handler first, then spec
    threat = report.threats[index]
    result = _run(report)["results"][index]
    assert result["message"]["text"] == f"{threat.message} Attack vector: {threat.attack_vector}"
    (location,) = result["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "app/api.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 8, "endLine": 13},
    }
    (related,) = result["relatedLocations"]
    assert related["id"] == 1
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "openapi.yaml"
    assert related["physicalLocation"]["region"] == {"startLine": 5, "endLine": 7}
    assert related["message"]["text"] == "API specification."
    assert threat.fix is not None
    assert result["properties"] == {
        "threatId": threat.id,
        "stride": ["S", "E"],
        "severity": "high",
        "confidence": threat.confidence.value,
        "element": "endpoint:POST /users",
        "source": "rule",
        "fixSummary": threat.fix.summary,
    }
    assert "fixes" not in result


def test_odd_file_names_become_valid_relative_uris() -> None:
    results = _run(sample_report())["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "app/legacy%20%5Bv1%5D/odd%20name%3Aadmin.py" in uris
    assert ODD not in uris


def test_literal_brackets_in_messages_are_escaped() -> None:
    report = sample_report()
    result = _run(report)["results"][-1]  # the analyst threat says "[without checks]"
    assert "\\[without checks\\]" in result["message"]["text"]


def test_partial_fingerprints_hold_our_id_and_the_precomputed_line_hash() -> None:
    report = sample_report()
    hashes = compute_line_hashes(report, {API: API_TEXT})
    results = _run(report, line_hashes=hashes)["results"]
    expected = line_hashes(API_TEXT)
    index = _index(report, "TD-T001", "endpoint:POST /users")  # at app/api.py:12
    first = results[index]["partialFingerprints"]
    assert first == {
        "threatdelta/v1": report.threats[index].id,
        "primaryLocationLineHash": expected[11],
    }
    odd = next(r for r in results if r["ruleId"] == "TD-S001" and "legacy" in json.dumps(r))
    assert odd["partialFingerprints"] == {"threatdelta/v1": odd["properties"]["threatId"]}


def test_without_line_hashes_only_our_fingerprint_is_given() -> None:
    for result in _run(sample_report())["results"]:
        assert list(result["partialFingerprints"]) == ["threatdelta/v1"]


def test_notifications_become_tool_execution_notifications() -> None:
    report = sample_report()
    (invocation,) = _run(report)["invocations"]
    assert invocation["executionSuccessful"] is True
    notes = invocation["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == [n.code for n in report.notifications]
    assert [n["level"] for n in notes] == [n.level.value for n in report.notifications]
    parse_error = notes[0]
    assert parse_error["message"]["text"].endswith("\\[here\\].")
    assert parse_error["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "deploy/broken.yaml", "uriBaseId": "%SRCROOT%"}
            }
        }
    ]
    assert "locations" not in notes[2]  # a crashed rule has no path


def test_srcroot_is_declared_without_leaking_a_local_path() -> None:
    run = _run(sample_report())
    base = run["originalUriBaseIds"]["%SRCROOT%"]
    assert "uri" not in base
    assert base["description"]["text"]


def test_empty_report_is_a_run_with_rules_and_no_results() -> None:
    run = _run(empty_report())
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"]
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_serialiser_uses_schema_names_drops_defaults_keeps_levels() -> None:
    result = om.Result(
        message=om.Message(text="x."),
        rule_id="R1",
        rule_index=0,
        level="warning",
        kind="fail",
        locations=[
            om.Location(physical_location=om.PhysicalLocation(region=om.Region(start_line=1)))
        ],
    )
    assert to_json(result) == {
        "message": {"text": "x."},
        "ruleId": "R1",
        "ruleIndex": 0,
        "level": "warning",
        "locations": [{"physicalLocation": {"region": {"startLine": 1}}}],
    }
    assert to_json(om.SarifLog(runs=[], version="2.1.0", schema_uri="s")) == {
        "runs": [],
        "version": "2.1.0",
        "$schema": "s",
    }
