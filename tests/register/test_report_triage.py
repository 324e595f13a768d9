"""The register applied by the real pipeline: a repository without one gets exactly the
output it had; custom threats appear as human threats; suppressed threats leave the gate."""

from __future__ import annotations

import json
from pathlib import Path

from register_samples import (
    CREATE,
    CUSTOM_THREAT_YAML,
    scanned,
    threat_id,
    write_app,
    write_register,
)

from threatdelta.findings.threat import Severity, ThreatSource
from threatdelta.github.gate import GateVerdict, decide
from threatdelta.pipeline import scan, scan_with_inputs
from threatdelta.reporters.json_report import render_json
from threatdelta.reporters.sarif import render_sarif


def test_json_of_a_repository_without_a_register_is_unchanged(tmp_path: Path) -> None:
    root = write_app(tmp_path)
    before, _ = scan_with_inputs(root)  # the analysis before the register step
    after = scan(root, fixes=False)
    assert after.triage.entries == ()
    assert render_json(after) == render_json(before)
    assert "triage" not in json.loads(render_json(after))


def test_custom_threat_is_reported_as_a_human_threat_in_every_format(tmp_path: Path) -> None:
    write_register(tmp_path, CUSTOM_THREAT_YAML)
    report = scanned(tmp_path)
    human = [t for t in report.threats if t.source is ThreatSource.HUMAN]
    assert len(human) == 1
    threat = human[0]
    assert threat.title == "Coupon codes can be replayed"
    assert threat.severity is Severity.HIGH
    assert threat.element == CREATE
    assert (threat.evidence[0].location.start_line, threat.evidence[0].location.end_line) == (9, 13)
    document = json.loads(render_json(report))
    assert [t["source"] for t in document["threats"]].count("human") == 1
    sarif = json.loads(render_sarif(report))
    results = [r for r in sarif["runs"][0]["results"] if r["properties"]["source"] == "human"]
    assert results[0]["properties"]["threatId"] == threat.id


def test_custom_threat_id_is_stable_when_its_title_changes(tmp_path: Path) -> None:
    write_register(tmp_path / "a", CUSTOM_THREAT_YAML)
    write_register(tmp_path / "b", CUSTOM_THREAT_YAML.replace("can be replayed", "are replayable"))
    first = [t.id for t in scanned(tmp_path / "a").threats if t.source is ThreatSource.HUMAN]
    second = [t.id for t in scanned(tmp_path / "b").threats if t.source is ThreatSource.HUMAN]
    assert first == second


def test_suppressed_threats_leave_the_gate_but_a_human_threat_counts(tmp_path: Path) -> None:
    report = scanned(tmp_path / "plain")
    high = [t for t in report.threats if t.severity.rank >= Severity.HIGH.rank]
    decisions = "".join(
        f"  - target: {t.id}\n    status: accepted\n    justification: reviewed\n" for t in high
    )
    write_register(tmp_path / "triaged", "decisions:\n" + decisions)
    triaged = scanned(tmp_path / "triaged")
    gate = decide(triaged, fail_on="high", soft_fail=False, incomplete_conclusion="neutral")
    assert gate.verdict is GateVerdict.PASS
    assert f"{len(high)} accepted in the register" in gate.reason

    write_register(tmp_path / "human", "decisions:\n" + decisions + CUSTOM_THREAT_YAML)
    with_human = scanned(tmp_path / "human")
    gate = decide(with_human, fail_on="high", soft_fail=False, incomplete_conclusion="neutral")
    assert gate.verdict is GateVerdict.FAIL
    assert [t.source for t in gate.failing] == [ThreatSource.HUMAN]


def test_orphaned_decision_is_a_warning_in_the_report(tmp_path: Path) -> None:
    write_register(
        tmp_path,
        "decisions:\n  - target: th-0123456789ab\n    status: accepted\n    justification: old\n",
    )
    report = scanned(tmp_path)
    orphans = [n for n in report.notifications if n.code == "register-orphan"]
    assert len(orphans) == 1 and orphans[0].level.value == "warning"
    assert [d.target for d in report.triage.orphans] == ["th-0123456789ab"]
    assert decide(
        report, fail_on="none", soft_fail=False, incomplete_conclusion="neutral"
    ).verdict is (GateVerdict.PASS)


def test_cli_fail_on_ignores_suppressed_threats(tmp_path: Path) -> None:
    from threatdelta.cli.main import main

    report = scanned(tmp_path)
    sqli = threat_id(report, "TD-T001", CREATE)
    assert (
        main(
            [
                "scan",
                str(tmp_path),
                "--no-fixes",
                "--fail-on",
                "critical",
                "-o",
                str(tmp_path / "o"),
            ]
        )
        == 1
    )
    write_register(
        tmp_path, f"decisions:\n  - target: {sqli}\n    status: mitigated\n    justification: WAF\n"
    )
    assert (
        main(
            [
                "scan",
                str(tmp_path),
                "--no-fixes",
                "--fail-on",
                "critical",
                "-o",
                str(tmp_path / "o"),
            ]
        )
        == 0
    )


def test_json_of_a_repository_with_a_register_has_a_triage_block(tmp_path: Path) -> None:
    sqli = threat_id(scanned(tmp_path), "TD-T001", CREATE)
    write_register(
        tmp_path,
        f"decisions:\n  - target: {sqli}\n    status: accepted\n    justification: legacy\n"
        "    decided_by: Ada\n    expires: 2099-01-01\n"
        "  - target: rule:TD-Z999\n    status: false_positive\n    justification: gone\n",
    )
    document = json.loads(render_json(scanned(tmp_path)))
    decided = document["triage"]["decided"]
    assert [(d["id"], d["status"], d["decided_by"], d["expires"]) for d in decided] == [
        (sqli, "accepted", "Ada", "2099-01-01")
    ]
    assert [o["target"] for o in document["triage"]["orphans"]] == ["rule:TD-Z999"]
